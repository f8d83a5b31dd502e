#!/usr/bin/env bash
# The root file system the container image adds to an empty ("scratch") base, built from this
# machine: no registry is needed, so `./mvnw -Pimage package` works where none is reachable.
#
#   /opt/java       a Java runtime cut from $JAVA_HOME by jlink
#   /lib, /lib64    the C libraries that runtime and the embedded PostgreSQL's binaries link to
#   /usr/lib/locale the C.UTF-8 locale (PostgreSQL's initdb needs one it can load)
#   /bin/sh         BusyBox, statically linked: pg_ctl starts PostgreSQL through a shell
#   /etc/passwd     the unprivileged user 1000 the container runs as (initdb needs a name)
#   /data, /tmp     writable by that user (the data volume, temporary files)
#
# Usage: runtime.sh <embedded PostgreSQL binaries jar> <output directory>
set -euo pipefail

postgres_jar=$1
out=$2
java_home=${JAVA_HOME:?set JAVA_HOME to the JDK whose runtime goes into the image}

# ldd fails on a statically linked program: that is the BusyBox wanted.
busybox=/bin/busybox
if [ ! -x "$busybox" ] || ldd "$busybox" >/dev/null 2>&1; then
  echo "A statically linked BusyBox is needed (Debian: apt-get install busybox-static)." >&2
  exit 1
fi

rm -rf "$out"
mkdir -p "$out"

# Java SE whole (jdeps misses what libraries load by name: Logback's XML parser, JDBC's naming),
# and the JDK modules the app uses at run time: French locale data, charsets, zip file systems,
# JMX's process figures for the metrics, DNS, the vector API Lucene uses.
modules=java.se,jdk.unsupported,jdk.localedata,jdk.charsets,jdk.zipfs,jdk.management,jdk.naming.dns,jdk.crypto.cryptoki,jdk.incubator.vector
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files \
  --no-man-pages --compress zip-6 --output "$out/opt/java"

# The C libraries, found by ldd on the runtime and on PostgreSQL's binaries (the window-system
# libraries of java.desktop are left out: the server draws nothing on a screen).
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
(cd "$scratch" && unzip -q "$postgres_jar" '*.txz' && tar -xJf ./*.txz)
{
  find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' -o -name jspawnhelper \) \
    ! -name libawt_xawt.so ! -name libjsound.so ! -name libsplashscreen.so
  find "$scratch/bin" -type f
  find "$scratch/lib" -type f -name '*.so*'
} | while read -r binary; do
  ldd "$binary" 2>/dev/null || true
done | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/lib64\// { print $1 }' | sort -u | while read -r library; do
  case "$library" in
    "$scratch"/* | "$out"/*) continue ;;
  esac
  target="$out$(dirname "$library")"
  mkdir -p "$target"
  cp -L "$library" "$target/"
done

# The C.UTF-8 locale: initdb refuses a locale the C library cannot load.
if [ ! -d /usr/lib/locale/C.utf8 ]; then
  echo "The C.UTF-8 locale is needed (Debian: it comes with libc-bin)." >&2
  exit 1
fi
mkdir -p "$out/usr/lib/locale"
cp -r /usr/lib/locale/C.utf8 "$out/usr/lib/locale/"

mkdir -p "$out/bin" "$out/etc" "$out/data" "$out/tmp"
cp "$busybox" "$out/bin/sh"
cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
vademecum:x:1000:1000:Vademecum:/data:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
vademecum:x:1000:
GROUP
echo "image root: $(du -sh "$out" | cut -f1) in $out"

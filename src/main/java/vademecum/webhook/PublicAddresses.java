package vademecum.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Whether an address is an ordinary public one: outside every range of IANA's IPv4 and IPv6
 * special-purpose address registries (loopback, private, shared, link-local, documentation,
 * benchmarking, reserved, multicast, broadcast, discard, ORCHID, AS112 …), and for IPv6 inside the
 * global unicast block 2000::/3. An IPv4 address carried inside an IPv6 one (IPv4-mapped,
 * IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16) must itself be public; Teredo and the rest
 * of 2001::/23 are refused whole.
 */
final class PublicAddresses {
  private record Range(byte[] prefix, int bits) {
    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      int full = bits / 8;
      if (!Arrays.equals(address, 0, full, prefix, 0, full)) {
        return false;
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (prefix[full] & mask);
    }
  }

  private static final List<Range> V4 =
      ranges(
          "0.0.0.0/8",
          "10.0.0.0/8",
          "100.64.0.0/10",
          "127.0.0.0/8",
          "169.254.0.0/16",
          "172.16.0.0/12",
          "192.0.0.0/24",
          "192.0.2.0/24",
          "192.31.196.0/24",
          "192.52.193.0/24",
          "192.88.99.0/24",
          "192.168.0.0/16",
          "192.175.48.0/24",
          "198.18.0.0/15",
          "198.51.100.0/24",
          "203.0.113.0/24",
          "224.0.0.0/4",
          "240.0.0.0/4");

  private static final List<Range> V6 =
      ranges(
          "64:ff9b:1::/48",
          "100::/64",
          "100:0:0:1::/64",
          "2001::/23",
          "2001:db8::/32",
          "2620:4f:8000::/48",
          "3fff::/20",
          "5f00::/16");

  private static final Range GLOBAL_UNICAST = range("2000::/3");
  // Written out: Java reads "::ffff:0:0" as the IPv4 address 0.0.0.0.
  private static final Range MAPPED =
      new Range(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, -1, 0, 0, 0, 0}, 96);
  private static final Range COMPATIBLE = range("::/96");
  private static final Range NAT64 = range("64:ff9b::/96");
  private static final Range SIX_TO_FOUR = range("2002::/16");

  private PublicAddresses() {}

  static boolean isPublic(InetAddress address) {
    byte[] raw = address.getAddress();
    if (address instanceof Inet4Address) {
      return V4.stream().noneMatch(r -> r.contains(raw));
    }
    if (MAPPED.contains(raw) || COMPATIBLE.contains(raw) || NAT64.contains(raw)) {
      return isPublic(v4(raw, 12));
    }
    if (SIX_TO_FOUR.contains(raw)) {
      return isPublic(v4(raw, 2));
    }
    return GLOBAL_UNICAST.contains(raw) && V6.stream().noneMatch(r -> r.contains(raw));
  }

  private static InetAddress v4(byte[] raw, int from) {
    try {
      return InetAddress.getByAddress(Arrays.copyOfRange(raw, from, from + 4));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Range> ranges(String... cidrs) {
    return Arrays.stream(cidrs).map(PublicAddresses::range).toList();
  }

  /** Literal addresses only: no name is ever looked up here. */
  private static Range range(String cidr) {
    String[] parts = cidr.split("/");
    try {
      return new Range(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(cidr, e);
    }
  }
}

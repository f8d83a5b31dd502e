package vademecum.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address of the person behind a request. Behind a reverse proxy every request comes from the
 * proxy: its {@code X-Forwarded-For} names the client, but anyone can send that header, so it is
 * believed only from the proxies named in {@code VADEMECUM_TRUSTED_PROXIES} (a comma-separated list
 * of addresses or CIDR blocks). The client is the rightmost address of the header that is not one
 * of those proxies (OWASP: the left part is whatever the client chose to write).
 */
public final class ClientAddress {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private record Block(byte[] prefix, int bits) {
    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      for (int bit = 0; bit < bits; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((address[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  private final List<Block> trusted;

  private ClientAddress(List<Block> trusted) {
    this.trusted = trusted;
  }

  /** Nobody's forwarding header is believed: the address is the connection's. */
  public static ClientAddress direct() {
    return new ClientAddress(List.of());
  }

  /**
   * @throws IllegalArgumentException naming the entry that is not an address or CIDR block
   */
  public static ClientAddress trusting(String proxies) {
    List<Block> blocks = new ArrayList<>();
    if (proxies != null) {
      for (String entry : proxies.split(",")) {
        String cidr = entry.strip();
        if (cidr.isEmpty()) {
          continue;
        }
        String[] parts = cidr.split("/", 2);
        byte[] address = literal(parts[0]);
        if (address == null) {
          throw new IllegalArgumentException(
              "VADEMECUM_TRUSTED_PROXIES: '" + cidr + "' is not an address or a CIDR block");
        }
        int bits = address.length * 8;
        if (parts.length == 2) {
          try {
            bits = Integer.parseInt(parts[1]);
          } catch (NumberFormatException e) {
            bits = -1;
          }
          if (bits < 0 || bits > address.length * 8) {
            throw new IllegalArgumentException(
                "VADEMECUM_TRUSTED_PROXIES: '" + cidr + "' has a prefix length out of range");
          }
        }
        blocks.add(new Block(address, bits));
      }
    }
    return new ClientAddress(List.copyOf(blocks));
  }

  public String of(Context ctx) {
    return of(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
  }

  /**
   * Whether the request was made on this machine: from a loopback address, and not relayed by a
   * proxy (a reverse proxy on the same machine connects from loopback for every visitor, so a
   * forwarding header, believed or not, means someone else asked).
   */
  public static boolean isLocal(Context ctx) {
    if (ctx.header("X-Forwarded-For") != null
        || ctx.header("Forwarded") != null
        || ctx.header("X-Real-IP") != null) {
      return false;
    }
    byte[] raw = literal(ctx.req().getRemoteAddr());
    try {
      return raw != null && InetAddress.getByAddress(raw).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * Some proxies (Azure's Application Gateway) write the client's port too: "203.0.113.5:51234",
   * "[2001:db8::1]:443". Read as no address, every client counted as the proxy itself, and one
   * person's failed sign-ins slowed everyone's.
   */
  static String withoutPort(String hop) {
    if (hop.startsWith("[") && hop.contains("]")) {
      return hop.substring(1, hop.indexOf(']'));
    }
    int colon = hop.indexOf(':');
    if (colon > 0 && colon == hop.lastIndexOf(':') && hop.indexOf('.') > 0) {
      return hop.substring(0, colon);
    }
    return hop;
  }

  String of(String remote, String forwardedFor) {
    if (forwardedFor == null || !isTrusted(remote)) {
      return remote;
    }
    String[] hops = forwardedFor.split(",");
    for (int i = 0; i < hops.length; i++) {
      hops[i] = withoutPort(hops[i].strip());
    }
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (literal(hop) == null) {
        // Not an address: what lies left of it cannot be trusted either.
        return i == hops.length - 1 ? remote : hops[i + 1].strip();
      }
      if (!isTrusted(hop)) {
        return hop;
      }
    }
    return hops[0].strip();
  }

  private boolean isTrusted(String address) {
    byte[] raw = literal(address);
    return raw != null && trusted.stream().anyMatch(b -> b.contains(raw));
  }

  /** The bytes of an IP literal, never looking a name up; null for anything else. */
  private static byte[] literal(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String bare =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    if (!IPV4.matcher(bare).matches() && !bare.contains(":")) {
      return null;
    }
    try {
      return InetAddress.getByName(bare).getAddress();
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }
}

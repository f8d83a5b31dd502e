package vademecum.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The JVM's name resolution, except for the host of a webhook being delivered: while the delivery
 * runs, its name resolves to the addresses that were checked, not to what its DNS server answers a
 * moment later. Without it, a name could be checked while it points at a public address and then,
 * for the HTTP client's own lookup, be pointed at the server itself or its intranet (DNS
 * rebinding). Installed for the whole JVM through {@code
 * META-INF/services/java.net.spi.InetAddressResolverProvider} (the resolver is chosen once, at the
 * first lookup), so the pins are kept in one static map; every other name goes to the JVM's own
 * resolver unchanged.
 */
public final class PinnedNames extends InetAddressResolverProvider {
  private static final Map<String, Pinned> PINS = new ConcurrentHashMap<>();

  private record Pinned(List<InetAddress> addresses, int holders) {}

  /** A pin, removed when closed. */
  public interface Pin extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Until the returned pin is closed, {@code host} resolves to {@code addresses} (several
   * deliveries to one host may hold it at once).
   */
  static Pin pin(String host, List<InetAddress> addresses) {
    String name = host.toLowerCase(Locale.ROOT);
    PINS.merge(
        name,
        new Pinned(List.copyOf(addresses), 1),
        (held, added) -> new Pinned(held.addresses(), held.holders() + 1));
    return () ->
        PINS.computeIfPresent(
            name,
            (key, held) ->
                held.holders() == 1 ? null : new Pinned(held.addresses(), held.holders() - 1));
  }

  @Override
  public InetAddressResolver get(Configuration configuration) {
    InetAddressResolver builtin = configuration.builtinResolver();
    return new InetAddressResolver() {
      @Override
      public Stream<InetAddress> lookupByName(String host, LookupPolicy policy)
          throws UnknownHostException {
        Pinned pinned = PINS.get(host.toLowerCase(Locale.ROOT));
        if (pinned == null) {
          return builtin.lookupByName(host, policy);
        }
        List<InetAddress> allowed =
            pinned.addresses().stream().filter(a -> accepts(policy, a)).toList();
        if (allowed.isEmpty()) {
          throw new UnknownHostException(host);
        }
        return allowed.stream();
      }

      @Override
      public String lookupByAddress(byte[] address) throws UnknownHostException {
        return builtin.lookupByAddress(address);
      }
    };
  }

  private static boolean accepts(InetAddressResolver.LookupPolicy policy, InetAddress address) {
    int wanted = policy.characteristics();
    return (address instanceof Inet4Address
            && (wanted & InetAddressResolver.LookupPolicy.IPV4) != 0)
        || (address instanceof Inet6Address
            && (wanted & InetAddressResolver.LookupPolicy.IPV6) != 0);
  }

  @Override
  public String name() {
    return "vademecum-pinned-webhook-names";
  }
}

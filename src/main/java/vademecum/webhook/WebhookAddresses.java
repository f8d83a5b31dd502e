package vademecum.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Where webhooks may go. An owner of a workspace is not an administrator of the server: the server
 * must not post, on their behalf, to itself, to its database, to a cloud metadata address or to the
 * intranet around it — unless the administrator allows private addresses ({@code
 * VADEMECUM_WEBHOOKS_ALLOW_PRIVATE=true}, e.g. for an intranet receiver).
 */
public final class WebhookAddresses {
  private final boolean allowPrivate;

  public WebhookAddresses(boolean allowPrivate) {
    this.allowPrivate = allowPrivate;
  }

  /** True when the URL's host resolves only to public addresses (or private ones are allowed). */
  public boolean permitted(URI url) {
    try {
      return allowPrivate || !checked(url).isEmpty();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /**
   * The addresses the URL's host resolves to, when all of them are allowed; empty when one is not.
   *
   * @throws UnknownHostException when the name is not found now, which may be a passing failure of
   *     the resolver: a delivery tries again later, where a private address fails it for good
   */
  List<InetAddress> checked(URI url) throws UnknownHostException {
    if (url.getHost() == null || url.getHost().isBlank()) {
      return List.of(); // (InetAddress would take no name for the loopback address)
    }
    InetAddress[] addresses = InetAddress.getAllByName(url.getHost());
    for (InetAddress address : addresses) {
      if (!allowPrivate && isPrivate(address)) {
        return List.of();
      }
    }
    return List.of(addresses);
  }

  static boolean isPrivate(InetAddress address) {
    return !PublicAddresses.isPublic(address);
  }
}

package vademecum.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OpenID Connect provider people sign in with: any provider by its issuer, or Google and
 * Microsoft by name ({@code VADEMECUM_OIDC_PROVIDER}), with the client registered there.
 *
 * @param issuer the provider's issuer URL, whose {@code .well-known/openid-configuration} says the
 *     rest
 * @param name what the sign-in button calls it ("Google", "Microsoft", the company's name)
 * @param allowedDomains e-mail domains whose people may sign in without an invitation (their
 *     account is made on first sign-in); empty: only invited or known addresses
 * @param groupsClaim the ID token claim listing the person's groups
 * @param groupRoles what each group of the provider makes its members in a workspace
 */
public record SingleSignOn(
    String issuer,
    String clientId,
    String clientSecret,
    String name,
    Set<String> allowedDomains,
    String groupsClaim,
    List<GroupRole> groupRoles) {

  /** Members of {@code group} at the provider are {@code role} in {@code workspace}. */
  public record GroupRole(String group, String workspace, String role) {}

  static final Set<String> ROLES = Set.of("owner", "editor", "assistant", "recruiter");

  static Optional<SingleSignOn> from(Map<String, String> env) {
    Optional<String> provider =
        Config.nonBlank(env.get("VADEMECUM_OIDC_PROVIDER")).map(p -> p.toLowerCase(Locale.ROOT));
    Optional<String> issuer = Config.nonBlank(env.get("VADEMECUM_OIDC_ISSUER"));
    if (provider.isEmpty() && issuer.isEmpty()) {
      return Optional.empty();
    }
    String name = Config.nonBlank(env.get("VADEMECUM_OIDC_NAME")).orElse(null);
    if (provider.isPresent()) {
      switch (provider.get()) {
        case "google" -> {
          issuer = issuer.or(() -> Optional.of("https://accounts.google.com"));
          name = name == null ? "Google" : name;
        }
        case "microsoft" -> {
          // A tenant's own issuer: the common endpoints name no single issuer to check.
          String tenant =
              Config.nonBlank(env.get("VADEMECUM_OIDC_TENANT"))
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "VADEMECUM_OIDC_TENANT must name the Microsoft Entra tenant (its"
                                  + " directory id) with VADEMECUM_OIDC_PROVIDER=microsoft"));
          issuer =
              issuer.or(() -> Optional.of("https://login.microsoftonline.com/" + tenant + "/v2.0"));
          name = name == null ? "Microsoft" : name;
        }
        default ->
            throw new IllegalArgumentException(
                "VADEMECUM_OIDC_PROVIDER must be google or microsoft (or be left empty and"
                    + " VADEMECUM_OIDC_ISSUER set), not \""
                    + provider.get()
                    + "\"");
      }
    }
    String clientId = required(env, "VADEMECUM_OIDC_CLIENT_ID");
    String clientSecret = required(env, "VADEMECUM_OIDC_CLIENT_SECRET");
    Set<String> domains = new LinkedHashSet<>();
    for (String domain : env.getOrDefault("VADEMECUM_OIDC_ALLOWED_DOMAINS", "").split(",")) {
      String bare = domain.strip().toLowerCase(Locale.ROOT).replaceFirst("^@", "");
      if (!bare.isEmpty()) {
        domains.add(bare);
      }
    }
    return Optional.of(
        new SingleSignOn(
            issuer.orElseThrow().replaceAll("/+$", ""),
            clientId,
            clientSecret,
            name == null ? "single sign-on" : name,
            Set.copyOf(domains),
            Config.nonBlank(env.get("VADEMECUM_OIDC_GROUPS_CLAIM")).orElse("groups"),
            groupRoles(env.getOrDefault("VADEMECUM_OIDC_GROUP_ROLES", ""))));
  }

  /** {@code group=workspace:role, other=workspace:role}. */
  static List<GroupRole> groupRoles(String text) {
    List<GroupRole> roles = new ArrayList<>();
    for (String entry : text.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int equals = entry.lastIndexOf('=');
      int colon = entry.lastIndexOf(':');
      String role = colon < 0 ? "" : entry.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
      if (equals <= 0 || colon < equals || !ROLES.contains(role)) {
        throw new IllegalArgumentException(
            "VADEMECUM_OIDC_GROUP_ROLES must read group=workspace:role (role: owner, editor,"
                + " assistant or recruiter), not \""
                + entry.strip()
                + "\"");
      }
      roles.add(
          new GroupRole(
              entry.substring(0, equals).strip(),
              entry.substring(equals + 1, colon).strip(),
              role));
    }
    return List.copyOf(roles);
  }

  private static String required(Map<String, String> env, String name) {
    return Config.nonBlank(env.get(name))
        .orElseThrow(
            () -> new IllegalArgumentException(name + " must be set to use single sign-on"));
  }

  /** Whether this address's domain lets its owner in without an invitation. */
  public boolean allows(String email) {
    int at = email.lastIndexOf('@');
    return at > 0 && allowedDomains.contains(email.substring(at + 1).toLowerCase(Locale.ROOT));
  }
}

package vademecum.sso;

import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.account.AccountRepository;
import vademecum.account.AccountService;
import vademecum.config.SingleSignOn;
import vademecum.kernel.Account;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.workspace.MembershipService;

/**
 * Who a sign-in provider's ID token is, here. A known address signs in to its account; an unknown
 * one gets an account only when an invitation, an allowed domain or a mapped group lets it in. The
 * address must be one the provider has verified: a provider where anyone can write any address
 * would otherwise open anyone's account.
 */
final class SignOn {
  private static final Logger log = LoggerFactory.getLogger(SignOn.class);

  private final SingleSignOn settings;
  private final AccountService accounts;
  private final MembershipService memberships;

  SignOn(SingleSignOn settings, AccountService accounts, MembershipService memberships) {
    this.settings = settings;
    this.accounts = accounts;
    this.memberships = memberships;
  }

  static final String NO_EMAIL =
      "The sign-in provider did not say your e-mail address, so no account can be found for you.";
  static final String UNUSABLE_EMAIL =
      "The sign-in provider gave an e-mail address Vademecum cannot use (at most 254 characters,"
          + " one @). Ask your administrator.";
  static final String UNVERIFIED =
      "The sign-in provider has not verified the address {0}. Verify it there, then sign in"
          + " again.";
  static final String NOT_INVITED =
      "No account here has the address {0}. Ask a workspace owner to invite it.";
  static final String DISABLED = "This account is disabled. Ask an administrator.";

  /**
   * @param language the interface's language now, for a new account
   * @throws Refusal who the token names cannot sign in here
   */
  Account accountFor(IDTokenClaimsSet claims, String language) {
    String email = claims.getStringClaim("email");
    if (email == null || email.isBlank()) {
      throw Refusal.forbidden(NO_EMAIL);
    }
    email = email.strip();
    String normalised = AccountRepository.normaliseEmail(email);
    if (normalised.length() > AccountRepository.MAX_EMAIL
        || normalised.indexOf('@') <= 0
        || normalised.indexOf('@') != normalised.lastIndexOf('@')) {
      // Not plausibleEmail: a provider may name people "jdupont@corp", a domain with no dot.
      // Kilobytes of address went past the unique index of accounts: a 500 at each sign-in.
      throw Refusal.forbidden(UNUSABLE_EMAIL);
    }
    if (!Boolean.TRUE.equals(claims.getBooleanClaim("email_verified"))) {
      throw Refusal.forbidden(UNVERIFIED.replace("{0}", email));
    }
    List<SingleSignOn.GroupRole> grants = grants(claims);
    Optional<Account> known = accounts.findByEmail(email);
    Account account;
    if (known.isPresent()) {
      account = known.get();
      if (account.disabled()) {
        throw Refusal.forbidden(DISABLED);
      }
      accounts.confirmByProvider(account.id(), settings.issuer());
    } else {
      if (!memberships.invited(email) && !settings.allows(email) && grants.isEmpty()) {
        throw Refusal.forbidden(NOT_INVITED.replace("{0}", email));
      }
      account =
          accounts.createFromProvider(
              email, claims.getStringClaim("name"), language, settings.issuer());
    }
    memberships.acceptInvitationsOf(account);
    // One role per workspace, the one with the most rights (in Role's order): someone in a group
    // for owners and one for assistants was demoted then promoted at each sign-in, and the
    // demotion's follow-ups deleted their webhooks every time.
    Map<String, SingleSignOn.GroupRole> strongest = new LinkedHashMap<>();
    for (SingleSignOn.GroupRole grant : grants) {
      strongest.merge(
          grant.workspace(),
          grant,
          (kept, other) ->
              Role.fromColumn(other.role()).ordinal() < Role.fromColumn(kept.role()).ordinal()
                  ? other
                  : kept);
    }
    for (SingleSignOn.GroupRole grant : strongest.values()) {
      if (!memberships.grantFromProvider(
          grant.workspace(), account.id(), Role.fromColumn(grant.role()), grant.group())) {
        log.warn(
            "Group {} maps to workspace {}, which does not exist",
            grant.group(),
            grant.workspace());
      }
    }
    return account;
  }

  /** The roles the person's groups at the provider give, by the settings' mapping. */
  private List<SingleSignOn.GroupRole> grants(IDTokenClaimsSet claims) {
    if (settings.groupRoles().isEmpty()) {
      return List.of();
    }
    // A list of groups, or one group alone as a string.
    List<String> groups = claims.getStringListClaim(settings.groupsClaim());
    if (groups == null) {
      String single = claims.getStringClaim(settings.groupsClaim());
      groups = single == null ? List.of() : List.of(single);
    }
    List<String> held = groups;
    return settings.groupRoles().stream().filter(g -> held.contains(g.group())).toList();
  }
}

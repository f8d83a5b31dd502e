package vademecum.workspace;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import vademecum.web.Chrome;

/**
 * Accepting an invitation: a new person chooses a name and password; a person who has an account
 * signs in (the normal, throttled sign-in) and then joins with one button. An address whose account
 * is not confirmed cannot join (issue 20); a new account confirmed by e-mail is told to open the
 * link sent to it ({@code notice}).
 *
 * @param signedInAs the address of whoever is signed in on this browser, or null
 * @param signedInAsInvitee whether that is the invited address
 */
public record InvitationPage(
    Chrome chrome,
    String formToken,
    Invitation invitation,
    String token,
    boolean existingAccount,
    boolean unconfirmedAccount,
    String signedInAs,
    boolean signedInAsInvitee,
    String name,
    String notice,
    String error) {
  /** The sign-in page, coming back here afterwards. */
  public String signInUrl() {
    return "/login?next=" + URLEncoder.encode("/invitations/" + token, StandardCharsets.UTF_8);
  }
}

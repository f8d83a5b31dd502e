package vademecum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.EMAIL_VERIFICATION;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Account;
import vademecum.kernel.Role;
import vademecum.kernel.Secrets;
import vademecum.kernel.Workspace;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;
import vademecum.testing.TestSmtp;

/**
 * Issue 20, item 6: whoever holds an invitation link chooses the account's password, so the address
 * is confirmed — by a link sent to it when e-mail is set up, else by an administrator — before it
 * can sign in (with e-mail) or be bound to another workspace's invitation.
 */
class EmailVerificationTest {
  private static GreenMail smtp;
  private static TestApp withMail;
  private static TestApp withoutMail;

  @BeforeAll
  static void start() throws Exception {
    smtp = TestSmtp.start();
    withMail = TestApp.startWithSmtp(TestSmtp.url(smtp, "acces@moreau.example"));
    withoutMail = TestApp.start();
  }

  @AfterAll
  static void stop() {
    withMail.close();
    withoutMail.close();
    smtp.stop();
  }

  @Test
  void
      without_email_an_address_taken_through_an_invitation_is_bound_nowhere_else_until_an_admin_confirms_it()
          throws Exception {
    Workspace alpha = withoutMail.workspace("alpha");
    Workspace beta = withoutMail.workspace("beta");
    Browser alphaOwner = withoutMail.signedIn(alpha, Role.OWNER);
    Browser betaOwner = withoutMail.signedIn(beta, Role.OWNER);

    // alpha's owner invites an address that is not theirs and opens the link themselves.
    Browser attacker = withoutMail.browser();
    String alphaLink = path(invite(alphaOwner, "alpha", "ceo@victim-company.example"));
    attacker.get(alphaLink);
    var made =
        attacker.post(alphaLink, Map.of("name", "Le PDG", "password", "un mot de passe solide"));
    assertEquals(303, made.statusCode(), made.body());
    assertEquals(200, attacker.get("/w/alpha").statusCode(), "without e-mail it signs in at once");

    // beta invites the real person: the page reveals no account and offers no sign-in.
    String betaLink = path(invite(betaOwner, "beta", "ceo@victim-company.example"));
    String page = withoutMail.browser().get(betaLink).body();
    assertFalse(page.contains("/login?next="), page);
    assertFalse(page.contains("type=\"password\""), page);
    assertFalse(page.contains("Le PDG"), "the name chosen by whoever made the account: " + page);
    // The holder of that account cannot accept it either.
    attacker.get(betaLink);
    var refused = attacker.post(betaLink, Map.of());
    assertEquals(409, refused.statusCode(), refused.body());
    assertEquals(404, attacker.get("/w/beta").statusCode(), "not bound to beta");

    // An administrator vouches for the address; then the invitation can be accepted.
    Account admin =
        withoutMail
            .app()
            .services()
            .accounts()
            .create("root@vademecum.example", "Admin", "fr", TestApp.PASSWORD, true, null);
    Browser administrator = withoutMail.browser();
    administrator.login(admin.email(), TestApp.PASSWORD);
    long id =
        withoutMail
            .app()
            .services()
            .accounts()
            .findByEmail("ceo@victim-company.example")
            .orElseThrow()
            .id();
    String adminPage = administrator.get("/admin").body();
    assertTrue(adminPage.contains("/admin/accounts/" + id + "/confirm"), adminPage);
    var confirmed = administrator.post("/admin/accounts/" + id + "/confirm", Map.of());
    assertEquals(303, confirmed.statusCode(), confirmed.body());
    assertFalse(administrator.get("/admin").body().contains("/admin/accounts/" + id + "/confirm"));
    assertEquals(
        404,
        administrator.post("/admin/accounts/" + id + "/confirm", Map.of()).statusCode(),
        "already confirmed");

    attacker.get(betaLink);
    assertEquals(303, attacker.post(betaLink, Map.of()).statusCode());
    assertEquals(200, attacker.get("/w/beta").statusCode());
  }

  @Test
  void with_email_a_new_account_signs_in_only_after_opening_the_link_sent_to_its_address()
      throws Exception {
    Workspace moreau = withMail.workspace("moreau");
    Workspace durand = withMail.workspace("durand");
    Browser owner = withMail.signedIn(moreau, Role.OWNER);
    String address = "nouvelle.assistante@moreau.example";
    String link = path(invite(owner, "moreau", address));

    Browser invitee = withMail.browser();
    invitee.get(link);
    var made = invitee.post(link, Map.of("name", "Inès", "password", "un mot de passe solide"));
    assertEquals(200, made.statusCode(), made.body());
    assertTrue(made.body().contains(address), made.body());
    assertEquals(303, invitee.get("/w/moreau").statusCode(), "no session before confirming");

    // Two mails: the invitation (e-mail is set up), then the link that confirms the address.
    assertTrue(smtp.waitForIncomingEmail(10_000, 2));
    List<MimeMessage> mails = mailsContaining("/verify/");
    assertEquals(1, mails.size());
    assertEquals(1, mailsContaining("/invitations/").size(), "the invitation was e-mailed");
    assertEquals(address, mails.get(0).getAllRecipients()[0].toString());
    Matcher url =
        Pattern.compile("(/verify/[A-Za-z0-9_-]+)").matcher((String) mails.get(0).getContent());
    assertTrue(url.find(), (String) mails.get(0).getContent());
    String verify = url.group(1);

    // The right password is not enough yet, and no second mail leaves within two minutes.
    var early = invitee.login(address, "un mot de passe solide");
    assertEquals(403, early.statusCode(), early.body());
    assertTrue(early.body().contains(address), early.body());
    assertEquals(1, mailsContaining("/verify/").size());

    // Another workspace's invitation cannot bind the address before it is confirmed.
    String durandLink = path(invite(withMail.signedIn(durand, Role.OWNER), "durand", address));
    assertFalse(withMail.browser().get(durandLink).body().contains("/login?next="));

    // Opening the link shows a button (a mail scanner's GET confirms nothing), which signs in.
    Browser mailbox = withMail.browser();
    var form = mailbox.get(verify);
    assertEquals(200, form.statusCode(), form.body());
    assertEquals(303, mailbox.get("/w/moreau").statusCode(), "the GET signed nobody in");
    // The address's owner chooses the password: the one given with the invitation link may have
    // been chosen by someone else holding that link, who would otherwise sign in as the address.
    var noPassword = mailbox.post(verify, Map.of());
    assertEquals(400, noPassword.statusCode(), noPassword.body());
    assertTrue(noPassword.body().contains("type=\"password\""), noPassword.body());
    var mismatch =
        mailbox.post(verify, Map.of("password", "le mien, vraiment", "repeat", "autre chose!"));
    assertEquals(400, mismatch.statusCode(), mismatch.body());
    assertEquals(303, mailbox.get("/w/moreau").statusCode(), "not confirmed by a refused form");
    // A second link, as a sign-in more than two minutes later would have mailed.
    long accountId = withMail.app().services().accounts().findByEmail(address).orElseThrow().id();
    withMail
        .app()
        .services()
        .database()
        .dsl()
        .insertInto(EMAIL_VERIFICATION)
        .set(EMAIL_VERIFICATION.TOKEN_HASH, Secrets.hash("second-link"))
        .set(EMAIL_VERIFICATION.ACCOUNT_ID, accountId)
        .set(EMAIL_VERIFICATION.EXPIRES_AT, OffsetDateTime.now().plusDays(1))
        .execute();
    var done =
        mailbox.post(
            verify, Map.of("password", "le mien, vraiment", "repeat", "le mien, vraiment"));
    assertEquals(303, done.statusCode(), done.body());
    assertEquals(200, mailbox.get("/w/moreau").statusCode());
    assertEquals(410, withMail.browser().get(verify).statusCode(), "single use");
    // The address is confirmed: the other link no longer sets a password and signs in.
    assertEquals(410, withMail.browser().get("/verify/second-link").statusCode());

    var linkHolder = withMail.browser().login(address, "un mot de passe solide");
    assertEquals(401, linkHolder.statusCode(), "the link holder's password no longer signs in");
    assertEquals(303, withMail.browser().login(address, "le mien, vraiment").statusCode());
    Browser confirmed = withMail.browser();
    confirmed.login(address, "le mien, vraiment");
    confirmed.get(durandLink);
    assertEquals(303, confirmed.post(durandLink, Map.of()).statusCode(), "now it can join durand");
  }

  private static List<MimeMessage> mailsContaining(String text) throws Exception {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage mail : smtp.getReceivedMessages()) {
      if (((String) mail.getContent()).contains(text)) {
        found.add(mail);
      }
    }
    return found;
  }

  private static String invite(Browser owner, String workspace, String email) {
    owner.get("/w/" + workspace + "/members");
    var page =
        owner.post("/w/" + workspace + "/invitations", Map.of("email", email, "role", "assistant"));
    assertEquals(200, page.statusCode(), page.body());
    Matcher matcher =
        Pattern.compile("(https?://[^<\\s\"]+/invitations/[A-Za-z0-9_-]+)").matcher(page.body());
    assertTrue(matcher.find(), "the link is shown once");
    return matcher.group(1);
  }

  private static String path(String link) {
    return link.substring(link.indexOf("/invitations/"));
  }
}

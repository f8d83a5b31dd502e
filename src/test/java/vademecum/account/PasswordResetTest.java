package vademecum.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.ACCOUNT;
import static vademecum.db.schema.Tables.PASSWORD_RESET;
import static vademecum.testing.TestApp.form;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Account;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.testing.Browser;
import vademecum.testing.TestApp;
import vademecum.testing.TestSmtp;
import vademecum.web.WebServer;

/** Issue 23: a forgotten password is recovered by a mailed link, or one an admin or owner makes. */
class PasswordResetTest {
  private static final String NEW_PASSWORD = "un tout nouveau secret";

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

  private static List<String> mailsTo(String address) throws Exception {
    List<String> bodies = new ArrayList<>();
    for (MimeMessage mail : smtp.getReceivedMessages()) {
      if (mail.getAllRecipients()[0].toString().equals(address)) {
        bodies.add((String) mail.getContent());
      }
    }
    return bodies;
  }

  /**
   * The mails to an address once {@code count} have come (they are sent after the answer, one after
   * the other), and a moment later, so that one too many would be seen.
   */
  private static List<String> mailsTo(String address, int count) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (mailsTo(address).size() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    Thread.sleep(500);
    return mailsTo(address);
  }

  private static String resetPath(String text) {
    Matcher link = Pattern.compile("(/password/reset/[A-Za-z0-9_-]+)").matcher(text);
    assertTrue(link.find(), text);
    return link.group(1);
  }

  @Test
  void a_mailed_link_sets_a_new_password_once_and_ends_every_session() throws Exception {
    Workspace office = withMail.workspace("moreau-reset");
    Account account = withMail.account(office, Role.ASSISTANT, "fr");
    Browser laptop = withMail.browser();
    laptop.login(account.email(), TestApp.PASSWORD);
    assertEquals(200, laptop.get("/w/moreau-reset").statusCode());
    // A token made by whoever knew the old password.
    String token = withMail.app().services().tokens().create(account.id(), "old password");
    assertEquals(200, withMail.getWithBearer("/api/v1/me", token).statusCode());

    Browser phone = withMail.browser();
    assertTrue(phone.get("/login").body().contains("href=\"/password/forgot\""));
    phone.get("/password/forgot");
    var known = phone.post("/password/forgot", form("email", account.email()));
    var unknown = phone.post("/password/forgot", form("email", "nobody@nowhere.example"));
    assertEquals(200, known.statusCode());
    assertEquals(known.statusCode(), unknown.statusCode());
    assertEquals(
        known.body().replace(phone.csrf(), "T"),
        unknown.body().replace(phone.csrf(), "T"),
        "the page says nothing of who has an account");

    List<String> mails = mailsTo(account.email(), 1);
    assertEquals(1, mails.size());
    assertTrue(mails.get(0).contains("valable une heure"), mails.get(0));
    String reset = resetPath(mails.get(0));

    Browser mailbox = withMail.browser();
    assertEquals(200, mailbox.get(reset).statusCode(), "a GET only shows the form");
    var different = mailbox.post(reset, form("password", NEW_PASSWORD, "repeat", "autre chose!!"));
    assertEquals(400, different.statusCode());
    assertTrue(different.body().contains("The two passwords are not the same."));
    var weak = mailbox.post(reset, form("password", "court", "repeat", "court"));
    assertEquals(400, weak.statusCode());
    var done = mailbox.post(reset, form("password", NEW_PASSWORD, "repeat", NEW_PASSWORD));
    assertEquals(303, done.statusCode(), done.body());
    assertEquals("/login?reset", done.headers().firstValue("Location").orElseThrow());
    assertTrue(mailbox.get("/login?reset").body().contains("Your password was changed"));

    assertEquals(410, withMail.browser().get(reset).statusCode(), "single use");
    assertEquals(303, laptop.get("/w/moreau-reset").statusCode(), "the old session ended");
    assertEquals(
        401, withMail.getWithBearer("/api/v1/me", token).statusCode(), "its tokens are revoked");
    assertEquals(401, withMail.browser().login(account.email(), TestApp.PASSWORD).statusCode());
    assertEquals(303, withMail.browser().login(account.email(), NEW_PASSWORD).statusCode());
  }

  @Test
  void a_link_mailed_before_a_password_change_or_signing_out_everywhere_no_longer_works()
      throws Exception {
    // Someone who read the mailbox asked for a link; the owner noticed and acted.
    Workspace office = withMail.workspace("moreau-leak");
    Account account = withMail.account(office, Role.ASSISTANT, "fr");
    Account other = withMail.account(office, Role.ASSISTANT, "fr");
    for (Account a : List.of(account, other)) {
      Browser someone = withMail.browser();
      someone.get("/password/forgot");
      someone.post("/password/forgot", form("email", a.email()));
    }
    String first = resetPath(mailsTo(account.email(), 1).get(0));
    String second = resetPath(mailsTo(other.email(), 1).get(0));
    var accounts = withMail.app().services().accounts();
    accounts.signOutEverywhere(account.id());
    accounts.changePassword(other.id(), TestApp.PASSWORD, NEW_PASSWORD, "test");
    assertEquals(410, withMail.browser().get(first).statusCode(), "signed out everywhere");
    assertEquals(410, withMail.browser().get(second).statusCode(), "password changed");

    // A token asked for from a session that was ended while the request ran is not made.
    Browser stale = withMail.browser();
    stale.login(other.email(), NEW_PASSWORD);
    stale.ready();
    var tokens = withMail.app().services().tokens();
    String ended = "ended-" + System.nanoTime();
    Refusal refused =
        assertThrows(Refusal.class, () -> tokens.create(other.id(), "script", 30, ended));
    assertEquals(401, WebServer.status(refused));
    assertEquals(0, tokens.list(other.id()).size(), "no token lives on");

    // A password sign-in checked against the old password as it changed opens no session.
    var sessions = withMail.app().services().sessions();
    var db = withMail.app().services().database().dsl();
    String now =
        db.select(ACCOUNT.PASSWORD_HASH)
            .from(ACCOUNT)
            .where(ACCOUNT.ID.eq(other.id()))
            .fetchSingle(ACCOUNT.PASSWORD_HASH);
    assertTrue(sessions.startIfPasswordStill(other.id(), "the-hash-before-the-change").isEmpty());
    assertTrue(sessions.startIfPasswordStill(other.id(), now).isPresent());
  }

  @Test
  void links_expire_after_an_hour_and_requests_are_throttled() throws Exception {
    Workspace office = withMail.workspace("moreau-throttle");
    Account account = withMail.account(office, Role.EDITOR, "en");
    Browser browser = withMail.browser();
    browser.get("/password/forgot");
    for (int i = 0; i < PasswordResets.MAILS_PER_HOUR + 2; i++) {
      assertEquals(
          200, browser.post("/password/forgot", form("email", account.email())).statusCode());
    }
    List<String> mails = mailsTo(account.email(), PasswordResets.MAILS_PER_HOUR);
    assertEquals(PasswordResets.MAILS_PER_HOUR, mails.size(), "at most three an hour");
    assertTrue(mails.get(0).contains("valid for one hour"), "in the account's language");

    String reset = resetPath(mails.get(0));
    withMail
        .app()
        .services()
        .database()
        .dsl()
        .update(PASSWORD_RESET)
        .set(PASSWORD_RESET.EXPIRES_AT, OffsetDateTime.now().minusMinutes(1))
        .where(PASSWORD_RESET.ACCOUNT_ID.eq(account.id()))
        .execute();
    assertEquals(410, withMail.browser().get(reset).statusCode());
    Browser late = withMail.browser();
    late.get("/login");
    assertEquals(
        410, late.post(reset, form("password", NEW_PASSWORD, "repeat", NEW_PASSWORD)).statusCode());
  }

  @Test
  void without_email_owners_and_administrators_hand_over_a_link() {
    Browser visitor = withoutMail.browser();
    String forgot = visitor.get("/password/forgot").body();
    assertTrue(forgot.contains("does not send e-mail") || forgot.contains("n'envoie pas"), forgot);
    assertFalse(forgot.contains("name=\"email\""));

    Workspace office = withoutMail.workspace("sans-mail");
    Workspace other = withoutMail.workspace("autre-client");
    Browser owner = withoutMail.signedIn(office, Role.OWNER);
    Account onlyHere = withoutMail.account(office, Role.ASSISTANT);
    Account alsoElsewhere = withoutMail.account(office, Role.ASSISTANT);
    withoutMail
        .app()
        .services()
        .memberships()
        .addMember(other, alsoElsewhere.id(), Role.EDITOR, onlyHere.id());

    owner.get("/w/sans-mail/members");
    var made = owner.post("/w/sans-mail/members/" + onlyHere.id() + "/reset-link", form());
    assertEquals(200, made.statusCode(), made.body());
    String link = resetPath(made.body());
    var refused = owner.post("/w/sans-mail/members/" + alsoElsewhere.id() + "/reset-link", form());
    assertEquals(403, refused.statusCode(), "an owner cannot take over another client's member");

    Browser assistant = withoutMail.browser();
    assistant.get(link);
    assertEquals(
        303,
        assistant.post(link, form("password", NEW_PASSWORD, "repeat", NEW_PASSWORD)).statusCode());
    assertEquals(303, withoutMail.browser().login(onlyHere.email(), NEW_PASSWORD).statusCode());

    Account admin =
        withoutMail
            .app()
            .services()
            .accounts()
            .create("admin-reset@test.example", "Admin", "en", TestApp.PASSWORD, true, null);
    Browser administrator = withoutMail.browser();
    administrator.login(admin.email(), TestApp.PASSWORD);
    administrator.get("/admin");
    var adminMade =
        administrator.post("/admin/accounts/" + alsoElsewhere.id() + "/reset-link", form());
    assertEquals(200, adminMade.statusCode());
    String adminLink = resetPath(adminMade.body());
    Browser other2 = withoutMail.browser();
    other2.get(adminLink);
    assertEquals(
        303,
        other2
            .post(adminLink, form("password", NEW_PASSWORD, "repeat", NEW_PASSWORD))
            .statusCode());
  }

  @Test
  void an_owners_link_stops_working_when_the_rule_that_allowed_it_no_longer_holds() {
    Workspace office = withoutMail.workspace("lien-regle");
    Workspace other = withoutMail.workspace("lien-regle-autre");
    Account ownerAccount = withoutMail.account(office, Role.OWNER);
    Account coOwner = withoutMail.account(office, Role.OWNER);
    Browser owner = withoutMail.browser();
    owner.login(ownerAccount.email(), TestApp.PASSWORD);
    Account joinsElsewhere = withoutMail.account(office, Role.ASSISTANT);
    Account staysHere = withoutMail.account(office, Role.ASSISTANT);
    owner.get("/w/lien-regle/members");
    String first =
        resetPath(
            owner
                .post("/w/lien-regle/members/" + joinsElsewhere.id() + "/reset-link", form())
                .body());
    String second =
        resetPath(
            owner.post("/w/lien-regle/members/" + staysHere.id() + "/reset-link", form()).body());
    var memberships = withoutMail.app().services().memberships();
    // The member joins another client's workspace: the owner's link would now reach it.
    memberships.addMember(other, joinsElsewhere.id(), Role.ASSISTANT, coOwner.id());
    Browser taker = withoutMail.browser();
    taker.get(first);
    var refused = taker.post(first, form("password", NEW_PASSWORD, "repeat", NEW_PASSWORD));
    assertEquals(410, refused.statusCode(), refused.body());
    assertEquals(
        303, withoutMail.browser().login(joinsElsewhere.email(), TestApp.PASSWORD).statusCode());
    // The owner is removed from the workspace: their links go with their role.
    memberships.remove(office, ownerAccount.id(), coOwner.id());
    Browser again = withoutMail.browser();
    again.get(second);
    assertEquals(
        410,
        again.post(second, form("password", NEW_PASSWORD, "repeat", NEW_PASSWORD)).statusCode());
    assertEquals(
        303, withoutMail.browser().login(staysHere.email(), TestApp.PASSWORD).statusCode());
  }
}

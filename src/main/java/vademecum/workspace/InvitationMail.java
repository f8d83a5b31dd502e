package vademecum.workspace;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.account.EmailVerification;

/**
 * Sends an invitation's link to the invited address when e-mail is set up; the owner's page shows
 * the link to copy either way.
 */
public final class InvitationMail {
  private static final Logger log = LoggerFactory.getLogger(InvitationMail.class);

  private final Optional<EmailVerification.Sender> sender;

  public InvitationMail(Optional<EmailVerification.Sender> sender) {
    this.sender = sender;
  }

  /** Whether the mail left; false without e-mail or when sending failed (the link still works). */
  public boolean send(
      String email, String workspaceName, String inviter, String url, String language) {
    if (sender.isEmpty()) {
      return false;
    }
    boolean french = !"en".equals(language);
    try {
      sender
          .get()
          .send(
              email,
              french
                  ? "Invitation à rejoindre " + workspaceName + " sur Vademecum"
                  : "Invitation to join " + workspaceName + " on Vademecum",
              french
                  ? "Bonjour,\n\n"
                      + inviter
                      + " vous invite à rejoindre "
                      + workspaceName
                      + " sur Vademecum, où sont écrites les procédures à suivre. Ouvrez ce lien"
                      + " (valable sept jours) pour choisir votre mot de passe :\n\n"
                      + url
                      + "\n\nSi vous ne vous attendiez pas à cette invitation, ignorez ce message.\n"
                  : "Hello,\n\n"
                      + inviter
                      + " invites you to join "
                      + workspaceName
                      + " on Vademecum, where the procedures to follow are written down. Open this"
                      + " link (valid for seven days) to choose your password:\n\n"
                      + url
                      + "\n\nIf you were not expecting this invitation, ignore this message.\n");
      return true;
    } catch (Exception e) {
      log.warn("Could not send an invitation e-mail", e);
      return false;
    }
  }
}

package vademecum.account;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import vademecum.web.Chrome;

/**
 * The sign-in form; {@code next} is where to go after signing in (a local path); {@code notice}
 * says what just happened (a password was reset); {@code singleSignOn} names the provider whose
 * button is shown (null: none); {@code passwords}: whether the password form is.
 */
public record LoginPage(
    Chrome chrome,
    String formToken,
    String email,
    String next,
    String error,
    String notice,
    String singleSignOn,
    boolean passwords) {

  /** The provider's sign-in address, coming back to {@code next}. */
  public String singleSignOnUrl() {
    return "/login/sso?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
  }
}

package vademecum.account;

import vademecum.web.Chrome;

/**
 * The sign-in form; {@code next} is where to go after signing in (a local path); {@code notice}
 * says what just happened (a password was reset).
 */
public record LoginPage(
    Chrome chrome, String formToken, String email, String next, String error, String notice) {}

package vademecum.account;

/** The sign-in form; {@code next} is where to go after signing in (a local path). */
public record LoginPage(
    vademecum.web.Chrome chrome, String formToken, String email, String next, String error) {}

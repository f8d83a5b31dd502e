package vademecum.account;

import vademecum.web.Chrome;

/**
 * The "forgot your password" pages: the request form ({@code token} null), the same page once a
 * request was made ({@code sent}), or the form that sets a new password from a link.
 *
 * @param byEmail whether links can be mailed; without e-mail the page says whom to ask
 */
public record PasswordPage(
    Chrome chrome, String formToken, boolean byEmail, boolean sent, String token, String error) {}

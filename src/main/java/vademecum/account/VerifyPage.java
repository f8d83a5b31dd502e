package vademecum.account;

import vademecum.kernel.Nullable;
import vademecum.web.Chrome;

/**
 * Confirming one's address from the link sent to it, by a form (a mail scanner's GET confirms
 * nothing) where the address's owner chooses the password ({@code passwords} false: sign-in is by a
 * provider only, so there is none to choose).
 */
public record VerifyPage(
    Chrome chrome, String formToken, String token, boolean passwords, @Nullable String error) {}

package vademecum.account;

import vademecum.web.Chrome;

/** Confirming one's address from the link sent to it: one button, so no mail scanner does it. */
public record VerifyPage(Chrome chrome, String formToken, String token) {}

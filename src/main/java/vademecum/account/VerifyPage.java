package vademecum.account;

/** Confirming one's address from the link sent to it: one button, so no mail scanner does it. */
public record VerifyPage(vademecum.web.Chrome chrome, String formToken, String token) {}

package vademecum.account;

import java.util.List;
import vademecum.kernel.Account;

/**
 * The reader's own settings. {@code newToken} is shown once, right after creation, and is not
 * stored anywhere in readable form.
 */
public record AccountPage(
    vademecum.web.Chrome chrome,
    Account account,
    List<ApiToken> tokens,
    String newToken,
    String message,
    String error) {}

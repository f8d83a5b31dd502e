package vademecum.account;

import java.util.List;
import vademecum.kernel.Account;
import vademecum.web.Chrome;

/**
 * The reader's own settings. {@code newToken} is shown once, right after creation, and is not
 * stored anywhere in readable form.
 */
public record AccountPage(
    Chrome chrome,
    Account account,
    List<ApiToken> tokens,
    String newToken,
    String message,
    String error) {}

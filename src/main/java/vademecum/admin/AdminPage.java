package vademecum.admin;

import java.util.List;
import vademecum.kernel.Account;
import vademecum.workspace.WorkspaceRepository.WorkspaceSummary;

/**
 * Instance administration: workspaces and accounts. A generated password is shown once; accounts in
 * {@code unconfirmed} were made from an invitation and nobody has confirmed their address.
 */
public record AdminPage(
    vademecum.web.Chrome chrome,
    List<WorkspaceSummary> workspaces,
    List<Account> accounts,
    java.util.Set<Long> unconfirmed,
    String createdEmail,
    String createdPassword,
    String error) {}

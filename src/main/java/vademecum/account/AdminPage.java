package vademecum.account;

import java.util.List;
import vademecum.workspace.WorkspaceRepository.WorkspaceSummary;

/** Instance administration: workspaces and accounts. A generated password is shown once. */
public record AdminPage(
    vademecum.web.Chrome chrome,
    List<WorkspaceSummary> workspaces,
    List<Account> accounts,
    String createdEmail,
    String createdPassword,
    String error) {}

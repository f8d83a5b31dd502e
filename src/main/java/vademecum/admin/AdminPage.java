package vademecum.admin;

import java.util.List;
import java.util.Set;
import vademecum.kernel.Account;
import vademecum.manual.DeletedManual;
import vademecum.web.Chrome;
import vademecum.workspace.WorkspaceRepository.WorkspaceSummary;

/**
 * Instance administration: workspaces and accounts. A generated password is shown once; accounts in
 * {@code unconfirmed} were made from an invitation and nobody has confirmed their address; deleted
 * manuals can be restored for 30 days.
 */
public record AdminPage(
    Chrome chrome,
    List<WorkspaceSummary> workspaces,
    List<Account> accounts,
    Set<Long> unconfirmed,
    List<DeletedManual> deletedManuals,
    AdminForms.NewWorkspace workspaceForm,
    AdminForms.NewAccount accountForm,
    String createdEmail,
    String createdPassword,
    String error,
    String resetName,
    String resetUrl) {}

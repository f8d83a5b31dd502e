package vademecum.workspace;

/** Accepting an invitation: a new person chooses a name and password, a known one signs in. */
public record InvitationPage(
    vademecum.web.Chrome chrome,
    String formToken,
    Invitation invitation,
    String token,
    boolean existingAccount,
    String name,
    String error) {}

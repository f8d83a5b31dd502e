package vademecum.manual;

/**
 * One current procedure as seen by one reader, with their acknowledgement status and whether they
 * were shown its current text ({@code opened}).
 */
public record ProcedureStanding(
    long procedureId,
    String key,
    String title,
    long currentVersionId,
    int currentNumber,
    int requiredNumber,
    Integer ackedNumber,
    String manualSlug,
    String manualTitle,
    String workspaceSlug,
    String workspaceName,
    boolean opened) {

  public AckStatus status() {
    return AckStatus.of(requiredNumber, ackedNumber);
  }

  public String url() {
    return "/w/" + workspaceSlug + "/m/" + manualSlug + "#" + key;
  }
}

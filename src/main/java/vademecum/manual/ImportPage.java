package vademecum.manual;

import java.util.List;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/**
 * The import page: the upload form; then the plan of an upload waiting for confirmation ({@code
 * token} set); then the report of what was done ({@code done}).
 */
public record ImportPage(
    Chrome chrome,
    Workspace workspace,
    String fileName,
    List<Row> rows,
    String token,
    boolean done,
    String error,
    String uploadLimit) {

  /** One file: its path, what happens (or happened) to it, why it failed, and its manual. */
  public record Row(String path, ManualImporter.Status status, String message, String slug) {}

  public long count(ManualImporter.Status status) {
    return rows.stream().filter(r -> r.status() == status).count();
  }
}

package vademecum.manual;

import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/**
 * A refused save: what the other person changed since the user's base revision, and the user's own
 * text, intact, in an editor based on the latest revision so that it can be merged and saved.
 */
public record ConflictPage(
    Chrome chrome,
    Workspace workspace,
    String manualSlug,
    Revision latest,
    Integer baseNumber,
    Changes theirChanges,
    Changes mineAgainstLatest,
    EditPage editor) {}

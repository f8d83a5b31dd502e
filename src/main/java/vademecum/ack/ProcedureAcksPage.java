package vademecum.ack;

import java.util.List;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/** Who acknowledged which version of one procedure, and when: the audit view. */
public record ProcedureAcksPage(
    Chrome chrome,
    Workspace workspace,
    String manualSlug,
    String procedureKey,
    List<AckRecord> records) {}

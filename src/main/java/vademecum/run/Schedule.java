package vademecum.run;

import java.time.LocalDate;
import java.time.ZoneId;
import vademecum.kernel.Nullable;

/**
 * A procedure run again and again: its recurrence, who does it, how many days ahead each run is
 * created, and the next due date not created yet.
 *
 * @param live false when its manual was archived or deleted, or the procedure is gone: no run is
 *     created then, but the due dates still move on
 */
public record Schedule(
    long id,
    long workspaceId,
    String workspaceSlug,
    ZoneId zone,
    long procedureId,
    String manualSlug,
    String manualLanguage,
    String procedureKey,
    @Nullable String procedureTitle,
    Recurrence recurrence,
    @Nullable Long assigneeId,
    @Nullable String assigneeName,
    int leadDays,
    LocalDate nextDue,
    boolean live) {}

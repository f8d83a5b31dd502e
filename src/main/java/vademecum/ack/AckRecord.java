package vademecum.ack;

import java.time.OffsetDateTime;

/** One acknowledgement as exported and audited. */
public record AckRecord(
    OffsetDateTime at,
    String name,
    String email,
    String manualSlug,
    String manualTitle,
    String procedureKey,
    String procedureTitle,
    int version,
    boolean minor) {}

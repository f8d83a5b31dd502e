package vademecum.run;

import java.time.OffsetDateTime;
import vademecum.kernel.Nullable;

/** One change of one step, in the run's record. */
public record RunTick(
    int position, String state, @Nullable String note, @Nullable String by, OffsetDateTime at) {}

package vademecum.kernel;

import java.time.DateTimeException;
import java.time.ZoneId;

/** A workspace's time zone (a setting of its runs), read safely. */
public final class TimeZones {
  private TimeZones() {}

  /** Where a workspace works unless its owners chose otherwise. */
  public static final ZoneId DEFAULT = ZoneId.of("Europe/Paris");

  /**
   * The zone of this name, or the default when there is none or Java does not know it (a zone set
   * in the database by hand, or by a newer version): one such row must break no page and no job.
   */
  public static ZoneId of(String id) {
    try {
      return id == null ? DEFAULT : ZoneId.of(id);
    } catch (DateTimeException e) {
      return DEFAULT;
    }
  }
}

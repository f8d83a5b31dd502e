package vademecum.manual;

/** Where one person stands on one procedure. */
public enum AckStatus {
  /** Acknowledged a version at or after the latest major one. */
  CURRENT,
  /** Acknowledged only versions older than the latest major one. */
  OUTDATED,
  /** Never acknowledged any version. */
  NEVER;

  /**
   * @param required number of the latest version not published as minor
   * @param acked highest version number the person acknowledged, null if none
   */
  public static AckStatus of(int required, Integer acked) {
    if (acked == null) {
      return NEVER;
    }
    return acked >= required ? CURRENT : OUTDATED;
  }
}

package vademecum.manual;

import java.util.Map;

/**
 * What one reader has confirmed of a manual's procedures, by procedure key, for the manual page's
 * read-and-confirm controls. The acknowledgement feature answers it; the composition root hands it
 * to {@link ManualRoutes}, so that manuals do not depend on acknowledgements.
 */
@FunctionalInterface
public interface Confirmations {
  Map<String, ProcedureStanding> inManual(long accountId, long manualId);
}

package vademecum.manual;

import java.util.List;
import java.util.Map;
import vademecum.kernel.Role;

/**
 * What readers have asked about a manual's procedures, by procedure key, as its page shows it to
 * one reader: the open questions they may see, and the answered questions made public (the FAQ).
 * The question feature answers it; the composition root hands it to {@link ManualRoutes}.
 */
@FunctionalInterface
public interface Feedback {
  Map<String, Notes> inManual(long accountId, Role role, long manualId);

  /** Under one procedure: how many open questions this reader may see, and its FAQ. */
  record Notes(int openQuestions, List<Faq> faq) {}

  /** A public question and its answers, rendered and sanitised. */
  record Faq(String url, String questionHtml, List<String> answersHtml) {}

  Feedback NONE = (accountId, role, manualId) -> Map.of();
}

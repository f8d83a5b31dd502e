package vademecum.ack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vademecum.kernel.Nullable;
import vademecum.manual.ProcedureStanding;
import vademecum.web.JsonBody;

/** What the acknowledgement API reads and answers, as records (see {@code ManualJson}). */
public final class AckJson {
  private AckJson() {}

  public record ProcedureList(String manual, List<ProcedureItem> procedures) {}

  /** {@code status}: current, outdated or unread, for the caller. */
  public record ProcedureItem(
      String key,
      String title,
      long versionId,
      int version,
      int requiredVersion,
      @Nullable Integer acknowledgedVersion,
      String status) {

    static ProcedureItem of(ProcedureStanding s) {
      return new ProcedureItem(
          s.key(),
          s.title(),
          s.currentVersionId(),
          s.currentNumber(),
          s.requiredNumber(),
          s.ackedNumber(),
          s.status().name().toLowerCase(Locale.ROOT));
    }
  }

  /** The procedure versions read, by id. */
  public record AckBody(List<Long> versions) {
    static AckBody read(JsonBody body) {
      return new AckBody(body.numbers("versions"));
    }
  }

  public record Recorded(int recorded) {}

  /**
   * @param byManual completion by manual address, the {@code manual} of {@code procedures} (it was
   *     by title, and two manuals of one title were counted as one)
   */
  public record DashboardAnswer(
      List<DashboardProcedure> procedures,
      List<DashboardAssistant> assistants,
      Map<String, ManualCompletion> byManual) {

    static DashboardAnswer of(Dashboard dashboard) {
      Map<String, ManualCompletion> byManual = new LinkedHashMap<>();
      dashboard
          .byManual()
          .forEach(
              (slug, c) ->
                  byManual.put(slug, new ManualCompletion(c.current(), c.total(), c.percent())));
      return new DashboardAnswer(
          dashboard.procedures().stream()
              .map(p -> new DashboardProcedure(p.manualSlug(), p.key(), p.title()))
              .toList(),
          dashboard.assistants().stream()
              .map(
                  r ->
                      new DashboardAssistant(
                          r.name(),
                          r.completion().percent(),
                          r.cells().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).toList()))
              .toList(),
          byManual);
    }
  }

  public record DashboardProcedure(String manual, String key, String title) {}

  /** {@code cells}: the assistant's status for each procedure, in the order of procedures. */
  public record DashboardAssistant(String name, int percent, List<String> cells) {}

  public record ManualCompletion(int current, int total, int percent) {}
}

package vademecum.ack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vademecum.manual.AckStatus;

/**
 * Assistants × procedures of a workspace, each cell a status, with completion per assistant and per
 * manual. Built from the rows of one query.
 *
 * @param byManual completion by manual address (slug): titles need not be unique
 */
public record Dashboard(
    List<Column> procedures, List<Row> assistants, Map<String, Completion> byManual) {

  public record Column(
      long procedureId, String manualSlug, String manualTitle, String key, String title) {}

  public record Row(long accountId, String name, List<AckStatus> cells, Completion completion) {}

  /** Current acknowledgements out of all cells. */
  public record Completion(int current, int total) {
    public int percent() {
      return total == 0 ? 100 : Math.round(100f * current / total);
    }
  }

  /** Manual slug → title, in the grid's order. */
  public Map<String, String> manuals() {
    Map<String, String> manuals = new LinkedHashMap<>();
    procedures.forEach(p -> manuals.putIfAbsent(p.manualSlug(), p.manualTitle()));
    return manuals;
  }

  /**
   * The same grid narrowed to one manual's procedures and, with status "outstanding", to the
   * assistants who have something left to read there.
   */
  public Dashboard filtered(String manualSlug, String status) {
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < procedures.size(); i++) {
      if (manualSlug == null
          || manualSlug.isBlank()
          || procedures.get(i).manualSlug().equals(manualSlug)) {
        kept.add(i);
      }
    }
    List<Column> columns = kept.stream().map(procedures::get).toList();
    List<Row> rows = new ArrayList<>();
    for (Row row : assistants) {
      List<AckStatus> cells = kept.stream().map(row.cells()::get).toList();
      int current = (int) cells.stream().filter(c -> c == AckStatus.CURRENT).count();
      if ("outstanding".equals(status) && current == cells.size()) {
        continue;
      }
      rows.add(new Row(row.accountId(), row.name(), cells, new Completion(current, cells.size())));
    }
    Map<String, Completion> manuals = new LinkedHashMap<>();
    columns.forEach(c -> manuals.putIfAbsent(c.manualSlug(), byManual.get(c.manualSlug())));
    return new Dashboard(columns, rows, manuals);
  }

  static Dashboard of(List<AckRepository.Cell> cells) {
    Map<Long, Column> columns = new LinkedHashMap<>();
    Map<Long, List<AckRepository.Cell>> byAssistant = new LinkedHashMap<>();
    for (AckRepository.Cell cell : cells) {
      columns.putIfAbsent(
          cell.procedureId(),
          new Column(
              cell.procedureId(), cell.manualSlug(), cell.manualTitle(), cell.key(), cell.title()));
      byAssistant.computeIfAbsent(cell.accountId(), k -> new ArrayList<>()).add(cell);
    }
    List<Column> procedures = List.copyOf(columns.values());
    Map<String, int[]> manualCounts = new LinkedHashMap<>();
    List<Row> rows = new ArrayList<>();
    for (List<AckRepository.Cell> own : byAssistant.values()) {
      Map<Long, AckStatus> status = new LinkedHashMap<>();
      own.forEach(c -> status.put(c.procedureId(), AckStatus.of(c.required(), c.acked())));
      List<AckStatus> row = new ArrayList<>();
      int current = 0;
      for (Column column : procedures) {
        AckStatus s = status.getOrDefault(column.procedureId(), AckStatus.NEVER);
        row.add(s);
        // By address: two manuals may share a title ("Onboarding", "onboarding-2").
        int[] counts = manualCounts.computeIfAbsent(column.manualSlug(), k -> new int[2]);
        counts[1]++;
        if (s == AckStatus.CURRENT) {
          current++;
          counts[0]++;
        }
      }
      rows.add(
          new Row(
              own.get(0).accountId(),
              own.get(0).name(),
              row,
              new Completion(current, procedures.size())));
    }
    Map<String, Completion> byManual = new LinkedHashMap<>();
    manualCounts.forEach(
        (manual, counts) -> byManual.put(manual, new Completion(counts[0], counts[1])));
    return new Dashboard(procedures, rows, byManual);
  }
}

package vademecum.ack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assistants × procedures of a workspace, each cell a status, with completion per assistant and per
 * manual. Built from the rows of one query.
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
        int[] counts = manualCounts.computeIfAbsent(column.manualTitle(), k -> new int[2]);
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

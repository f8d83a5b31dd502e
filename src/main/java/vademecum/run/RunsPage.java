package vademecum.run;

import java.time.LocalDate;
import java.util.List;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/** A workspace's runs: open (overdue first), then finished. */
public record RunsPage(Chrome chrome, Workspace workspace, List<Run> runs, LocalDate today) {
  public List<Run> open() {
    return runs.stream().filter(Run::open).toList();
  }

  public List<Run> finished() {
    return runs.stream().filter(r -> !r.open()).toList();
  }
}

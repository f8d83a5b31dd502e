package vademecum.markdown;

import java.util.List;
import java.util.Optional;

/** A manual's Markdown split into its introduction and its procedures. */
public record Procedures(String introduction, List<Section> sections, boolean wholeDocument) {

  public Optional<Section> find(String key) {
    return sections.stream().filter(s -> s.key().equals(key)).findFirst();
  }
}

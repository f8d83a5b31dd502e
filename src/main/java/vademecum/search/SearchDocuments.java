package vademecum.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vademecum.markdown.MarkdownRenderer;
import vademecum.markdown.Procedures;
import vademecum.markdown.Section;

/** Turns a manual's published revision into the documents the index holds for it. */
final class SearchDocuments {
  private final SearchRepository repository;
  private final MarkdownRenderer markdown;

  SearchDocuments(SearchRepository repository, MarkdownRenderer markdown) {
    this.repository = repository;
    this.markdown = markdown;
  }

  /** Empty when the manual is gone or not published: its documents must leave the index. */
  List<SearchDocument> forManual(long manualId) {
    var found = repository.published(manualId);
    if (found.isEmpty()) {
      return List.of();
    }
    var manual = found.get();
    Procedures split = markdown.splitter().split(manual.markdown(), manual.title());
    Map<String, Integer> versions = repository.currentVersions(manualId);
    List<SearchDocument> documents = new ArrayList<>();
    if (!split.introduction().isBlank()) {
      documents.add(
          document(
              manual,
              "i:" + manualId,
              null,
              manual.title(),
              0,
              markdown.plainText(split.introduction())));
    }
    for (Section section : split.sections()) {
      documents.add(
          document(
              manual,
              "p:" + manualId + ":" + section.key(),
              section.key(),
              section.title(),
              versions.getOrDefault(section.key(), 0),
              markdown.plainText(section.markdown())));
    }
    return documents;
  }

  private static SearchDocument document(
      SearchRepository.PublishedManual manual,
      String id,
      String key,
      String title,
      int version,
      String text) {
    return new SearchDocument(
        id,
        manual.id(),
        manual.workspaceSlug(),
        manual.slug(),
        manual.title(),
        manual.language(),
        manual.tags(),
        manual.sourcePath(),
        key,
        title,
        version,
        text);
  }
}

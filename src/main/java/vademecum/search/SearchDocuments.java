package vademecum.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import vademecum.markdown.MarkdownRenderer;
import vademecum.markdown.ProcedureSplitter;
import vademecum.markdown.Section;

/** Turns a manual's published revision into the documents the index holds for it. */
final class SearchDocuments {
  private final DSLContext db;
  private final SearchRepository repository;
  private final MarkdownRenderer markdown;

  SearchDocuments(DSLContext db, SearchRepository repository, MarkdownRenderer markdown) {
    this.db = db;
    this.repository = repository;
    this.markdown = markdown;
  }

  /**
   * The published text of several manuals, read in two queries (a rebuild reads thousands: two
   * queries per manual were a fifth of its time).
   */
  Batch read(Collection<Long> manualIds) {
    return new Batch(
        repository.published(db, manualIds), repository.currentVersions(db, manualIds));
  }

  /** Manuals' published revisions, and their procedures' current version numbers. */
  record Batch(
      Map<Long, SearchRepository.PublishedManual> manuals,
      Map<Long, Map<String, Integer>> versions) {}

  /**
   * The manual's documents; empty when it is gone or not published: its documents must leave the
   * index.
   *
   * @throws RuntimeException when its text cannot be split (the parser failed on it)
   */
  List<SearchDocument> of(Batch batch, long manualId) {
    var manual = batch.manuals().get(manualId);
    if (manual == null) {
      return List.of();
    }
    ProcedureSplitter.PlainProcedures split =
        markdown.splitter().plain(manual.markdown(), manual.title());
    Map<String, Integer> versions = batch.versions().getOrDefault(manualId, Map.of());
    List<SearchDocument> documents = new ArrayList<>();
    if (!split.introduction().isBlank()) {
      documents.add(
          document(manual, "i:" + manualId, null, manual.title(), 0, split.introduction()));
    }
    for (int i = 0; i < split.sections().size(); i++) {
      Section section = split.sections().get(i);
      documents.add(
          document(
              manual,
              "p:" + manualId + ":" + section.key(),
              section.key(),
              section.title(),
              versions.getOrDefault(section.key(), 0),
              split.texts().get(i)));
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

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
        repository.published(db, manualIds),
        repository.currentVersions(db, manualIds),
        repository.publicQuestions(db, manualIds));
  }

  /**
   * Manuals' published revisions, their procedures' current version numbers and their public
   * questions' messages.
   */
  record Batch(
      Map<Long, SearchRepository.PublishedManual> manuals,
      Map<Long, Map<String, Integer>> versions,
      Map<Long, Map<String, List<String>>> questions) {}

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
    Map<String, List<String>> questions = batch.questions().getOrDefault(manualId, Map.of());
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
      List<String> asked = questions.get(section.key());
      if (asked != null) {
        SearchDocument procedure = documents.get(documents.size() - 1);
        documents.add(
            new SearchDocument(
                "f:" + manualId + ":" + section.key(),
                procedure.manualId(),
                procedure.workspaceSlug(),
                procedure.manualSlug(),
                procedure.manualTitle(),
                procedure.language(),
                procedure.tags(),
                procedure.sourcePath(),
                procedure.procedureKey(),
                procedure.title(),
                procedure.version(),
                faqText(asked),
                true));
      }
    }
    return documents;
  }

  /** The public questions and answers of a procedure, as plain words (its FAQ document). */
  private String faqText(List<String> messages) {
    StringBuilder all = new StringBuilder();
    for (String message : messages) {
      if (!all.isEmpty()) {
        all.append("\n\n");
      }
      all.append(markdown.plainText(message));
    }
    return all.toString();
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
        text,
        false);
  }
}

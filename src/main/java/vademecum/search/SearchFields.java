package vademecum.search;

/**
 * Field names shared by the indexer and the searcher. Text is indexed twice: once analysed for the
 * manual's language (stems, stop words) and once "plain" (folded words, every word kept, positions
 * for phrases and prefixes), so that each kind of query has a field that suits it.
 */
final class SearchFields {
  private SearchFields() {}

  /** "p:<procedure id>" or "i:<manual id>" for a manual's introduction; unique per document. */
  static final String ID = "id";

  static final String MANUAL_ID = "manual_id";
  static final String WORKSPACE = "workspace";
  static final String MANUAL = "manual";
  static final String TAG = "tag";

  /** "faq" on a procedure's public questions and answers; absent on everything else. */
  static final String KIND = "kind";

  static final String FAQ = "faq";
  static final String LANGUAGE = "language";

  /** workspace/manual, as doc values, for the counts per workspace and manual. */
  static final String FACET_WORKSPACE = "facet_workspace";

  static final String FACET_MANUAL = "facet_manual";

  /** A manual's tags, as doc values, for the counts per tag. */
  static final String FACET_TAG = "facet_tag";

  // Stored only: what a hit shows.
  static final String MANUAL_TITLE_STORED = "manual_title_stored";
  static final String TITLE_STORED = "title_stored";
  static final String PROCEDURE = "procedure";
  static final String VERSION = "version";
  static final String SOURCE_PATH = "source_path";

  /** Plain text of the procedure: stored for snippets, indexed folded with positions. */
  static final String BODY_PLAIN = "body_plain";

  static final String TITLE_PLAIN = "title_plain";

  /**
   * Title and body analysed for each document's own language (French or English stems), in one
   * field each: a word is one term to look up and score whatever the language, and every document
   * has the field (norms are a plain array, not a sparse lookup).
   */
  static final String TITLE_STEM = "title_stem";

  static final String BODY_STEM = "body_stem";

  /** The languages a query's words are stemmed in. */
  static final String[] LANGUAGES = {"fr", "en"};
}

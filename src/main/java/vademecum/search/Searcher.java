package vademecum.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.uhighlight.CustomSeparatorBreakIterator;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;
import vademecum.Refusal;

/**
 * Runs searches on the current index. The reader's workspaces are a filter inside the Lucene query,
 * so a document of another workspace is never scored, counted or highlighted.
 */
public final class Searcher {
  public static final int MAX_LIMIT = 100;

  private final SearchIndex index;

  public Searcher(SearchIndex index) {
    this.index = index;
  }

  public SearchResults search(SearchRequest request) {
    if (request.query() != null && request.query().length() > SearchQuery.MAX_LENGTH) {
      throw Refusal.badRequest(
          "The search is longer than " + SearchQuery.MAX_LENGTH + " characters.");
    }
    SearchQuery parsed = SearchQuery.parse(request.query());
    if (parsed.isEmpty() || request.allowedWorkspaces().isEmpty()) {
      return SearchResults.empty();
    }
    int limit = Math.max(1, Math.min(MAX_LIMIT, request.limit()));
    int offset = Math.max(0, Math.min(1000, request.offset()));
    IndexSearcher searcher = index.acquire();
    try {
      Query relevance = parsed.toLucene(searcher.getIndexReader());
      Query query = withFilters(relevance, request);
      Object[] results =
          searcher.search(
              query,
              new MultiCollectorManager(
                  new TopScoreDocCollectorManager(offset + limit, Integer.MAX_VALUE),
                  new FacetCounts()));
      TopDocs top = (TopDocs) results[0];
      FacetCounts.Counts counts = (FacetCounts.Counts) results[1];
      ScoreDoc[] page =
          java.util.Arrays.copyOfRange(
              top.scoreDocs, Math.min(offset, top.scoreDocs.length), top.scoreDocs.length);
      TopDocs pageDocs = new TopDocs(top.totalHits, page);
      String[] snippets =
          highlighter(searcher)
              .highlight(SearchFields.BODY_PLAIN, parsed.highlightQuery(), pageDocs, 1);
      List<SearchHit> hits = new ArrayList<>();
      for (int i = 0; i < page.length; i++) {
        Document doc = searcher.storedFields().document(page[i].doc);
        hits.add(hit(doc, snippets[i], page[i].score));
      }
      return new SearchResults(
          counts.total(), hits, sorted(counts.byWorkspace()), sorted(counts.byManual()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IndexSearcher.TooManyClauses e) {
      throw Refusal.badRequest("This search matches too many word forms; type a few more letters.");
    } finally {
      index.release(searcher);
    }
  }

  private static Query withFilters(Query relevance, SearchRequest request) {
    List<BytesRef> allowed = request.allowedWorkspaces().stream().map(BytesRef::new).toList();
    BooleanQuery.Builder query =
        new BooleanQuery.Builder()
            .add(relevance, Occur.MUST)
            .add(new TermInSetQuery(SearchFields.WORKSPACE, allowed), Occur.FILTER);
    if (request.workspace() != null && !request.workspace().isBlank()) {
      query.add(new TermQuery(new Term(SearchFields.WORKSPACE, request.workspace())), Occur.FILTER);
    }
    if (request.manual() != null && !request.manual().isBlank()) {
      query.add(new TermQuery(new Term(SearchFields.MANUAL, request.manual())), Occur.FILTER);
    }
    if (request.tag() != null && !request.tag().isBlank()) {
      query.add(
          new TermQuery(new Term(SearchFields.TAG, request.tag().toLowerCase(Locale.ROOT))),
          Occur.FILTER);
    }
    return query.build();
  }

  private static final org.apache.lucene.analysis.Analyzer PLAIN = Analyzers.plain();

  /**
   * Snippets of about 160 characters around the first match, cut at spaces: the JDK's sentence
   * iterator made highlighting most of a search's time.
   */
  private static UnifiedHighlighter highlighter(IndexSearcher searcher) {
    return UnifiedHighlighter.builder(searcher, PLAIN)
        .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", "… ", true))
        .withBreakIterator(
            () ->
                LengthGoalBreakIterator.createClosestToLength(
                    new CustomSeparatorBreakIterator(' '), 160, 0.5f))
        .withMaxLength(20_000)
        .build();
  }

  private static SearchHit hit(Document doc, String snippet, float score) {
    String workspace = doc.get(SearchFields.WORKSPACE);
    String manual = doc.get(SearchFields.MANUAL);
    String procedure = doc.get(SearchFields.PROCEDURE);
    String url = "/w/" + workspace + "/m/" + manual + (procedure == null ? "" : "#" + procedure);
    return new SearchHit(
        workspace,
        manual,
        doc.get(SearchFields.MANUAL_TITLE_STORED),
        procedure,
        doc.get(SearchFields.TITLE_STORED),
        doc.get(SearchFields.SOURCE_PATH),
        url,
        snippet == null ? "" : snippet,
        score);
  }

  private static Map<String, Integer> sorted(Map<String, Integer> counts) {
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }
}

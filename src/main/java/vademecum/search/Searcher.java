package vademecum.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.util.BytesRef;
import vademecum.kernel.Refusal;

/**
 * Runs searches on the current index. The reader's workspaces are a filter inside the Lucene query,
 * so a document of another workspace is never scored, counted or highlighted.
 */
public final class Searcher {
  /** The deepest first hit a page may start from (deeper, nobody reads; the API says so). */
  public static final int MAX_OFFSET = 1000;

  public static final int MAX_LIMIT = 100;

  private final SearchIndex index;

  public Searcher(SearchIndex index) {
    this.index = index;
  }

  static final int SNIPPET_LENGTH = 220;

  /** What a hit shows, and the body text for its snippet. */
  private static final Set<String> HIT_FIELDS =
      Set.of(
          SearchFields.WORKSPACE,
          SearchFields.MANUAL,
          SearchFields.PROCEDURE,
          SearchFields.MANUAL_TITLE_STORED,
          SearchFields.TAG,
          SearchFields.TITLE_STORED,
          SearchFields.SOURCE_PATH,
          SearchFields.BODY_PLAIN);

  /** Counts per workspace and manual stop at this many matches (shown as "2000+"). */
  static final int COUNT_CAP = 2000;

  public SearchResults search(SearchRequest request) {
    return search(request, true);
  }

  /**
   * @param withCounts count matches per workspace and manual (the results page); without, only the
   *     top hits are scored, skipping whole blocks of documents that cannot enter them, and the
   *     total is exact up to 1000.
   */
  public SearchResults search(SearchRequest request, boolean withCounts) {
    if (request.query() != null && request.query().length() > SearchQuery.MAX_LENGTH) {
      throw Refusal.badRequest(
          "The search is longer than " + SearchQuery.MAX_LENGTH + " characters.");
    }
    SearchQuery parsed = SearchQuery.parse(request.query());
    if (parsed.isEmpty() || request.allowedWorkspaces().isEmpty()) {
      return SearchResults.empty();
    }
    int limit = Math.max(1, Math.min(MAX_LIMIT, request.limit()));
    int offset = Math.max(0, Math.min(MAX_OFFSET, request.offset()));
    IndexSearcher searcher = index.acquire();
    try {
      IndexReader reader = searcher.getIndexReader();
      Set<String> marks = new LinkedHashSet<>();
      Coverage.Words words = new Coverage.Words();
      Query relevance = relevance(parsed, reader, request, false, marks, words);
      Query query = withFilters(relevance, request, reader);
      // Only a search that Coverage reorders reads more hits than the page shows.
      int window = Math.max(offset + limit, words.count() >= 3 ? Coverage.WINDOW : 0);
      TopDocs top = searcher.search(query, new TopScoreDocCollectorManager(window, offset + limit));
      SearchResults.Relaxing relaxing = SearchResults.Relaxing.NONE;
      if (top.totalHits.value() < RELAX_BELOW && parsed.everyWordRequired()) {
        // Too little with every word: the words become optional, and the page says which
        // words no hit holds (Meilisearch's and Algolia's "optional words", not an empty page).
        Set<String> relaxedMarks = new LinkedHashSet<>();
        Coverage.Words relaxedWords = new Coverage.Words();
        Query relaxedQuery =
            withFilters(
                relevance(parsed, reader, request, true, relaxedMarks, relaxedWords),
                request,
                reader);
        TopDocs wider =
            searcher.search(relaxedQuery, new TopScoreDocCollectorManager(window, offset + limit));
        if (wider.totalHits.value() > top.totalHits.value()) {
          int allWords = (int) top.totalHits.value();
          query = relaxedQuery;
          top = allWordsFirst(top, wider);
          marks = relaxedMarks;
          words = relaxedWords;
          relaxing =
              new SearchResults.Relaxing(
                  true, missingWords(searcher, parsed, request), null, allWords);
        }
      }
      List<String> unknown = parsed.unknownWords();
      if (!unknown.isEmpty() && top.totalHits.value() > 0) {
        // Words nothing in the index matches were left out of the query: the hits are for the
        // others, and the page says so, as when relaxing leaves a word out.
        List<String> ignored = new ArrayList<>(unknown);
        relaxing.ignoredWords().stream().filter(w -> !ignored.contains(w)).forEach(ignored::add);
        relaxing = new SearchResults.Relaxing(true, ignored, null, relaxing.allWords());
      }
      if (top.totalHits.value() == 0 || !relaxing.ignoredWords().isEmpty()) {
        relaxing =
            new SearchResults.Relaxing(
                relaxing.relaxed(),
                relaxing.ignoredWords(),
                suggestion(searcher, parsed, request, relaxing.ignoredWords()),
                relaxing.allWords());
      }
      ScoreDoc[] first = Coverage.rescore(searcher, top.scoreDocs, words.list());
      ScoreDoc[] page =
          Arrays.copyOfRange(
              first, Math.min(offset, first.length), Math.min(first.length, offset + limit));
      // Each hit's stored fields are read (and decompressed) once, the body included.
      List<Document> docs = new ArrayList<>();
      int[] ids = new int[page.length];
      String[] bodies = new String[page.length];
      StoredFields stored = searcher.storedFields();
      for (int i = 0; i < page.length; i++) {
        Document doc = stored.document(page[i].doc, HIT_FIELDS);
        docs.add(doc);
        ids[i] = page[i].doc;
        bodies[i] = doc.get(SearchFields.BODY_PLAIN);
      }
      if (page.length > 0) {
        marks.addAll(parsed.stemForms(reader));
      }
      String[] snippets =
          Highlights.of(searcher.getIndexReader(), ids, bodies, marks, SNIPPET_LENGTH);
      List<SearchHit> hits = new ArrayList<>();
      for (int i = 0; i < page.length; i++) {
        hits.add(hit(docs.get(i), snippets[i], page[i].score));
      }
      if (!withCounts) {
        boolean exact = top.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
        return new SearchResults(
            (int) top.totalHits.value(),
            !exact,
            hits,
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of(),
            relaxing);
      }
      FacetCounts.Counts counts = searcher.search(query, new FacetCounts(COUNT_CAP));
      Map<String, Integer> byManual = sorted(counts.byManual());
      return new SearchResults(
          counts.total(),
          counts.capped(),
          hits,
          sorted(counts.byWorkspace()),
          byManual,
          manualTitles(searcher, byManual.keySet()),
          sorted(counts.byTag()),
          relaxing);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IndexSearcher.TooManyClauses e) {
      throw Refusal.badRequest("This search matches too many word forms; type a few more letters.");
    } finally {
      index.release(searcher);
    }
  }

  /**
   * The relevance query, with the synonyms of each workspace searched: when some workspace has a
   * list of its own, each list's query is asked of its workspaces only ({@code FILTER}), so that a
   * workspace's synonyms never change another's results. {@code marks} receives the words to
   * highlight, {@code words} each word typed with the query of its alternatives (for {@link
   * Coverage}; with several lists, each list's alternatives hold for its workspaces only).
   */
  private static Query relevance(
      SearchQuery parsed,
      IndexReader reader,
      SearchRequest request,
      boolean relaxed,
      Set<String> marks,
      Coverage.Words words) {
    Map<Synonyms, Set<String>> groups = new LinkedHashMap<>();
    for (String workspace : request.searched()) {
      groups
          .computeIfAbsent(
              request.synonyms().getOrDefault(workspace, Synonyms.builtIn()), s -> new TreeSet<>())
          .add(workspace);
    }
    if (groups.size() <= 1) {
      Synonyms only = groups.isEmpty() ? Synonyms.builtIn() : groups.keySet().iterator().next();
      Query query = parsed.using(only).toLucene(reader, relaxed);
      marks.addAll(parsed.highlightTerms());
      parsed.wordQueries().forEach(words::add);
      return query;
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (var group : groups.entrySet()) {
      Query query = parsed.using(group.getKey()).toLucene(reader, relaxed);
      marks.addAll(parsed.highlightTerms());
      List<BytesRef> slugs = group.getValue().stream().map(BytesRef::new).toList();
      parsed
          .wordQueries()
          .forEach(
              (word, q) ->
                  words.add(
                      word,
                      new BooleanQuery.Builder()
                          .add(q, Occur.MUST)
                          .add(new TermInSetQuery(SearchFields.WORKSPACE, slugs), Occur.FILTER)
                          .build()));
      any.add(
          new BooleanQuery.Builder()
              .add(query, Occur.MUST)
              .add(new TermInSetQuery(SearchFields.WORKSPACE, slugs), Occur.FILTER)
              .build(),
          Occur.SHOULD);
    }
    return any.build();
  }

  /** Fewer hits than this with every word required: the search is relaxed. */
  static final int RELAX_BELOW = 3;

  /** The words typed that no document the reader may see holds, in the order typed. */
  private List<String> missingWords(
      IndexSearcher searcher, SearchQuery parsed, SearchRequest request) throws IOException {
    List<String> missing = new ArrayList<>();
    for (var word : parsed.wordQueries().entrySet()) {
      Query holding = withFilters(word.getValue(), request, searcher.getIndexReader());
      if (searcher.count(holding) == 0) {
        missing.add(word.getKey());
      }
    }
    return missing;
  }

  /**
   * "Did you mean": the search with its first word that nothing holds replaced by the closest word
   * of the index that a procedure the reader may see holds (never a word only another workspace
   * uses), or null.
   */
  private String suggestion(
      IndexSearcher searcher, SearchQuery parsed, SearchRequest request, List<String> missing)
      throws IOException {
    List<String> candidates = missing.isEmpty() ? parsed.words() : missing;
    DirectSpellChecker spelling = new DirectSpellChecker();
    spelling.setMinPrefix(0);
    for (String word : candidates) {
      String folded = SearchQuery.plainForm(word);
      if (folded == null || folded.length() < 4) {
        continue;
      }
      SuggestWord[] close =
          spelling.suggestSimilar(
              new Term(SearchFields.BODY_PLAIN, folded),
              5,
              searcher.getIndexReader(),
              SuggestMode.SUGGEST_ALWAYS);
      for (SuggestWord candidate : close) {
        Query holding =
            withFilters(
                new TermQuery(new Term(SearchFields.BODY_PLAIN, candidate.string)),
                request,
                searcher.getIndexReader());
        if (!candidate.string.equals(folded) && searcher.count(holding) > 0) {
          return SearchQuery.replacing(request.query(), word, candidate.string);
        }
      }
    }
    return null;
  }

  private Query withFilters(Query relevance, SearchRequest request, IndexReader reader)
      throws IOException {
    List<BytesRef> allowed = request.allowedWorkspaces().stream().map(BytesRef::new).toList();
    BooleanQuery.Builder query = new BooleanQuery.Builder().add(relevance, Occur.MUST);
    // The filter is part of the query, except when the reader belongs to every workspace that
    // has documents in the index: it would then let every document through, and a filter that
    // matches everything still stops Lucene from skipping blocks of low-scoring documents.
    if (!coversEveryWorkspace(reader, request.allowedWorkspaces())) {
      query.add(new TermInSetQuery(SearchFields.WORKSPACE, allowed), Occur.FILTER);
    }
    if (request.workspace() != null && !request.workspace().isBlank()) {
      query.add(new TermQuery(new Term(SearchFields.WORKSPACE, request.workspace())), Occur.FILTER);
    }
    if (!request.withoutFaq().isEmpty()) {
      // Recruiters take no part in questions: the FAQ documents of their workspaces are left out.
      query.add(
          new BooleanQuery.Builder()
              .add(new TermQuery(new Term(SearchFields.KIND, SearchFields.FAQ)), Occur.FILTER)
              .add(
                  new TermInSetQuery(
                      SearchFields.WORKSPACE,
                      request.withoutFaq().stream().map(BytesRef::new).toList()),
                  Occur.FILTER)
              .build(),
          Occur.MUST_NOT);
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

  /** True when every workspace with a document in the index is one of {@code allowed}. */
  private boolean coversEveryWorkspace(IndexReader reader, Set<String> allowed) throws IOException {
    return allowed.containsAll(workspacesIn(reader));
  }

  /** The workspaces of the current reader, read once per reader rather than once per search. */
  private volatile IndexedWorkspaces indexed = new IndexedWorkspaces(null, Set.of());

  private record IndexedWorkspaces(Object reader, Set<String> slugs) {}

  private Set<String> workspacesIn(IndexReader reader) throws IOException {
    Object key = reader.getReaderCacheHelper().getKey();
    IndexedWorkspaces known = indexed;
    if (known.reader() == key) {
      return known.slugs();
    }
    Set<String> slugs = new HashSet<>();
    Terms terms = MultiTerms.getTerms(reader, SearchFields.WORKSPACE);
    if (terms != null) {
      // Deleted documents may leave a workspace's term behind; it then only keeps the filter.
      TermsEnum each = terms.iterator();
      for (BytesRef term = each.next(); term != null; term = each.next()) {
        slugs.add(term.utf8ToString());
      }
    }
    indexed = new IndexedWorkspaces(key, slugs);
    return slugs;
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
        List.of(doc.getValues(SearchFields.TAG)),
        procedure,
        doc.get(SearchFields.TITLE_STORED),
        doc.get(SearchFields.SOURCE_PATH),
        url,
        snippet == null ? "" : snippet,
        score);
  }

  /** How many manuals the counts name by title (the page lists that many). */
  static final int TITLED_MANUALS = 12;

  /**
   * The titles of the first manuals of the counts ("workspace/slug" keys), read from one document
   * of each: readers narrow by what they know a manual as, not by its address.
   */
  private static Map<String, String> manualTitles(IndexSearcher searcher, Collection<String> keys)
      throws IOException {
    Map<String, String> titles = new HashMap<>();
    StoredFields stored = searcher.storedFields();
    for (String key : keys.stream().limit(TITLED_MANUALS).toList()) {
      int slash = key.indexOf('/');
      Query one =
          new BooleanQuery.Builder()
              .add(
                  new TermQuery(new Term(SearchFields.WORKSPACE, key.substring(0, slash))),
                  Occur.FILTER)
              .add(
                  new TermQuery(new Term(SearchFields.MANUAL, key.substring(slash + 1))),
                  Occur.FILTER)
              .build();
      TopDocs found = searcher.search(one, 1);
      if (found.scoreDocs.length > 0) {
        titles.put(
            key,
            stored
                .document(found.scoreDocs[0].doc, Set.of(SearchFields.MANUAL_TITLE_STORED))
                .get(SearchFields.MANUAL_TITLE_STORED));
      }
    }
    return titles;
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

  /**
   * The relaxed hits with the one or two that hold every word first: those are what was asked for,
   * and the page says how many there are. (Scored on their own, a hit with one rare word could come
   * before them.) Their scores are raised above the others' so that the coverage reordering, which
   * multiplies scores, keeps them there.
   */
  static TopDocs allWordsFirst(TopDocs strict, TopDocs wider) {
    if (strict.scoreDocs.length == 0) {
      return wider;
    }
    float above = wider.scoreDocs.length == 0 ? 0 : wider.scoreDocs[0].score;
    List<ScoreDoc> merged = new ArrayList<>();
    Set<Integer> first = new HashSet<>();
    for (ScoreDoc hit : strict.scoreDocs) {
      merged.add(new ScoreDoc(hit.doc, above + hit.score, hit.shardIndex));
      first.add(hit.doc);
    }
    for (ScoreDoc hit : wider.scoreDocs) {
      if (!first.contains(hit.doc)) {
        merged.add(hit);
      }
    }
    return new TopDocs(wider.totalHits, merged.toArray(ScoreDoc[]::new));
  }
}

package vademecum.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.AutomatonQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;
import org.apache.lucene.util.automaton.CompiledAutomaton;
import vademecum.markdown.Slugs;

/**
 * What a person typed, turned into a Lucene query without a query syntax: nothing they type can
 * break it. Quoted text is a phrase that must match; every other word may match by its French or
 * English stem, by a synonym, with a typo (longer words the index does not know), or as the
 * beginning of a word (the last one, while typing).
 */
final class SearchQuery {
  static final int MAX_LENGTH = 1000;

  /** Words, excluded words, phrases and words of a phrase: at most this many of each. */
  static final int MAX_WORDS = 32;

  private static final Pattern PHRASE = Pattern.compile("\"([^\"]*)\"");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}'’._@-]+");

  private static final float TITLE = 3f;
  private static final float BODY = 1f;
  private static final float TITLE_EXACT = 2f;
  private static final float FUZZY = 0.5f;
  private static final float PREFIX = 1.5f;

  private static final Analyzer PLAIN = Analyzers.plain();
  private static final float SYNONYM = 0.5f;

  /** The other member of a French word's family (the noun of a verb typed), in French pages. */
  private static final float FAMILY = 1f;

  /**
   * Words of a question ("how", "which", "comment", "quel") say nothing about the procedure sought,
   * and would otherwise count among the words that must match.
   */
  private static final Set<String> QUESTION_WORDS =
      Set.of(
          "what",
          "which",
          "how",
          "when",
          "where",
          "who",
          "whom",
          "why",
          "do",
          "does",
          "did",
          "can",
          "could",
          "should",
          "would",
          "i",
          "me",
          "my",
          "mine",
          "we",
          "us",
          "our",
          "you",
          "your",
          "quel",
          "quelle",
          "quels",
          "quelles",
          "quoi",
          "ou",
          "quand",
          "pourquoi",
          "qui",
          "que",
          "je",
          "j",
          "mon",
          "ma",
          "mes",
          "nous",
          "notre",
          "nos",
          "vous",
          "votre",
          "vos",
          "faire",
          "dois",
          "doit",
          "peut",
          "peux");

  private static final Analyzer FRENCH = Analyzers.french();
  private static final Analyzer ENGLISH = Analyzers.english();

  private final List<String> words;
  private final List<String> phrases;
  private final boolean lastIsPrefix;

  /** Words typed with a minus ("-taxi"): no hit may hold them. */
  private final List<String> excluded;

  /** The language the words were typed in, when they say it ("fr", "en"), or null. */
  private final String typed;

  /** The list the words are widened with: the built-in one, or a workspace's over it. */
  private Synonyms synonyms = Synonyms.builtIn();

  /** The words an unfinished last word was completed to, marked in snippets like typed ones. */
  private final List<String> completed = new ArrayList<>();

  /** Each meaningful word typed and the query of its alternatives (after {@link #toLucene}). */
  private final Map<String, Query> wordQueries = new LinkedHashMap<>();

  private final Set<String> unknown = new LinkedHashSet<>();
  private int absentWords;
  // Over every synonym list a search builds its query with (one per list of the workspaces it
  // covers): a word left out under any of them is named, not only under the one built last.
  private final Set<String> named = new LinkedHashSet<>();

  /** Whether the last {@link #toLucene} required every word: then it can be relaxed. */
  private boolean everyWordRequired;

  private SearchQuery(
      List<String> words, List<String> phrases, boolean lastIsPrefix, List<String> excluded) {
    this.words = words;
    this.phrases = phrases;
    this.lastIsPrefix = lastIsPrefix;
    this.excluded = excluded;
    this.typed = typedLanguage(words);
  }

  /**
   * Small words that only one of the two languages has ("the", "with"; "les", "pour"): a search
   * that holds some of one kind and none of the other was typed in that language.
   */
  private static final Set<String> ENGLISH_MARKERS =
      Set.of(
          "the", "of", "to", "in", "for", "with", "and", "is", "are", "my", "what", "which", "how",
          "when", "where", "who", "why", "do", "does", "did", "can", "could", "should", "would",
          "i", "we", "our", "you", "your", "from", "at", "by", "after", "before", "every", "this",
          "that", "it", "an");

  private static final Set<String> FRENCH_MARKERS =
      Set.of(
          "le",
          "la",
          "les",
          "des",
          "du",
          "un",
          "une",
          "dans",
          "pour",
          "sur",
          "avec",
          "et",
          "est",
          "au",
          "aux",
          "ce",
          "cette",
          "ces",
          "mon",
          "ma",
          "mes",
          "je",
          "qui",
          "que",
          "quel",
          "quelle",
          "quels",
          "quelles",
          "ou",
          "quand",
          "pourquoi",
          "faire",
          "si",
          "en",
          "par",
          "pas",
          "ne",
          "il",
          "elle",
          "nous",
          "vous",
          "son",
          "sa",
          "ses",
          "leur",
          "leurs",
          "de",
          "chaque",
          "entre");

  private static final Pattern FRENCH_LETTERS = Pattern.compile("[àâçéèêëîïôûùüœ]");
  private static final Pattern ELISION = Pattern.compile("^(?:l|d|qu|j|n|s|c|m|t)['’]\\p{L}.*");

  /** "fr" or "en" when the words say which language they are in, else null. */
  static String typedLanguage(List<String> words) {
    int french = 0;
    int english = 0;
    for (String word : words) {
      String lower = word.toLowerCase(Locale.ROOT);
      if (FRENCH_LETTERS.matcher(lower).find()
          || ELISION.matcher(lower).matches()
          || FRENCH_MARKERS.contains(lower)) {
        french++;
      } else if (ENGLISH_MARKERS.contains(lower)) {
        english++;
      }
    }
    if (french > english) {
      return "fr";
    }
    return english > french ? "en" : null;
  }

  /** The language of the words typed, or null when they do not say. */
  String typedLanguage() {
    return typed;
  }

  static SearchQuery parse(String raw) {
    String text = raw == null ? "" : raw;
    List<String> phrases = new ArrayList<>();
    Matcher phrase = PHRASE.matcher(text);
    while (phrase.find()) {
      // As many phrases as words at most: each is required, and each costs a walk of its words'
      // positions.
      if (!phrase.group(1).isBlank() && phrases.size() < MAX_WORDS) {
        phrases.add(phrase.group(1));
      }
    }
    String rest = PHRASE.matcher(text).replaceAll(" ");
    boolean endsInWord =
        !rest.isEmpty()
            && !Character.isWhitespace(rest.charAt(rest.length() - 1))
            && !text.endsWith("\"");
    List<String> words = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    boolean lastExcluded = false;
    for (String word : NOT_WORD.matcher(rest).replaceAll(" ").split("\\s+")) {
      String without = word.replaceFirst("^-+", "");
      lastExcluded = word.startsWith("-") && !without.isEmpty();
      if (lastExcluded && excluded.size() < MAX_WORDS) {
        excluded.add(without);
      } else if (!without.isBlank() && words.size() < MAX_WORDS) {
        words.add(without);
      }
    }
    return new SearchQuery(words, phrases, endsInWord && !lastExcluded, excluded);
  }

  /** Widens the words with this list from now on (a workspace's, over the built-in one). */
  SearchQuery using(Synonyms list) {
    this.synonyms = list;
    return this;
  }

  /**
   * Per word typed, what the words around it mean together: "bank reconciliation" typed gives both
   * words the other ways to say the two ("rapprochement bancaire"), so that either word's
   * alternatives find a procedure that says it the other way.
   */
  private List<List<String>> phraseSynonyms() {
    List<List<String>> extra = new ArrayList<>();
    words.forEach(w -> extra.add(new ArrayList<>()));
    if (!synonyms.hasPhrases()) {
      return extra;
    }
    for (int size = Math.min(4, words.size()); size >= 2; size--) {
      for (int start = 0; start + size <= words.size(); start++) {
        List<String> others = synonyms.ofWords(words.subList(start, start + size));
        for (int i = start; i < start + size; i++) {
          for (String other : others) {
            if (!extra.get(i).contains(other)) {
              extra.get(i).add(other);
            }
          }
        }
      }
    }
    return extra;
  }

  /** A word's synonyms: its own, and those of the words it was typed with. */
  private List<String> synonymsOf(int index, List<List<String>> together) {
    List<String> all = new ArrayList<>(synonyms.of(words.get(index)));
    together.get(index).stream().filter(p -> !all.contains(p)).forEach(all::add);
    return all;
  }

  boolean isEmpty() {
    return words.isEmpty() && phrases.isEmpty();
  }

  /** The relevance part of the query, without looking at the index (every word complete). */
  Query toLucene() {
    return toLucene(null);
  }

  /**
   * The relevance part of the query; filters are added by the searcher. With a reader, a last word
   * that is no word of the index (an unfinished "buyb") must match as a prefix.
   */
  Query toLucene(IndexReader reader) {
    return toLucene(reader, false);
  }

  /**
   * With {@code relaxed}, no word is required (a quoted phrase still is): the query a search falls
   * back to when requiring every word finds too little. BM25 then ranks first the documents with
   * more, and rarer, of the words.
   */
  Query toLucene(IndexReader reader, boolean relaxed) {
    TermLookup lookup = reader == null ? null : new TermLookup(reader);
    completed.clear();
    wordQueries.clear();
    unknown.clear();
    absentWords = 0;
    List<List<String>> together = phraseSynonyms();
    List<Query> required = new ArrayList<>();
    List<Query> groups = new ArrayList<>();
    List<Query> titles = new ArrayList<>();
    boolean typing = false;
    for (int i = 0; i < words.size(); i++) {
      boolean prefix = lastIsPrefix && i == words.size() - 1;
      if (opensAQuestion(i) && !prefix) {
        continue;
      }
      int completions = completed.size();
      Query group =
          word(
              words.get(i),
              prefix,
              lookup,
              titles,
              completed,
              synonyms.of(words.get(i)),
              together.get(i),
              typed);
      if (group != null && lookup != null && !prefix && onlyTypos(group, lookup)) {
        // A word the index lacks whose only alternative is a typo of it that no term is
        // (a made-up or foreign word): a clause that matches nothing, and the word goes unsaid.
        group = null;
      }
      if (group == null) {
        if (lookup != null && !prefix && unknownWord(words.get(i))) {
          unknown.add(words.get(i));
          // Still a word of the search, one no procedure has: the query has the shape it has when
          // another workspace's procedures have the word (two words required, three any), and
          // the hits are rescored over as many words. Otherwise the total, the scores and the
          // order told a reader whether a workspace they cannot see uses the word.
          wordQueries.putIfAbsent(words.get(i), new MatchNoDocsQuery());
          absentWords++;
        }
        continue;
      }
      wordQueries.putIfAbsent(words.get(i), group);
      if (!relaxed
          && prefix
          && i > 0
          && groups.size() + absentWords <= 2
          && unfinished(lookup, words.get(i))
          && completed.size() > completions) {
        // A word still being typed is the freshest intent: it must match (as a prefix, or
        // with a typo). Unless no word of the index starts with it: then it is a finished word
        // the procedures do not use ("mot de passe oublie"), and requiring it would hide them.
        // Nor after three words or more: they say enough, and a last word the procedures do not
        // use ("… Qonto Revolut") would otherwise keep only pages with a word it starts
        // ("revolutionary") and hide the one that has all the others.
        required.add(group);
        typing = true;
      } else {
        groups.add(group);
      }
    }
    for (String phrase : phrases) {
      Query match = phrase(phrase);
      if (match != null) {
        required.add(match);
      }
    }
    // One flat query: the scorers of a flat conjunction or disjunction skip blocks of documents
    // that cannot enter the top hits, where nested ones (or "two of three") score them all.
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    required.forEach(q -> query.add(q, Occur.MUST));
    // Two words must both match, the one being typed included. From three on, any may be
    // missing (a word the page does not use, a question's filler): BM25 ranks first the
    // documents with more, and rarer, of the words. Beside a phrase, a word may be missing.
    int counted = groups.size() + absentWords;
    boolean all = !relaxed && (counted == 2 || (counted == 1 && typing));
    everyWordRequired = all;
    if (all) {
      // Named only where every word is required (two words): there a word absent from the
      // reader's workspaces is named either way, left out here or by relaxing. From three words
      // on, no missing word is named, whether or not another workspace has it: naming only the
      // words absent everywhere would tell what the other workspaces hold.
      named.addAll(unknown);
    }
    for (Query group : groups) {
      if (!all && group instanceof DisjunctionMaxQuery alternatives) {
        // A word that may be missing adds its alternatives to the sum on their own: a synonym's
        // clause then has a score bound of its own, low enough that Lucene only checks it on
        // documents the other words found, instead of walking its documents ("mot de passe" for
        // "accès": two long lists intersected) to take a maximum.
        alternatives.getDisjuncts().forEach(q -> query.add(q, Occur.SHOULD));
      } else {
        query.add(group, all ? Occur.MUST : Occur.SHOULD);
      }
    }
    // Title matches only add to the score: a title's words are in the body too, so a title clause
    // never matches a document on its own.
    titles.forEach(t -> query.add(t, Occur.SHOULD));
    proximity(lookup).forEach(q -> query.add(q, Occur.SHOULD));
    for (String word : excluded) {
      // Any form of the word (its stems in either language, the word itself) rules a hit out.
      for (String stem : stems(word)) {
        query.add(new TermQuery(new Term(SearchFields.BODY_STEM, stem)), Occur.MUST_NOT);
      }
      for (String plain : analysed("plain", word)) {
        query.add(new TermQuery(new Term(SearchFields.BODY_PLAIN, plain)), Occur.MUST_NOT);
      }
    }
    return query.build();
  }

  /**
   * "Comment" opening a French question ("comment répondre à un devis") asks how; anywhere else, or
   * in English, it is a comment.
   */
  private boolean opensAQuestion(int index) {
    return index == 0
        && words.size() > 1
        && "fr".equals(typed)
        && Slugs.fold(words.get(0)).equals("comment");
  }

  /** How far apart two words typed side by side may be and still count as said together. */
  private static final int NEAR = 2;

  private static final float PROXIMITY = 0.3f;

  /**
   * Two words typed side by side that a procedure also has close together ("laptop refresh",
   * "Flying Blue", "resignation email") are better evidence than the same words far apart: each
   * such pair adds to the score (the sequential dependence of Metzler and Croft's model). Stems in
   * each language, so "booking a flight" matches "book flights"; question words and stop words are
   * skipped over, since the stemmed field keeps their positions empty.
   */
  private List<Query> proximity(TermLookup lookup) {
    List<String> content = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      if (meaningful(words.get(i)) && !opensAQuestion(i)) {
        content.add(words.get(i));
      }
    }
    List<Query> pairs = new ArrayList<>();
    for (int i = 0; i + 1 < content.size(); i++) {
      Set<List<String>> seen = new LinkedHashSet<>();
      for (String language : SearchFields.LANGUAGES) {
        List<String> first = analysed(language, content.get(i));
        List<String> second = analysed(language, content.get(i + 1));
        if (first.size() != 1 || second.size() != 1) {
          continue;
        }
        List<String> pair = List.of(first.get(0), second.get(0));
        if (pair.stream().anyMatch(t -> absent(lookup, t)) || !seen.add(pair)) {
          continue;
        }
        pairs.add(
            boost(
                new PhraseQuery(NEAR, SearchFields.BODY_STEM, pair.get(0), pair.get(1)),
                PROXIMITY));
      }
    }
    return pairs;
  }

  /**
   * The words left out, by a query built with every word required (under any synonym list), because
   * nothing in the index matches them: neither they, nor a word one typo away, nor a synonym. They
   * were left out without a word ("sick" in "sick facture" found the pages with "facture", and the
   * page said nothing about "sick"; had another workspace used "sick", relaxing would have named
   * it).
   */
  List<String> unknownWords() {
    return List.copyOf(named);
  }

  /** The group is the word's typo clause alone, and no term of the index is a typo of it. */
  private static boolean onlyTypos(Query group, TermLookup lookup) {
    if (!(group instanceof BoostQuery boosted)
        || !(boosted.getQuery() instanceof AutomatonQuery
            || boosted.getQuery() instanceof FuzzyQuery)) {
      return false;
    }
    try {
      if (boosted.getQuery() instanceof AutomatonQuery typo) {
        // Its automaton against each segment's terms, no postings read: a count of the documents
        // cost searches with a typo a millisecond at p99 (measured).
        for (LeafReaderContext leaf : lookup.reader().leaves()) {
          Terms terms = leaf.reader().terms(SearchFields.BODY_PLAIN);
          if (terms != null && typo.getCompiled().getTermsEnum(terms).next() != null) {
            return false;
          }
        }
        return true;
      }
      return new IndexSearcher(lookup.reader()).count(boosted.getQuery()) == 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Left out for matching nothing, not for being a question word, a stop word or punctuation. */
  private static boolean unknownWord(String word) {
    return !QUESTION_WORDS.contains(Slugs.fold(word))
        && word.codePoints().anyMatch(Character::isLetterOrDigit)
        && !analysed("fr", word).isEmpty()
        && !analysed("en", word).isEmpty();
  }

  /** Whether the query built last required every word, so that relaxing it could find more. */
  boolean everyWordRequired() {
    return everyWordRequired;
  }

  /** The meaningful words typed, each with the query of its alternatives (stems, typos…). */
  Map<String, Query> wordQueries() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(wordQueries));
  }

  /** The word as the plain field indexes it (folded, lower case), or null when it is none. */
  static String plainForm(String word) {
    List<String> terms = analysed("plain", word);
    return terms.size() == 1 ? terms.get(0) : null;
  }

  /** The words as typed, in order. */
  List<String> words() {
    return List.copyOf(words);
  }

  /** The same search with {@code word} replaced by {@code by} ("did you mean"). */
  static String replacing(String raw, String word, String by) {
    return raw.replaceFirst(
        "(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])",
        Matcher.quoteReplacement(by));
  }

  private static boolean unknown(TermLookup lookup, String plainTerm) {
    if (lookup == null) {
      return true;
    }
    // A procedure's body begins with its heading: its title words are body words too.
    return lookup.docFreq(new Term(SearchFields.BODY_PLAIN, plainTerm)) == 0;
  }

  /**
   * What the snippet highlights, as words of the plain text: the words and phrases typed, their
   * synonyms, and the completions of an unfinished last word (after {@link
   * #toLucene(IndexReader)}). Typo matches are not marked.
   */
  Set<String> highlightTerms() {
    Set<String> terms = new LinkedHashSet<>();
    List<List<String>> together = phraseSynonyms();
    for (int i = 0; i < words.size(); i++) {
      String word = words.get(i);
      if (!meaningful(word)) {
        continue;
      }
      terms.addAll(analysed("plain", word));
      for (String synonym : synonymsOf(i, together)) {
        terms.addAll(meaningfulWords(synonym));
      }
    }
    for (String phrase : phrases) {
      terms.addAll(meaningfulWords(phrase));
    }
    terms.addAll(completed);
    return terms;
  }

  /** How many words of the index are read after a stem, looking for its forms. */
  private static final int FORMS_SCANNED = 64;

  /**
   * The index's words that share a typed word's stem in either language ("réservation" and
   * "réservations" for "réserver", "booked" for "booking"), so that the snippet marks what matched
   * by its stem, not only the word as typed. A stem is the start of its words once accents are
   * folded, so they follow it in the terms dictionary: a few dozen are read after it.
   */
  Set<String> stemForms(IndexReader reader) {
    Set<String> forms = new LinkedHashSet<>();
    IndexReader.CacheHelper version = reader.getReaderCacheHelper();
    Terms terms = null;
    for (String word : words) {
      if (!meaningful(word)) {
        continue;
      }
      for (String language : SearchFields.LANGUAGES) {
        List<String> stem = analysed(language, word);
        if (stem.size() != 1 || stem.get(0).length() < 3) {
          continue;
        }
        String key = language + ':' + stem.get(0);
        Forms known = FORMS.get(key);
        if (known != null && version != null && known.reader() == version.getKey()) {
          forms.addAll(known.words());
          continue;
        }
        if (terms == null) {
          terms = plainTerms(reader);
        }
        Set<String> found = formsOf(terms, language, stem);
        if (version != null) {
          FORMS.put(key, new Forms(version.getKey(), found));
        }
        forms.addAll(found);
      }
    }
    return forms;
  }

  private static Terms plainTerms(IndexReader reader) {
    try {
      return MultiTerms.getTerms(reader, SearchFields.BODY_PLAIN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> formsOf(Terms terms, String language, List<String> stem) {
    Set<String> forms = new LinkedHashSet<>();
    if (terms == null) {
      return forms;
    }
    try {
      BytesRef start = new BytesRef(stem.get(0));
      TermsEnum each = terms.iterator();
      if (each.seekCeil(start) == TermsEnum.SeekStatus.END) {
        return forms;
      }
      int scanned = 0;
      for (BytesRef term = each.term();
          term != null && StringHelper.startsWith(term, start) && scanned++ < FORMS_SCANNED;
          term = each.next()) {
        String form = term.utf8ToString();
        if (form.length() <= 40 && analysed(language, form).equals(stem)) {
          forms.add(form);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(forms);
  }

  /** A stem's forms, read from the reader whose cache key is {@code reader}. */
  private record Forms(Object reader, Set<String> words) {}

  /**
   * Forms by stem, for the reader they were read from: the same words come back search after
   * search, and reading a stem's forms analyses dozens of words. A newer reader (a publish since)
   * reads them again. (Words only, from the index's dictionary; the snippet marks them only in the
   * hits the reader may see.)
   */
  private static final Map<String, Forms> FORMS =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Forms> eldest) {
              return size() > 1024;
            }
          });

  /**
   * The words of a phrase or a synonym worth marking: "mot de passe" marks "mot" and "passe", not
   * every "de" of the snippet (whose many positions were also the slowest list to read).
   */
  private static List<String> meaningfulWords(String text) {
    return analysed("plain", text).stream().filter(SearchQuery::meaningful).toList();
  }

  /** Not a question word, nor a stop word of either language ("pour", "the"). */
  private static boolean meaningful(String word) {
    return Slugs.fold(word).length() > 1
        && !QUESTION_WORDS.contains(Slugs.fold(word))
        && !analysed("fr", word).isEmpty()
        && !analysed("en", word).isEmpty();
  }

  /** True when no indexed document has this exact word: it is the start of one. */
  private static boolean unfinished(TermLookup lookup, String word) {
    return lookup != null && analysed("plain", word).stream().allMatch(t -> unknown(lookup, t));
  }

  /**
   * A stem that no document has (the body holds the title too, through the manual title, and every
   * procedure's words): its clauses would only cost scorers.
   */
  private static boolean absent(TermLookup lookup, String term) {
    if (lookup == null) {
      return false;
    }
    return lookup.docFreq(new Term(SearchFields.BODY_STEM, term)) == 0;
  }

  private static Query word(
      String word,
      boolean prefix,
      TermLookup lookup,
      List<Query> titles,
      List<String> completed,
      List<String> synonyms,
      List<String> wholes,
      String typed) {
    if (!prefix && QUESTION_WORDS.contains(Slugs.fold(word))) {
      return null;
    }
    List<Query> alternatives = new ArrayList<>();
    List<Query> wordTitles = new ArrayList<>();
    Set<String> own = new LinkedHashSet<>();
    for (String term : stems(word)) {
      if (!absent(lookup, term)) {
        own.add(term);
      }
    }
    // The word weighs what its most common stem weighs: the stem of the other language is
    // often another, rarer word ("responsable" gives the English "respons", the stem of
    // "response"), and BM25 would rank it above the word itself for being rare.
    double weight = own.stream().mapToDouble(t -> idf(lookup, t)).min().orElse(Double.NaN);
    for (String term : own) {
      float share = share(weight, idf(lookup, term));
      alternatives.add(boost(term(lookup, SearchFields.BODY_STEM, term), BODY * share));
      wordTitles.add(
          boost(
              term(lookup, SearchFields.TITLE_STEM, term),
              (TITLE - BODY) * share * titleShare(lookup, term)));
    }
    // The verb of the noun typed, or the noun of the verb ("publier", "publication"), which the
    // French stemmer leaves apart: in French pages, as the word itself.
    Set<String> family = new LinkedHashSet<>();
    for (String related : WordFamilies.of(word)) {
      // Only a word some page uses: a made-up one ("lettrer" from "lettrage") can share its stem
      // with another word ("lettre").
      if (unknown(lookup, related)) {
        continue;
      }
      for (String term : analysed("fr", related)) {
        if (!own.contains(term) && !absent(lookup, term)) {
          family.add(term);
        }
      }
    }
    if (!family.isEmpty()) {
      synonymAlternatives(lookup, family, Set.of(), weight, FAMILY)
          .forEach(q -> alternatives.add(inLanguage(q, "fr")));
      translatedTitle(lookup, family, weight)
          .ifPresent(q -> wordTitles.add(inLanguage(boost(q, FAMILY), "fr")));
    }
    // Each stem once: a synonym often shares the word's stem ("congés" for "congé", "invoices"
    // for "invoice") or another synonym's, and every clause on the same term would walk its
    // documents again.
    Set<String> synonymStems = new LinkedHashSet<>();
    Set<List<String>> synonymSets = new LinkedHashSet<>();
    for (String synonym : synonyms) {
      synonym(synonym, lookup, synonymStems, synonymSets);
    }
    synonymStems.removeAll(own);
    synonymStems.removeAll(family);
    if (typed == null) {
      alternatives.addAll(synonymAlternatives(lookup, synonymStems, synonymSets, weight, SYNONYM));
    } else {
      // A page in the language typed could have said the word: another word for it weighs half.
      // A page in the other language could not: there its translation is the word, and weighs
      // (in body and heading) as the word does ("premier commentaire" typed, "first comment"
      // written).
      String other = typed.equals("fr") ? "en" : "fr";
      synonymAlternatives(lookup, synonymStems, synonymSets, weight, SYNONYM)
          .forEach(q -> alternatives.add(inLanguage(q, typed)));
      synonymAlternatives(lookup, synonymStems, synonymSets, weight, 1f)
          .forEach(q -> alternatives.add(inLanguage(q, other)));
      translatedTitle(lookup, synonymStems, weight)
          .ifPresent(q -> wordTitles.add(inLanguage(q, other)));
    }
    alternatives.addAll(wholeAlternatives(lookup, wholes, weight));
    List<String> plainTerms = analysed("plain", word);
    for (String term : plainTerms) {
      boolean known = !unknown(lookup, term);
      // Typo tolerance only for words the index does not know: a correctly spelled word needs
      // none, and each fuzzy term costs an automaton to build.
      if (term.length() >= 5 && !known) {
        // One edit (a transposition counts as one) catches the typos people make; two cost an
        // automaton ten times larger and match too many unrelated words. The plain body starts
        // with the procedure's heading, so one field covers titles too.
        alternatives.add(boost(typos(term), FUZZY));
      }
      // A finished word needs no prefix: its exact and stemmed forms match it, and prefix
      // terms score as constants, which defeats skipping over low-scoring blocks.
      if (prefix && term.length() >= 2 && (term.length() <= 3 || !known)) {
        if (!known) {
          boolean alone = alternatives.isEmpty();
          int before = completed.size();
          alternatives.add(boost(completions(lookup, term, completed, false, alone), PREFIX));
          // A heading with a completion counts as a heading with a finished word does ("computer
          // buyb" typed: "Computer buyback program" first, not a page that only says buyback).
          // From four letters: a shorter start has completions in thousands of headings, and
          // reading them all cost every search a third of a millisecond (measured).
          if (completed.size() > before && term.length() >= 4) {
            SynonymQuery.Builder headings = new SynonymQuery.Builder(SearchFields.TITLE_PLAIN);
            completed
                .subList(before, completed.size())
                .forEach(w -> headings.addTerm(new Term(SearchFields.TITLE_PLAIN, w)));
            wordTitles.add(boost(headings.build(), TITLE - BODY));
          }
        } else {
          // A known short word ("vol") may still be the start of a longer one ("volume"): its
          // completions widen the search like synonyms and never outweigh the word, which its
          // own stems match. (With the word among its completions, weighted 1.5, a procedure
          // with "volume" could rank above those with "vol", and the word's long list of
          // documents was read twice.)
          Query longer = completions(lookup, term, completed, true, false);
          if (!(longer instanceof MatchNoDocsQuery)) {
            double rarity = lookup.idf(new Term(SearchFields.BODY_PLAIN, completed.getLast()));
            alternatives.add(boost(longer, SYNONYM * share(weight, rarity)));
          }
        }
      }
    }
    if (alternatives.isEmpty() || plainTerms.isEmpty()) {
      return null;
    }
    // A stop word of either language ("les", "the") is no evidence of relevance: it must not
    // count among the words that have to match. (The last word, being typed, always counts.)
    if ((analysed("fr", word).isEmpty() || analysed("en", word).isEmpty()) && !prefix) {
      return null;
    }
    titles.addAll(wordTitles);
    return alternatives.size() == 1
        ? alternatives.get(0)
        : new DisjunctionMaxQuery(alternatives, 0.3f);
  }

  /**
   * The words one edit away from {@code term} (first letter kept, a transposition counting as one
   * edit), at most 50 of them. Every one of them is a typo match of equal weight: typo tolerance is
   * only asked for words the index does not have.
   */
  private static Query typos(String term) {
    return TYPOS.computeIfAbsent(
        term,
        word -> {
          CompiledAutomaton compiled = FuzzyQuery.getFuzzyAutomaton(word, 1, 1, true);
          if (compiled.automaton == null) {
            return new FuzzyQuery(new Term(SearchFields.BODY_PLAIN, word), 1, 1, 50, true);
          }
          return new AutomatonQuery(
              new Term(SearchFields.BODY_PLAIN, word),
              compiled.automaton,
              false,
              new MultiTermQuery.TopTermsBlendedFreqScoringRewrite(50));
        });
  }

  /**
   * Typo queries by word. Building the automaton (Levenshtein's, compiled to UTF-8 transitions) was
   * a quarter of a search's time on the handbooks; it depends on the word alone, and the words of a
   * search typed letter by letter come back with every keystroke. A query holds no index state, so
   * one is kept and reused (the 512 most recently used).
   */
  private static final Map<String, Query> TYPOS =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Query> eldest) {
              return size() > 512;
            }
          });

  /** How many words a prefix stands for, and how many words of the index are looked at. */
  private static final int COMPLETIONS = 16;

  private static final int COMPLETIONS_SCANNED = 4096;

  /**
   * The words of the index that start with {@code prefix}, the most frequent first, matched as one
   * word: a search-as-you-type suggester's completions. Matching every word with the prefix ("ment"
   * stands for hundreds) made one unfinished word cost more than the rest of the search.
   */
  private static Query completions(
      TermLookup lookup, String prefix, List<String> completed, boolean longerOnly, boolean alone) {
    if (lookup == null) {
      return new PrefixQuery(new Term(SearchFields.BODY_PLAIN, prefix));
    }
    try {
      Terms terms = MultiTerms.getTerms(lookup.reader(), SearchFields.BODY_PLAIN);
      PriorityQueue<Completion> best =
          new PriorityQueue<>(Comparator.comparingInt(Completion::docFreq));
      if (terms != null) {
        TermsEnum each = terms.iterator();
        BytesRef start = new BytesRef(prefix);
        if (each.seekCeil(start) != TermsEnum.SeekStatus.END) {
          int scanned = 0;
          for (BytesRef term = each.term();
              term != null
                  && StringHelper.startsWith(term, start)
                  && scanned++ < COMPLETIONS_SCANNED;
              term = each.next()) {
            if (longerOnly && term.length == start.length) {
              continue;
            }
            best.add(new Completion(term.utf8ToString(), each.docFreq()));
            if (best.size() > COMPLETIONS) {
              best.poll();
            }
          }
        }
      }
      if (best.isEmpty()) {
        return new MatchNoDocsQuery("no word starts with " + prefix);
      }
      List<Term> words = new ArrayList<>();
      // Least frequent first: the last is the most common, whose rarity Lucene scores them by.
      while (!best.isEmpty()) {
        String word = best.poll().word();
        completed.add(word);
        words.add(new Term(SearchFields.BODY_PLAIN, word));
      }
      if (alone) {
        // The word's only match ("rap" typed): each completion a clause of a sum, whose own
        // score bounds let Lucene skip the rarer ones where they cannot enter the top hits. As
        // one word (below), the sixteen lists would be merged block by block before any could be
        // skipped. Beside the word's other alternatives, one word is faster.
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        words.forEach(w -> any.add(lookup.query(w), Occur.SHOULD));
        return any.build();
      }
      SynonymQuery.Builder one = new SynonymQuery.Builder(SearchFields.BODY_PLAIN);
      words.forEach(one::addTerm);
      return one.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Completion(String word, int docFreq) {}

  /**
   * The stems of a synonym (of a single word), or its sets of stems (of several words, one per
   * language; stop words left out), when every stem is in the index.
   */
  private static void synonym(
      String synonym, TermLookup lookup, Set<String> stems, Set<List<String>> sets) {
    if (analysed("plain", synonym).size() > 1) {
      for (String language : SearchFields.LANGUAGES) {
        List<String> terms = analysed(language, synonym);
        if (!terms.isEmpty() && terms.stream().noneMatch(t -> absent(lookup, t))) {
          sets.add(terms);
        }
      }
      return;
    }
    for (String term : stems(synonym)) {
      if (!absent(lookup, term)) {
        stems.add(term);
      }
    }
  }

  /**
   * Synonyms match like the word itself, with less weight. Those of one word are one clause that
   * scores them as a single word ("agenda" or "planning" for "calendrier"): Lucene then reads their
   * documents as one list, with one score bound per block, where a clause each made every document
   * of every synonym go through the word's alternatives (a tenth of the slowest searches). A
   * synonym of several words ("mot de passe", "time off") matches a procedure that has all of its
   * stems, not only as an exact phrase: phrase clauses check positions document by document, and
   * inside a word's alternatives they made the whole search do so (they were the slowest searches
   * at 110,000 procedures).
   */
  private static List<Query> synonymAlternatives(
      TermLookup lookup, Set<String> stems, Set<List<String>> sets, double weight, float factor) {
    List<Query> alternatives = new ArrayList<>();
    if (stems.size() == 1) {
      String stem = stems.iterator().next();
      float share = share(weight, idf(lookup, stem));
      alternatives.add(boost(term(lookup, SearchFields.BODY_STEM, stem), BODY * factor * share));
    } else if (stems.size() > 1) {
      SynonymQuery.Builder any = new SynonymQuery.Builder(SearchFields.BODY_STEM);
      stems.forEach(t -> any.addTerm(new Term(SearchFields.BODY_STEM, t)));
      // Lucene scores the synonyms as one word as common as the most common of them.
      float share = share(weight, stems.stream().mapToDouble(t -> idf(lookup, t)).min().orElse(0));
      alternatives.add(boost(any.build(), BODY * factor * share));
    }
    for (List<String> terms : sets) {
      BooleanQuery.Builder all = new BooleanQuery.Builder();
      terms.forEach(t -> all.add(term(lookup, SearchFields.BODY_STEM, t), Occur.MUST));
      // The stems of a synonym of several words add up.
      float share = share(weight, terms.stream().mapToDouble(t -> idf(lookup, t)).sum());
      alternatives.add(boost(all.build(), BODY * factor * share));
    }
    return alternatives;
  }

  /** The query, for the documents of one language only. */
  private static Query inLanguage(Query query, String language) {
    return new BooleanQuery.Builder()
        .add(query, Occur.MUST)
        .add(new TermQuery(new Term(SearchFields.LANGUAGE, language)), Occur.FILTER)
        .build();
  }

  /** The headings that have one of a word's translations (single words), weighed as its own. */
  private static Optional<Query> translatedTitle(
      TermLookup lookup, Set<String> stems, double weight) {
    if (stems.isEmpty()) {
      return Optional.empty();
    }
    SynonymQuery.Builder any = new SynonymQuery.Builder(SearchFields.TITLE_STEM);
    stems.forEach(t -> any.addTerm(new Term(SearchFields.TITLE_STEM, t)));
    String common =
        stems.stream().min(Comparator.comparingDouble(t -> idf(lookup, t))).orElseThrow();
    float share = share(weight, idf(lookup, common));
    return Optional.of(boost(any.build(), (TITLE - BODY) * share * titleShare(lookup, common)));
  }

  /**
   * How much of its boost an alternative keeps so that it never outweighs the word it stands for: a
   * rare synonym ("hébergement" for "hôtel") would otherwise rank its few documents above those
   * that have the word typed, and its high score bound stops Lucene from skipping the blocks of
   * documents that cannot enter the top hits (a third of the slowest searches).
   */
  /**
   * The other ways to say the words typed around this one (a list's entry of several words, typed
   * whole): the person typed the whole thing the list declares equal, so each weighs like the word
   * itself (no synonym's half), its rarity capped as usual by the mean of its stems'.
   */
  private static List<Query> wholeAlternatives(
      TermLookup lookup, List<String> wholes, double weight) {
    List<Query> alternatives = new ArrayList<>();
    Set<List<String>> seen = new LinkedHashSet<>();
    for (String whole : wholes) {
      for (String language : SearchFields.LANGUAGES) {
        List<String> terms = analysed(language, whole);
        if (terms.isEmpty()
            || terms.stream().anyMatch(t -> absent(lookup, t))
            || !seen.add(terms)) {
          continue;
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        terms.forEach(t -> all.add(term(lookup, SearchFields.BODY_STEM, t), Occur.MUST));
        double mean = terms.stream().mapToDouble(t -> idf(lookup, t)).average().orElse(0);
        alternatives.add(boost(all.build(), BODY * share(weight, mean)));
      }
    }
    return alternatives;
  }

  /**
   * A title match weighs by how rare the word is in bodies, not in titles (BM25F's rule): few
   * titles say "questions" where hundreds of pages do, and rated by titles alone a common word in a
   * heading outweighed the rare word the search was about ("TVA").
   */
  private static float titleShare(TermLookup lookup, String stem) {
    if (lookup == null) {
      return 1f;
    }
    double inTitles = lookup.idf(new Term(SearchFields.TITLE_STEM, stem));
    double inBodies = lookup.idf(new Term(SearchFields.BODY_STEM, stem));
    return inTitles <= 0 ? 1f : (float) Math.min(1.0, inBodies / inTitles);
  }

  private static float share(double wordWeight, double alternativeWeight) {
    if (Double.isNaN(wordWeight) || alternativeWeight <= wordWeight) {
      return 1f;
    }
    return (float) (wordWeight / alternativeWeight);
  }

  /** The term's BM25 rarity in the stemmed body; without an index at hand, all weigh the same. */
  private static double idf(TermLookup lookup, String stem) {
    return lookup == null ? 1 : lookup.idf(new Term(SearchFields.BODY_STEM, stem));
  }

  /** The word's stems in both languages, each once ("train" is the same stem in both). */
  private static Set<String> stems(String word) {
    Set<String> stems = new LinkedHashSet<>();
    for (String language : SearchFields.LANGUAGES) {
      stems.addAll(analysed(language, word));
    }
    return stems;
  }

  private static Query phrase(String phrase) {
    List<String> terms = analysed("plain", phrase);
    if (terms.isEmpty()) {
      return null;
    }
    // A page that has the phrase has its first words; a phrase of 300 "a" walked the positions
    // of "a" 300 times, twice (hits and counts), in one request.
    terms = terms.subList(0, Math.min(terms.size(), MAX_WORDS));
    if (terms.size() == 1) {
      return new DisjunctionMaxQuery(
          List.of(
              boost(new TermQuery(new Term(SearchFields.TITLE_PLAIN, terms.get(0))), TITLE_EXACT),
              boost(new TermQuery(new Term(SearchFields.BODY_PLAIN, terms.get(0))), 1f)),
          0.3f);
    }
    PhraseQuery.Builder title = new PhraseQuery.Builder();
    PhraseQuery.Builder body = new PhraseQuery.Builder();
    for (String term : terms) {
      title.add(new Term(SearchFields.TITLE_PLAIN, term));
      body.add(new Term(SearchFields.BODY_PLAIN, term));
    }
    return new DisjunctionMaxQuery(
        List.of(boost(title.build(), TITLE_EXACT * 2), boost(body.build(), 2f)), 0.3f);
  }

  /** A term query, looked up once when the index is at hand. */
  private static Query term(TermLookup lookup, String field, String text) {
    Term term = new Term(field, text);
    return lookup == null ? new TermQuery(term) : lookup.query(term);
  }

  private static Query boost(Query query, float boost) {
    return new BoostQuery(query, boost);
  }

  /**
   * Analysed words are kept: the same words come back search after search, and analysing one costs
   * a token stream per analyzer. (Short texts only, and emptied when it grows large.)
   */
  private static final Map<String, List<String>> ANALYSED = new ConcurrentHashMap<>();

  private static List<String> analysed(String analysis, String text) {
    Analyzer analyzer =
        switch (analysis) {
          case "fr" -> FRENCH;
          case "en" -> ENGLISH;
          default -> PLAIN;
        };
    if (text.length() > 40) {
      return terms(analyzer, text);
    }
    String key = analysis + ':' + text;
    List<String> known = ANALYSED.get(key);
    if (known != null) {
      return known;
    }
    if (ANALYSED.size() > 20_000) {
      ANALYSED.clear();
    }
    List<String> terms = List.copyOf(terms(analyzer, text));
    ANALYSED.put(key, terms);
    return terms;
  }

  static List<String> terms(Analyzer analyzer, String text) {
    List<String> terms = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("q", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        terms.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }
}

package vademecum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.junit.jupiter.api.Test;

class SearchQueryTest {

  @Test
  void question_words_and_stop_words_do_not_have_to_match() {
    BooleanQuery query =
        (BooleanQuery) SearchQuery.parse("which public holidays are observed").toLucene();
    // Three words ("which" and "are" are gone), their alternatives each a clause of the sum,
    // none required, and title clauses that only add to the score.
    List<BooleanClause> words =
        query.clauses().stream().filter(c -> !c.query().toString().contains("title_")).toList();
    for (String stem : List.of("public", "holiday", "observ")) {
      assertTrue(
          words.stream().anyMatch(c -> c.query().toString().contains("body_stem:" + stem + ")")),
          stem + " in " + query);
    }
    assertFalse(query.toString().contains(":which") || query.toString().contains(":are"));
    assertTrue(words.stream().allMatch(c -> c.occur() == BooleanClause.Occur.SHOULD));
    assertEquals(0, query.getMinimumNumberShouldMatch());
    assertTrue(query.toString().contains("title_stem:holidai"), query.toString());
  }

  @Test
  void the_language_typed_is_read_from_its_small_words_accents_and_elisions() {
    assertEquals("fr", SearchQuery.typedLanguage(List.of("mettre", "le", "lien")));
    assertEquals("fr", SearchQuery.typedLanguage(List.of("hôtel", "surbooké")));
    assertEquals("fr", SearchQuery.typedLanguage(List.of("droit", "d'auteur")));
    assertEquals("en", SearchQuery.typedLanguage(List.of("call", "with", "a", "client")));
    assertEquals(null, SearchQuery.typedLanguage(List.of("funeral", "leave")));
    // "comment" opens a French question; typed in English it is a comment, and it is searched.
    assertTrue(
        SearchQuery.parse("negative comment policy").toLucene().toString().contains("comment"));
    assertFalse(
        SearchQuery.parse("comment répondre à un devis")
            .toLucene()
            .toString()
            .contains("body_plain:comment"));
  }

  @Test
  void a_plural_finds_its_singulars_synonyms() {
    Synonyms list = Synonyms.parse("commentaire négatif, negative comment\nfacture, invoice", "t");
    assertEquals(List.of("invoice"), list.of("factures"));
    assertEquals(List.of("negative comment"), list.ofWords(List.of("commentaires", "négatifs")));
    assertEquals(List.of(), list.of("process"));
  }

  @Test
  void a_plural_with_a_line_of_its_own_also_finds_its_singulars_synonyms() {
    // "invoices" has a line, and only "invoice" is on the French line: the plural typed used to
    // stop at its own line and never met "facture".
    Synonyms list = Synonyms.parse("invoice, invoices, bill\nfacture, invoice", "t");
    assertEquals(List.of("invoice", "bill", "facture"), list.of("invoices"));
    assertEquals(List.of("invoices", "bill", "facture"), list.of("invoice"));
  }

  @Test
  void two_words_must_both_match() {
    BooleanQuery query = (BooleanQuery) SearchQuery.parse("réserver vol").toLucene();
    long required =
        query.clauses().stream().filter(c -> c.occur() == BooleanClause.Occur.MUST).count();
    assertEquals(2, required, query.toString());
    assertTrue(
        query.clauses().stream()
            .filter(c -> c.query().toString().contains("title_"))
            .allMatch(c -> c.occur() == BooleanClause.Occur.SHOULD));
  }

  @Test
  void a_synonym_with_the_words_stem_adds_no_second_clause_on_it() {
    // "congés" and "congé" share their French stem; "factures" and "facture" too.
    for (String word : List.of("congé", "facture", "invoice")) {
      String query = SearchQuery.parse(word + " ").toLucene().toString();
      for (String stem : SearchQuery.terms(Analyzers.french(), word)) {
        String clause = "body_stem:" + stem + ")";
        assertEquals(1, query.split(Pattern.quote(clause), -1).length - 1, query);
      }
    }
  }

  @Test
  void snippets_mark_the_words_of_a_phrase_or_synonym_but_not_its_stop_words() {
    // "accès" has the synonym "mot de passe": marking every "de" of a French text says nothing.
    var synonym = SearchQuery.parse("accès priorité").highlightTerms();
    assertTrue(
        synonym.containsAll(List.of("acces", "mot", "passe", "priorite")), synonym.toString());
    assertFalse(synonym.contains("de"), synonym.toString());
    var phrase = SearchQuery.parse("\"mot de passe\" oublié").highlightTerms();
    assertTrue(phrase.containsAll(List.of("mot", "passe", "oublie")), phrase.toString());
    assertFalse(phrase.contains("de"), phrase.toString());
  }

  @Test
  void french_and_english_analysis_fold_accents_elide_and_stem() {
    assertEquals(
        SearchQuery.terms(Analyzers.french(), "conge maternite"),
        SearchQuery.terms(Analyzers.french(), "congé maternité"));
    assertEquals(
        SearchQuery.terms(Analyzers.french(), "réunion"),
        SearchQuery.terms(Analyzers.french(), "réunions"));
    assertEquals(List.of("equip"), SearchQuery.terms(Analyzers.french(), "l'équipe"));
    assertEquals(List.of("equipe"), SearchQuery.terms(Analyzers.plain(), "l’équipe"));
    assertEquals(
        List.of("book", "flight"), SearchQuery.terms(Analyzers.english(), "booked flights"));
    assertEquals(List.of("team"), SearchQuery.terms(Analyzers.english(), "team's"));
  }

  @Test
  void hostile_input_becomes_words_never_syntax() {
    for (String hostile :
        List.of(
            "\"",
            "AND OR",
            "*",
            "\\",
            "((",
            "a) OR (b",
            "title:foo^9~",
            "\"unbalanced",
            "🙂",
            "",
            "   ")) {
      SearchQuery parsed = SearchQuery.parse(hostile);
      if (!parsed.isEmpty()) {
        parsed.toLucene();
      }
    }
    assertTrue(SearchQuery.parse("*").isEmpty());
    assertFalse(SearchQuery.parse("\"clé API\"").isEmpty());
  }

  /** A phrase of hundreds of words, or hundreds of phrases, costs no more than 32 words. */
  @Test
  void phrases_and_their_words_are_capped_like_words() {
    String longPhrase = "\"" + "a ".repeat(400) + "\"";
    BooleanQuery one = (BooleanQuery) SearchQuery.parse(longPhrase).toLucene();
    assertEquals(1, one.clauses().size());
    assertEquals(
        SearchQuery.MAX_WORDS,
        one.toString().split("body_plain:\"", 2)[1].split("\"", 2)[0].split(" ").length);

    BooleanQuery many = (BooleanQuery) SearchQuery.parse("\"a\" ".repeat(300)).toLucene();
    assertEquals(SearchQuery.MAX_WORDS, many.clauses().size());
  }
}

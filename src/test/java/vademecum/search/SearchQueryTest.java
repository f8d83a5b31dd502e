package vademecum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.junit.jupiter.api.Test;

class SearchQueryTest {

  @Test
  void question_words_and_stop_words_do_not_have_to_match() {
    BooleanQuery whole =
        (BooleanQuery) SearchQuery.parse("which public holidays are observed").toLucene();
    // The word groups must match; title matches only add to the score.
    assertEquals(BooleanClause.Occur.MUST, whole.clauses().get(0).occur(), whole.toString());
    assertEquals(BooleanClause.Occur.SHOULD, whole.clauses().get(1).occur());
    assertTrue(whole.clauses().get(1).query().toString().contains("title_en:holidai"));
    BooleanQuery query = (BooleanQuery) whole.clauses().get(0).query();
    long groups =
        query.clauses().stream().filter(c -> c.occur() == BooleanClause.Occur.SHOULD).count();
    assertEquals(3, groups, query.toString());
    assertEquals(2, query.getMinimumNumberShouldMatch());
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
}

package vademecum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ranking rules that hold whatever the corpus, on a small index written directly. */
class SearchRankingTest {
  @TempDir Path dir;

  /**
   * A synonym widens a search without outweighing the word typed, however rare it is ("hébergement"
   * in one procedure, "hôtel" in several), and a word's stem in the other language ("responsable"
   * gives the English "respons", as "response" does) weighs no more than its own.
   */
  @Test
  void rare_alternatives_of_a_word_rank_below_the_word_itself() {
    List<SearchDocument> french = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      french.add(doc("fr", "p" + i, "Note " + i, "Le responsable choisit l'hôtel du séjour."));
    }
    french.add(doc("fr", "syn", "Note 6", "Le responsable choisit l'hébergement du séjour."));
    for (int i = 0; i < 13; i++) {
      french.add(doc("fr", "f" + i, "Autre " + i, "Classer les factures du mois."));
    }
    // As long as the French procedures, a little longer: with the same weight per word, it
    // comes last; weighted for its rarity, it came first.
    List<SearchDocument> english =
        List.of(doc("en", "e0", "Reply", "Write the response, then send the whole reply back."));
    try (SearchIndex index = new SearchIndex(dir)) {
      index.replaceManual(1, french);
      index.replaceManual(2, english);
      index.refresh();
      Searcher searcher = new Searcher(index);

      List<String> hotel = procedures(searcher, "hôtel");
      assertEquals(7, hotel.size(), "the synonym still finds its procedure: " + hotel);
      assertEquals("syn", hotel.get(6), "the synonym ranks below every 'hôtel': " + hotel);

      List<String> responsable = procedures(searcher, "responsable ");
      assertEquals("e0", responsable.get(responsable.size() - 1), responsable.toString());
      assertTrue(responsable.size() > 1, responsable.toString());
    }
  }

  /**
   * French stems join a verb and its nouns (Snowball's stemmer; the light one joined neither of
   * these): "facturer" finds the page about "facturation", "envoyer" the one about an "envoi",
   * "réparation" the one that says "réparer", typed with or without accents.
   */
  @Test
  void a_french_verb_finds_its_noun_and_the_other_way_round() {
    List<SearchDocument> french = new ArrayList<>();
    french.add(doc("fr", "facturation", "Facturation", "La facturation se fait le 5 du mois."));
    french.add(doc("fr", "envoi", "Courrier", "Chaque envoi part en recommandé."));
    french.add(
        doc("fr", "reparer", "Ordinateur", "Pour réparer l'ordinateur, appeler le support."));
    for (int i = 0; i < 5; i++) {
      french.add(doc("fr", "f" + i, "Note " + i, "Classer les reçus du mois."));
    }
    try (SearchIndex index = new SearchIndex(dir)) {
      index.replaceManual(1, french);
      index.refresh();
      Searcher searcher = new Searcher(index);

      assertEquals(List.of("facturation"), procedures(searcher, "facturer"));
      assertEquals(List.of("envoi"), procedures(searcher, "envoyer"));
      assertEquals(List.of("reparer"), procedures(searcher, "réparation"));
      assertEquals(List.of("reparer"), procedures(searcher, "reparation ordinateur"));
    }
  }

  /**
   * Where Snowball leaves a verb and its noun apart ("publier" publi, "publication" publiqu), the
   * word family joins them, in French pages only; a made-up member ("lettrer" from "lettrage") is
   * not tried, for its stem is the stem of "lettre".
   */
  @Test
  void a_french_verb_finds_the_noun_the_stemmer_leaves_apart() {
    List<SearchDocument> french = new ArrayList<>();
    french.add(
        doc("fr", "publication", "Licences", "Avant la publication du code, choisir la licence."));
    french.add(doc("fr", "inscription", "Accueil", "L'inscription au salon se fait en ligne."));
    french.add(doc("fr", "verifier", "Relevés", "Vérifier chaque relevé le lundi."));
    french.add(doc("fr", "lettre", "Courrier", "Chaque lettre part en recommandé."));
    for (int i = 0; i < 5; i++) {
      french.add(doc("fr", "f" + i, "Note " + i, "Classer les reçus du mois."));
    }
    List<SearchDocument> english =
        List.of(doc("en", "e0", "Publishing", "Check the publication date of every post."));
    try (SearchIndex index = new SearchIndex(dir)) {
      index.replaceManual(1, french);
      index.replaceManual(2, english);
      index.refresh();
      Searcher searcher = new Searcher(index);

      assertEquals(List.of("publication"), procedures(searcher, "publier le code"));
      assertEquals(List.of("inscription"), procedures(searcher, "s'inscrire au salon"));
      assertEquals("verifier", procedures(searcher, "vérification des relevés").get(0));
      // The English page says "publication" too, but "publier" is no English word for it.
      assertEquals(List.of("publication"), procedures(searcher, "publier "));
      assertEquals(List.of(), procedures(searcher, "lettrage"));
    }
  }

  /** A word found by its stem alone is marked in the snippet, as the word typed is. */
  @Test
  void the_snippet_marks_words_found_by_their_stem() {
    List<SearchDocument> french =
        List.of(
            doc("fr", "train", "Train", "La réservation du train se fait la veille."),
            doc("fr", "autre", "Autre", "Classer les reçus."));
    List<SearchDocument> english =
        List.of(doc("en", "hotel", "Hotel", "Rooms are booked through the portal."));
    try (SearchIndex index = new SearchIndex(dir)) {
      index.replaceManual(1, french);
      index.replaceManual(2, english);
      index.refresh();
      Searcher searcher = new Searcher(index);
      String snippet = snippets(searcher, "réserver").get(0);
      assertTrue(snippet.contains("<mark>réservation</mark>"), snippet);
      snippet = snippets(searcher, "booking portal").get(0);
      assertTrue(snippet.contains("<mark>booked</mark>"), snippet);
    }
  }

  /**
   * In French, "comment" is "how" ("Comment annoncer… ?"), never the noun: the English "comment"
   * that the glossary gives for "commentaire" finds English comments, not French questions.
   */
  @Test
  void a_french_how_is_not_an_english_comment() {
    List<SearchDocument> french = new ArrayList<>();
    french.add(doc("fr", "how", "Comment annoncer l'ouverture", "Comment annoncer la nouvelle."));
    for (int i = 0; i < 5; i++) {
      french.add(doc("fr", "f" + i, "Note " + i, "Classer les factures du mois."));
    }
    List<SearchDocument> english =
        List.of(
            doc("en", "post", "Publishing", "Add the link in the first comment of the post."),
            doc("en", "other", "Invoices", "File the invoices of the month."));
    try (SearchIndex index = new SearchIndex(dir)) {
      index.replaceManual(1, french);
      index.replaceManual(2, english);
      index.refresh();
      Searcher searcher = new Searcher(index);

      assertEquals(List.of("post"), procedures(searcher, "premier commentaire"));
      assertEquals(List.of("post"), procedures(searcher, "commentaire"));
      // A French search that opens with the question word still finds the French page by its
      // other words.
      assertEquals(List.of("how"), procedures(searcher, "comment annoncer"));
    }
  }

  /**
   * A known short word typed last ("vol") may be the start of a longer one ("volume"): the longer
   * words are found too, after every procedure with the word itself, even a longer procedure.
   */
  @Test
  void a_known_short_last_word_ranks_its_own_matches_before_its_completions() {
    List<SearchDocument> docs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      docs.add(
          doc("fr", "v" + i, "Note " + i, "Réserver le vol du client au meilleur tarif du jour."));
    }
    docs.add(doc("fr", "long", "Note 5", "Le volume, un volume."));
    for (int i = 0; i < 10; i++) {
      docs.add(doc("fr", "f" + i, "Autre " + i, "Classer les factures du mois."));
    }
    try (SearchIndex index = new SearchIndex(dir)) {
      index.replaceManual(1, docs);
      index.refresh();
      List<String> vol = procedures(new Searcher(index), "vol");
      assertEquals(6, vol.size(), "the completion still finds its procedure: " + vol);
      assertEquals("long", vol.get(5), "'volume' ranks below every 'vol': " + vol);
    }
  }

  /**
   * Words typed side by side that a procedure has side by side rank it above one that has the same
   * words apart, even when the latter says them more often.
   */
  @Test
  void words_found_together_rank_above_the_same_words_apart() {
    List<SearchDocument> docs = new ArrayList<>();
    docs.add(
        doc(
            "en",
            "apart",
            "Devices",
            "Your laptop is yours to keep. Refresh the page when the form hangs. Each laptop has"
                + " a sticker; the laptop goes back when you leave, after a refresh of accounts."));
    docs.add(doc("en", "together", "Budgets", "The laptop refresh happens every three years."));
    for (int i = 0; i < 10; i++) {
      docs.add(doc("en", "o" + i, "Other " + i, "File the invoices of the month."));
    }
    try (SearchIndex index = new SearchIndex(dir)) {
      index.replaceManual(2, docs);
      index.refresh();
      List<String> found = procedures(new Searcher(index), "laptop refresh cycle");
      assertEquals("together", found.get(0), found.toString());
      assertTrue(found.contains("apart"), found.toString());
    }
  }

  /**
   * A word in a heading counts for its rarity among all the text, not among headings: a common word
   * that few headings hold ("questions") must not outweigh the rare word a search is about.
   */
  @Test
  void a_heading_with_the_word_being_typed_ranks_first() {
    // "computer buyb" typed: the page whose heading says "buyback" is the one looked for, not one
    // that says it in passing (a finished word's heading counted, a word being typed's did not).
    List<SearchDocument> docs = new ArrayList<>();
    docs.add(
        doc(
            "en",
            "used",
            "Used computers",
            "Buyback: a used computer can be bought. The buyback price of a computer is set by"
                + " IT; ask about the buyback."));
    docs.add(
        doc(
            "en",
            "buyback",
            "Computer buyback program",
            "Leaving the company? Ask IT for the price of your computer. The program covers the"
                + " laptops the company bought for you in the last four years, once they are wiped"
                + " and signed out of every account, and their accessories when you want them."));
    for (int i = 0; i < 10; i++) {
      docs.add(doc("en", "o" + i, "Other " + i, "File the invoices of the month."));
    }
    try (SearchIndex index = new SearchIndex(dir)) {
      index.replaceManual(2, docs);
      index.refresh();
      List<String> found = procedures(new Searcher(index), "computer buyb");
      assertEquals("buyback", found.get(0), found.toString());
      assertTrue(found.contains("used"), found.toString());
    }
  }

  @Test
  void a_common_word_in_a_heading_does_not_outweigh_a_rare_word() {
    List<SearchDocument> docs = new ArrayList<>();
    docs.add(
        doc(
            "fr",
            "heading",
            "Répondre aux questions",
            "Les questions arrivent chaque jour : répondez sous deux jours."));
    docs.add(
        doc(
            "fr",
            "rare",
            "Rapprochement",
            "Posez vos questions sur la TVA à Sophie, et les questions de catégorie aussi."));
    for (int i = 0; i < 12; i++) {
      docs.add(
          doc("fr", "q" + i, "Note " + i, "Une question de plus sur les factures du mois " + i));
    }
    try (SearchIndex index = new SearchIndex(dir)) {
      index.replaceManual(1, docs);
      index.refresh();
      List<String> found = procedures(new Searcher(index), "à qui poser une question sur la TVA");
      assertEquals("rare", found.get(0), found.toString());
    }
  }

  /**
   * Typed in French, a search finds an English page through the translations of its words, and
   * there a translation counts as the word itself: the English page that says all of it ranks above
   * a French one that has two of the words.
   */
  @Test
  void a_translation_weighs_as_the_word_in_a_page_of_the_other_language() {
    List<SearchDocument> french = new ArrayList<>();
    french.add(
        doc("fr", "fr-part", "Compte", "Mettre le lien du site dans votre profil utilisateur."));
    for (int i = 0; i < 8; i++) {
      french.add(doc("fr", "f" + i, "Note " + i, "Classer les factures du mois " + i));
    }
    List<SearchDocument> english =
        List.of(
            doc("en", "en-all", "Publishing", "Add the link in the first comment, not the post."),
            doc("en", "e1", "Other", "Schedule the weekly newsletter."));
    try (SearchIndex index = new SearchIndex(dir)) {
      index.replaceManual(1, french);
      index.replaceManual(2, english);
      index.refresh();
      List<String> found =
          procedures(new Searcher(index), "mettre le lien dans le premier commentaire");
      assertEquals("en-all", found.get(0), found.toString());
    }
  }

  /**
   * After three words, a last word no procedure has is not required as a prefix of another
   * ("Revolut" of "revolutionary"): the page with every other word is found, and first.
   */
  @Test
  void a_last_unknown_word_after_three_others_is_not_required_as_a_prefix() {
    List<SearchDocument> docs = new ArrayList<>();
    docs.add(
        doc(
            "fr",
            "match",
            "Rapprochement",
            "Rapprocher les transactions Qonto du mois avec les factures."));
    docs.add(doc("fr", "prefix", "Lectures", "Un livre révolutionnaire sur la vente."));
    for (int i = 0; i < 6; i++) {
      docs.add(doc("fr", "o" + i, "Note " + i, "Classer les factures du mois " + i));
    }
    try (SearchIndex index = new SearchIndex(dir)) {
      index.replaceManual(1, docs);
      index.refresh();
      List<String> found =
          procedures(new Searcher(index), "rapprocher les transactions Qonto revolut");
      assertEquals("match", found.get(0), found.toString());
      // Two words before it: the word being typed still narrows the search.
      assertEquals(List.of("prefix"), procedures(new Searcher(index), "livre sur revolu"));
    }
  }

  /**
   * From three words on none is required, and BM25 alone let one rare word in a heading outweigh a
   * procedure with every word: the first hits are reordered by the share of the words they hold
   * (Lucene's old coordination factor), alternatives (synonyms, translations) counting as the word.
   */
  @Test
  void a_procedure_with_every_word_ranks_above_one_rare_word_in_a_heading() {
    List<SearchDocument> docs = new ArrayList<>();
    docs.add(doc("en", "heading", "Escrow workspace", "Open the escrow workspace for the team."));
    docs.add(
        doc(
            "en",
            "every",
            "Moving a meeting",
            "When a customer asks to reschedule their escrow meeting, propose three new slots in"
                + " the calendar and update the invitation."));
    for (int i = 0; i < 12; i++) {
      docs.add(doc("en", "o" + i, "Other " + i, "File the invoices of the month, meeting notes."));
    }
    try (SearchIndex index = new SearchIndex(dir)) {
      index.replaceManual(2, docs);
      index.refresh();
      List<String> found = procedures(new Searcher(index), "reschedule escrow appointment");
      assertEquals("every", found.get(0), found.toString());
      assertTrue(found.contains("heading"), found.toString());
    }
  }

  /**
   * Pages of a reordered search follow each other: the same first hits are reordered whatever the
   * page asked, so the pages put together are the one long list, with no hit twice or missing.
   */
  @Test
  void pages_of_a_reordered_search_follow_each_other() {
    List<SearchDocument> docs = new ArrayList<>();
    // Sixty short pages about escrow come first by BM25 and hold one word of three; sixty
    // longer ones hold all three. Reordering more hits for a longer page would bring the latter
    // up on it and not on the shorter pages.
    for (int i = 0; i < 300; i++) {
      docs.add(doc("en", "o" + i, "Other " + i, "File the invoices of the month."));
    }
    for (int i = 0; i < 60; i++) {
      docs.add(doc("en", "a" + i, "Escrow " + i, "Escrow, escrow, escrow."));
      docs.add(
          doc(
              "en",
              "b" + i,
              "Note " + i,
              "When asked, reschedule the meeting with the escrow agent and note it in the"
                  + " shared calendar of the office, with the room and the people invited."));
    }
    try (SearchIndex index = new SearchIndex(dir)) {
      index.replaceManual(2, docs);
      index.refresh();
      Searcher searcher = new Searcher(index);
      String query = "reschedule escrow appointment";
      List<String> whole = page(searcher, query, 100, 0);
      List<String> pages = new ArrayList<>();
      for (int offset = 0; offset < 100; offset += 20) {
        pages.addAll(page(searcher, query, 20, offset));
      }
      assertEquals(100, whole.size());
      assertEquals(whole, pages);
      // The case this is about: BM25's first 50 are short pages, and the reordering stays
      // among them.
      assertEquals("a", whole.get(0).substring(0, 1), whole.toString());
    }
  }

  private static List<String> page(Searcher searcher, String query, int limit, int offset) {
    return searcher
        .search(new SearchRequest(query, Set.of("w"), null, null, null, limit, offset), false)
        .hits()
        .stream()
        .map(SearchHit::procedure)
        .toList();
  }

  private static List<String> snippets(Searcher searcher, String query) {
    return searcher
        .search(new SearchRequest(query, Set.of("w"), null, null, null, 20, 0), false)
        .hits()
        .stream()
        .map(SearchHit::snippet)
        .toList();
  }

  private static List<String> procedures(Searcher searcher, String query) {
    return searcher
        .search(new SearchRequest(query, Set.of("w"), null, null, null, 20, 0), false)
        .hits()
        .stream()
        .map(SearchHit::procedure)
        .toList();
  }

  private static SearchDocument doc(String language, String key, String title, String text) {
    long manual = language.equals("fr") ? 1 : 2;
    return new SearchDocument(
        "p:" + key,
        manual,
        "w",
        "m" + manual,
        "Manuel",
        language,
        List.of(),
        null,
        key,
        title,
        1,
        title + "\n" + text,
        false);
  }
}

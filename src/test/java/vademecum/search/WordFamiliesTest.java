package vademecum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordFamiliesTest {
  @Test
  void a_verb_gives_its_noun_and_a_noun_its_verb() {
    assertTrue(WordFamilies.of("publier").contains("publication"));
    assertTrue(WordFamilies.of("Vérification").contains("verifier"));
    assertEquals(List.of("inscription"), WordFamilies.of("inscrire"));
    assertEquals(List.of("traduire"), WordFamilies.of("traduction"));
    assertEquals(List.of("transmission"), WordFamilies.of("transmettre"));
    assertEquals(List.of("reception"), WordFamilies.of("recevoir"));
    assertEquals(List.of("geocoder"), WordFamilies.of("géocodage"));
  }

  @Test
  void short_words_keep_to_themselves() {
    // "mettre" is no "mission", "page" no "per", "papier" no "papication". (Candidates no page
    // uses, "papiage", are dropped by the search.)
    assertEquals(List.of(), WordFamilies.of("mettre"));
    assertEquals(List.of(), WordFamilies.of("page"));
    assertTrue(!WordFamilies.of("papier").contains("papication"));
  }
}

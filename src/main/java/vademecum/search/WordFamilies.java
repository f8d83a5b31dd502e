package vademecum.search;

import java.util.ArrayList;
import java.util.List;
import vademecum.markdown.Slugs;

/**
 * The verb and the noun of one French act, which the French stemmer leaves apart: Snowball joins
 * "facturer" and "facturation", but stems "publier" to publi and "publication" to publiqu,
 * "vérifier" to verifi and "vérification" to verif, "inscrire" and "inscription", "lettrer" and
 * "lettrage", and so on. People type the verb ("publier le code") where the page names the act
 * ("Licences applicables à la publication"), or the other way round. Each rule is a pair of regular
 * endings; what it makes is only a candidate, kept by the search only when the index has it.
 */
final class WordFamilies {
  private WordFamilies() {}

  /** A verb's ending and its noun's, and how many letters must come before them. */
  private record Rule(String verb, String noun, int stem) {}

  private static final List<Rule> RULES =
      List.of(
          // publier, publication; vérifier, vérification; planifier, planification
          new Rule("ier", "ication", 4),
          // inscrire, inscription; décrire, description; souscrire, souscription
          new Rule("crire", "cription", 2),
          // produire, production; traduire, traduction; réduire, réduction
          new Rule("uire", "uction", 3),
          // transmettre, transmission; soumettre, soumission (not "mettre", "mission")
          new Rule("mettre", "mission", 3),
          // recevoir, réception (accents are folded before stemming)
          new Rule("cevoir", "ception", 2),
          // résoudre, résolution
          new Rule("soudre", "solution", 2),
          // définir, définition
          new Rule("finir", "finition", 2),
          // répondre, réponse
          new Rule("pondre", "ponse", 2),
          // lettrer, lettrage; géocoder, géocodage; moissonner, moissonnage; nettoyer, nettoyage
          new Rule("er", "age", 4));

  /** The other member of each family the word could belong to (folded, lower case), or none. */
  static List<String> of(String word) {
    String folded = Slugs.fold(word);
    List<String> related = new ArrayList<>();
    for (Rule rule : RULES) {
      String other = swap(folded, rule.verb(), rule.noun(), rule.stem());
      if (other == null) {
        other = swap(folded, rule.noun(), rule.verb(), rule.stem());
      }
      if (other != null && !related.contains(other)) {
        related.add(other);
      }
    }
    return related;
  }

  private static String swap(String word, String ending, String replacement, int stem) {
    if (!word.endsWith(ending) || word.length() - ending.length() < stem) {
      return null;
    }
    return word.substring(0, word.length() - ending.length()) + replacement;
  }
}

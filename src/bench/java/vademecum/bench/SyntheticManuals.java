package vademecum.bench;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Realistic-looking task manuals of any size, in French and English, from a fixed seed: the
 * vocabulary of virtual assistants' work (e-mail, calendar, travel, bookkeeping, social media), so
 * that benchmark queries meet the same kind of text as in real manuals.
 */
final class SyntheticManuals {
  private static final List<String> FR_TOPICS =
      List.of(
          "e-mails",
          "agenda",
          "voyages",
          "factures",
          "relevés bancaires",
          "réseaux sociaux",
          "notes de frais",
          "rendez-vous",
          "fournisseurs",
          "archives",
          "contrats",
          "recrutement",
          "téléphone",
          "courrier",
          "paie");
  private static final List<String> FR_VERBS =
      List.of(
          "Réserver",
          "Vérifier",
          "Classer",
          "Envoyer",
          "Préparer",
          "Relancer",
          "Archiver",
          "Rapprocher",
          "Planifier",
          "Publier",
          "Annuler",
          "Mettre à jour",
          "Contrôler",
          "Transmettre",
          "Organiser");
  private static final List<String> FR_WORDS =
      List.of(
          "client",
          "cabinet",
          "dossier",
          "échéance",
          "priorité",
          "validation",
          "budget",
          "semaine",
          "mois",
          "justificatif",
          "paiement",
          "réunion",
          "déplacement",
          "hôtel",
          "train",
          "vol",
          "compte",
          "tableau",
          "modèle",
          "signature",
          "urgence",
          "libellé",
          "boîte",
          "rappel",
          "calendrier",
          "message",
          "pièce jointe",
          "fichier",
          "procédure",
          "responsable",
          "associé",
          "délai",
          "montant",
          "banque",
          "facture",
          "devis",
          "commande",
          "livraison",
          "adresse",
          "numéro",
          "accès",
          "mot de passe",
          "partage",
          "équipe",
          "contrôle");
  private static final List<String> EN_TOPICS =
      List.of(
          "inbox",
          "calendar",
          "travel",
          "invoices",
          "bank statements",
          "social media",
          "expense reports",
          "meetings",
          "suppliers",
          "archives",
          "contracts",
          "hiring",
          "phone calls",
          "mail",
          "payroll");
  private static final List<String> EN_VERBS =
      List.of(
          "Book",
          "Check",
          "File",
          "Send",
          "Prepare",
          "Follow up",
          "Archive",
          "Reconcile",
          "Schedule",
          "Publish",
          "Cancel",
          "Update",
          "Review",
          "Forward",
          "Organise");
  private static final List<String> EN_WORDS =
      List.of(
          "client",
          "firm",
          "folder",
          "deadline",
          "priority",
          "approval",
          "budget",
          "week",
          "month",
          "receipt",
          "payment",
          "meeting",
          "trip",
          "hotel",
          "train",
          "flight",
          "account",
          "spreadsheet",
          "template",
          "signature",
          "urgent",
          "label",
          "mailbox",
          "reminder",
          "calendar",
          "message",
          "attachment",
          "file",
          "procedure",
          "owner",
          "partner",
          "delay",
          "amount",
          "bank",
          "invoice",
          "quote",
          "order",
          "delivery",
          "address",
          "number",
          "access",
          "password",
          "sharing",
          "team",
          "review");

  /**
   * Real text has a long tail: a few words everywhere, most words rare (Zipf's law). Besides the
   * common task vocabulary, words are drawn from 30,000 made-up words with a Zipf distribution, so
   * that term statistics look like those of a real handbook, not like a 50-word loop.
   */
  private static final String[] SYLLABLES = {
    "ba", "be", "bi", "bo", "ca", "ce", "co", "da", "de", "di", "do", "fa", "fe", "fi", "ga", "ge",
    "la", "le", "li", "lo", "ma", "me", "mi", "mo", "na", "ne", "ni", "no", "pa", "pe", "pi", "po",
    "ra", "re", "ri", "ro", "sa", "se", "si", "so", "ta", "te", "ti", "to", "va", "ve", "vi", "vo",
    "tion", "ment", "ble", "que", "ard", "ier", "ette", "ance", "ure", "ise", "eur", "ine"
  };

  private static final int TAIL_SIZE = 30_000;
  private static final String[] TAIL = new String[TAIL_SIZE];
  private static final double[] CUMULATIVE = new double[TAIL_SIZE];

  static {
    Random words = new Random(42);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < TAIL_SIZE; i++) {
      String word;
      do {
        StringBuilder w = new StringBuilder();
        int syllables = 2 + words.nextInt(3);
        for (int k = 0; k < syllables; k++) {
          w.append(SYLLABLES[words.nextInt(SYLLABLES.length)]);
        }
        word = w.toString();
      } while (!seen.add(word));
      TAIL[i] = word;
    }
    double sum = 0;
    for (int i = 0; i < TAIL_SIZE; i++) {
      sum += 1.0 / Math.pow(i + 1, 1.07);
      CUMULATIVE[i] = sum;
    }
    for (int i = 0; i < TAIL_SIZE; i++) {
      CUMULATIVE[i] /= sum;
    }
  }

  private final Random random;

  SyntheticManuals(long seed) {
    this.random = new Random(seed);
  }

  private String tailWord() {
    int index = Arrays.binarySearch(CUMULATIVE, random.nextDouble());
    return TAIL[index < 0 ? Math.min(TAIL_SIZE - 1, -index - 1) : index];
  }

  /** A tail word of middling frequency, the kind that makes a query selective. */
  private String selectiveWord() {
    return TAIL[20 + random.nextInt(3000)];
  }

  record Manual(String title, String language, String markdown, int procedures) {}

  Manual next(int index) {
    boolean french = random.nextInt(3) > 0;
    List<String> topics = french ? FR_TOPICS : EN_TOPICS;
    List<String> verbs = french ? FR_VERBS : EN_VERBS;
    List<String> words = french ? FR_WORDS : EN_WORDS;
    String topic = pick(topics);
    String title =
        (french ? "Gestion des " : "Handling ") + topic + " " + tailWord() + " " + (index + 1);
    int procedures = 8 + random.nextInt(5);
    StringBuilder markdown = new StringBuilder();
    markdown.append(sentence(words, 20)).append("\n\n");
    for (int p = 0; p < procedures; p++) {
      markdown
          .append("## ")
          .append(pick(verbs))
          .append(' ')
          .append(pick(words))
          .append(' ')
          .append(tailWord())
          .append(" {#p")
          .append(p + 1)
          .append("}\n\n");
      markdown.append(sentence(words, 15 + random.nextInt(20))).append("\n\n");
      int steps = 3 + random.nextInt(4);
      for (int s = 1; s <= steps; s++) {
        markdown
            .append(s)
            .append(". ")
            .append(pick(verbs))
            .append(' ')
            .append(sentence(words, 6 + random.nextInt(8)))
            .append('\n');
      }
      markdown.append('\n');
    }
    return new Manual(title, french ? "fr" : "en", markdown.toString(), procedures);
  }

  /** A query that real text of this vocabulary can answer: two or three of its words. */
  String query() {
    boolean french = random.nextBoolean();
    List<String> words = french ? FR_WORDS : EN_WORDS;
    List<String> verbs = french ? FR_VERBS : EN_VERBS;
    return switch (random.nextInt(5)) {
      case 0 -> pick(verbs).toLowerCase() + " " + selectiveWord();
      case 1 -> pick(words) + " " + selectiveWord();
      case 2 -> pick(words) + " " + pick(words) + " " + selectiveWord();
      case 3 -> selectiveWord() + " " + selectiveWord().substring(0, 4);
      default -> pick(words) + " " + pick(words);
    };
  }

  private static final List<String> FR_FUNCTION_WORDS =
      List.of(
          "le", "la", "les", "de", "des", "du", "et", "à", "un", "une", "pour", "dans", "sur",
          "avec", "par", "au", "aux", "ce", "qui", "que", "il", "elle", "on", "ne", "pas", "est",
          "sont", "se", "son", "sa");
  private static final List<String> EN_FUNCTION_WORDS =
      List.of(
          "the", "of", "and", "to", "a", "in", "for", "is", "on", "that", "by", "with", "it", "as",
          "be", "at", "this", "are", "or", "from", "an", "your", "you", "we", "our", "not", "if",
          "when", "all", "each");

  /**
   * One Zipf distribution over the whole vocabulary, as in real text: function words at the top
   * ranks, the task vocabulary next (a content word in about one document in ten), then the long
   * tail of rarer words.
   */
  private String zipfWord(List<String> words) {
    List<String> function = words == FR_WORDS ? FR_FUNCTION_WORDS : EN_FUNCTION_WORDS;
    int rank = Arrays.binarySearch(CUMULATIVE, random.nextDouble());
    rank = rank < 0 ? Math.min(TAIL_SIZE - 1, -rank - 1) : rank;
    if (rank < function.size()) {
      return function.get(rank);
    }
    if (rank < function.size() + words.size() * 2) {
      return words.get((rank - function.size()) % words.size());
    }
    return TAIL[rank];
  }

  private String sentence(List<String> words, int length) {
    StringBuilder sentence = new StringBuilder();
    for (int i = 0; i < length; i++) {
      String word = zipfWord(words);
      sentence.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
      sentence.append(i == length - 1 ? "." : " ");
    }
    return sentence.toString();
  }

  private String pick(List<String> list) {
    return list.get(random.nextInt(list.size()));
  }
}

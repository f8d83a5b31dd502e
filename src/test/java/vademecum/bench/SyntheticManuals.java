package vademecum.bench;

import java.util.List;
import java.util.Random;

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

  private final Random random;

  SyntheticManuals(long seed) {
    this.random = new Random(seed);
  }

  record Manual(String title, String language, String markdown, int procedures) {}

  Manual next(int index) {
    boolean french = random.nextInt(3) > 0;
    List<String> topics = french ? FR_TOPICS : EN_TOPICS;
    List<String> verbs = french ? FR_VERBS : EN_VERBS;
    List<String> words = french ? FR_WORDS : EN_WORDS;
    String topic = pick(topics);
    String title = (french ? "Gestion des " : "Handling ") + topic + " " + (index + 1);
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
          .append(pick(words))
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
    return switch (random.nextInt(3)) {
      case 0 -> pick(verbs).toLowerCase() + " " + pick(words);
      case 1 -> pick(words) + " " + pick(words) + " " + pick(words);
      default -> pick(words) + " " + pick(words).substring(0, 3);
    };
  }

  private String sentence(List<String> words, int length) {
    StringBuilder sentence = new StringBuilder();
    for (int i = 0; i < length; i++) {
      String word = pick(words);
      sentence.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
      sentence.append(i == length - 1 ? "." : " ");
    }
    return sentence.toString();
  }

  private String pick(List<String> list) {
    return list.get(random.nextInt(list.size()));
  }
}

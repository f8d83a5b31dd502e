package vademecum.search;

import java.io.StringReader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.tartarus.snowball.ext.FrenchStemmer;

/**
 * The one definition of text analysis, used to index and to query. Accents are folded before
 * stemming in both directions, so "conge maternite" typed without accents meets "congé maternité",
 * and "l'équipe" loses its elided article in both languages' fields.
 */
final class Analyzers {
  private Analyzers() {}

  /**
   * French: elision, lower case, stop words, folding, Snowball stemming (réunions → reunion,
   * facturation and facturer → factur). Lucene's French analyzer stems lightly by default (plurals
   * and a few endings): Snowball's French stemmer also joins more verbs and their nouns ("facturer"
   * meets "facturation", "envoyer" an "envoi", "réparation" "réparer"), and measured on every query
   * set of {@code SearchQuality} it raised French recall and MRR, the held-out and blind sets
   * included, and changed no English figure for the worse. Folding comes first, so that a word
   * typed without its accents gets the same stem as the accented word in the text.
   */
  static Analyzer french() {
    return stemming("fr");
  }

  /** English: possessives, lower case, stop words, folding, Porter stemming (booked → book). */
  static Analyzer english() {
    return stemming("en");
  }

  /**
   * French stop words, and "comment": in French text it is the question word "how" that opens so
   * many titles ("Comment annoncer… ?"), never the noun (that is "commentaire"). Kept, it met the
   * English "comment" that the glossary gives for "commentaire", and a search for "le lien dans le
   * premier commentaire" found every French "how to" first.
   */
  private static final CharArraySet FRENCH_STOP_WORDS = frenchStopWords();

  private static CharArraySet frenchStopWords() {
    CharArraySet words = new CharArraySet(FrenchAnalyzer.getDefaultStopSet(), true);
    words.add("comment");
    return CharArraySet.unmodifiableSet(words);
  }

  private static Analyzer stemming(String language) {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        return new TokenStreamComponents(source, stems(language, source));
      }
    };
  }

  /** The one chain of filters of each language, behind a tokenizer. */
  private static TokenStream stems(String language, StandardTokenizer source) {
    TokenStream stream;
    if (language.equals("fr")) {
      stream = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
      stream = new LowerCaseFilter(stream);
      stream = new StopFilter(stream, FRENCH_STOP_WORDS);
      stream = new ASCIIFoldingFilter(stream);
      return new SnowballFilter(stream, new FrenchStemmer());
    }
    stream = new EnglishPossessiveFilter(source);
    stream = new LowerCaseFilter(stream);
    stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    stream = new ASCIIFoldingFilter(stream);
    return new PorterStemFilter(stream);
  }

  /** Every word, folded, unstemmed: exact words, phrases, prefixes and typo tolerance. */
  static Analyzer plain() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream stream = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
        stream = new EnglishPossessiveFilter(stream);
        stream = new LowerCaseFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(source, stream);
      }
    };
  }

  /**
   * The stemmed terms of {@code text} in {@code language}, for a field whose analysis depends on
   * the document. A fresh chain each time: a field holding a token stream keeps it until the
   * document is written, so streams of one shared analyzer would overwrite each other.
   */
  static TokenStream stemmed(String language, String text) {
    StandardTokenizer source = new StandardTokenizer();
    source.setReader(new StringReader(text));
    return stems(language, source);
  }
}

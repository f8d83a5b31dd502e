package vademecum.search;

import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * The one definition of text analysis, used to index and to query. Accents are folded before
 * stemming in both directions, so "conge maternite" typed without accents meets "congé maternité",
 * and "l'équipe" loses its elided article in both languages' fields.
 */
final class Analyzers {
  private Analyzers() {}

  /** French: elision, lower case, stop words, folding, light stemming (réunions → reunion). */
  static Analyzer french() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream stream = new ElisionFilter(source, FrenchAnalyzer.DEFAULT_ARTICLES);
        stream = new LowerCaseFilter(stream);
        stream = new StopFilter(stream, FrenchAnalyzer.getDefaultStopSet());
        stream = new ASCIIFoldingFilter(stream);
        stream = new FrenchLightStemFilter(stream);
        return new TokenStreamComponents(source, stream);
      }
    };
  }

  /** English: possessives, lower case, stop words, folding, Porter stemming (booked → book). */
  static Analyzer english() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream stream = new EnglishPossessiveFilter(source);
        stream = new LowerCaseFilter(stream);
        stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        stream = new ASCIIFoldingFilter(stream);
        stream = new PorterStemFilter(stream);
        return new TokenStreamComponents(source, stream);
      }
    };
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

  /** Chooses the analyzer by field name: {@code *_fr}, {@code *_en}, else plain. */
  static Analyzer perField() {
    Analyzer french = french();
    Analyzer english = english();
    Map<String, Analyzer> fields = new HashMap<>();
    fields.put(SearchFields.title("fr"), french);
    fields.put(SearchFields.body("fr"), french);
    fields.put(SearchFields.title("en"), english);
    fields.put(SearchFields.body("en"), english);
    return new PerFieldAnalyzerWrapper(plain(), fields);
  }
}

package vademecum.search;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.file.Path;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LendingSearcherTest {
  @TempDir Path dir;

  @Test
  void a_reader_of_stored_fields_is_lent_to_one_search_at_a_time_and_kept_for_the_next()
      throws Exception {
    try (var directory = FSDirectory.open(dir)) {
      try (var writer = new IndexWriter(directory, new IndexWriterConfig())) {
        Document doc = new Document();
        doc.add(new StoredField("text", "réunion"));
        writer.addDocument(doc);
      }
      try (var reader = DirectoryReader.open(directory)) {
        var searcher = (LendingSearcher) LendingSearcher.FACTORY.newSearcher(reader, null);
        var first = searcher.lendStoredFields();
        var second = searcher.lendStoredFields();
        assertNotSame(first, second, "two searches at once never share one");
        searcher.giveBack(first);
        assertSame(first, searcher.lendStoredFields(), "given back, it serves the next search");
      }
    }
  }
}

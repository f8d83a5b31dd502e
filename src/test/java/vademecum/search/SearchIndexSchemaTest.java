package vademecum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchIndexSchemaTest {
  @TempDir Path dir;

  /** An index of an earlier layout (fields per language) must be rebuilt, not searched. */
  @Test
  void an_index_committed_with_another_layout_is_rebuilt_at_start() throws Exception {
    try (var directory = FSDirectory.open(dir);
        var writer = new IndexWriter(directory, new IndexWriterConfig())) {
      writer.setLiveCommitData(Map.of("watermark", "42", "reindex", "0").entrySet());
      writer.commit();
    }
    try (SearchIndex index = new SearchIndex(dir)) {
      assertTrue(index.fresh(), "an index without this layout's mark starts as new");
      assertEquals(0, index.watermark());
      index.commit(42, 0);
    }
    try (SearchIndex index = new SearchIndex(dir)) {
      assertFalse(index.fresh(), "once rebuilt and committed, it is kept");
      assertEquals(42, index.watermark());
    }
  }
}

package vademecum.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchCodecTest {
  @TempDir Path dir;

  /** Short and long texts (longer than a block), accents included, read back as written. */
  @Test
  void stored_text_reads_back_exactly_including_segments_of_the_default_codec() throws Exception {
    Random random = new Random(4);
    List<String> texts = new ArrayList<>();
    try (var directory = FSDirectory.open(dir)) {
      // An index written before this codec: its segments must stay readable and merge into ours.
      try (var writer = new IndexWriter(directory, new IndexWriterConfig())) {
        add(writer, texts, random, 50);
      }
      try (var writer =
          new IndexWriter(directory, new IndexWriterConfig().setCodec(new SearchCodec()))) {
        add(writer, texts, random, 400);
        writer.commit();
        assertAllRead(directory, texts, "two codecs");
        writer.forceMerge(1);
      }
      assertAllRead(directory, texts, "merged");
      try (var reader = DirectoryReader.open(directory)) {
        assertEquals(
            SearchCodec.NAME,
            ((org.apache.lucene.index.SegmentReader) reader.leaves().get(0).reader())
                .getSegmentInfo()
                .info
                .getCodec()
                .getName());
      }
    }
  }

  private static void add(IndexWriter writer, List<String> texts, Random random, int count)
      throws Exception {
    for (int i = 0; i < count; i++) {
      StringBuilder text = new StringBuilder();
      int words = random.nextInt(i % 10 == 0 ? 6000 : 300);
      for (int w = 0; w < words; w++) {
        text.append(random.nextBoolean() ? "réunion " : "procédure-" + random.nextInt(500) + " ");
      }
      Document doc = new Document();
      doc.add(new StoredField("id", texts.size()));
      doc.add(new StoredField("text", text.toString()));
      writer.addDocument(doc);
      texts.add(text.toString());
    }
  }

  private static void assertAllRead(FSDirectory directory, List<String> texts, String stage)
      throws Exception {
    try (var reader = DirectoryReader.open(directory)) {
      StoredFields stored = reader.storedFields();
      assertEquals(texts.size(), reader.numDocs());
      // In index order, then jumping about: one reader (and its decompressor's buffers) serves
      // every document, as a search's reader serves its hits.
      List<Integer> order = new ArrayList<>();
      for (int doc = 0; doc < texts.size(); doc++) {
        order.add(doc);
      }
      List<Integer> shuffled = new ArrayList<>(order);
      java.util.Collections.shuffle(shuffled, new Random(7));
      order.addAll(shuffled);
      for (int doc : order) {
        // Merges may reorder segments: the stored id says which text this is.
        Document read = stored.document(doc);
        int id = read.getField("id").numericValue().intValue();
        String text = read.get("text");
        // Not assertEquals on the texts: a failure would print megabytes.
        if (!texts.get(id).equals(text)) {
          throw new AssertionError(
              "document "
                  + id
                  + ": "
                  + texts.get(id).length()
                  + " characters written, "
                  + (text == null ? "none" : text.length())
                  + " read, "
                  + stage);
        }
      }
    }
  }
}

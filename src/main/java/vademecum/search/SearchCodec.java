package vademecum.search;

import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;

/**
 * Lucene's default codec with stored fields compressed in small blocks. Every search reads the
 * stored fields of its ten hits (titles, and the text the snippet is cut from); with the default
 * blocks of 80 kB behind a shared dictionary, decompressing them was a third of a search's time.
 * Blocks of 4 kB (a few procedures each) take 14 % more disk and far less time per hit. Found by
 * name when a segment is opened (META-INF/services), so the name must never change for another
 * format.
 */
public final class SearchCodec extends FilterCodec {
  public static final String NAME = "Vademecum1";

  private final StoredFieldsFormat storedFields =
      new Lucene90CompressingStoredFieldsFormat(
          "VademecumStoredFields1", new FramedLz4(), 4 * 1024, 32, 10);

  public SearchCodec() {
    super(NAME, new Lucene103Codec());
  }

  @Override
  public StoredFieldsFormat storedFieldsFormat() {
    return storedFields;
  }
}

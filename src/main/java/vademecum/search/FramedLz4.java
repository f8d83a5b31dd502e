package vademecum.search;

import java.io.IOException;
import org.apache.lucene.codecs.compressing.CompressionMode;
import org.apache.lucene.codecs.compressing.Compressor;
import org.apache.lucene.codecs.compressing.Decompressor;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.DataInput;
import org.apache.lucene.store.DataOutput;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.compress.LZ4;

/**
 * LZ4 blocks preceded by their compressed length. Lucene's own LZ4 modes decompress straight from
 * the memory-mapped file, one byte read at a time, and on JDK 25 each of those reads checks that
 * the mapping is still open: that check and the byte-wise loop were a third of a search's time. The
 * length lets a block be copied to the heap in one read and decompressed there.
 */
final class FramedLz4 extends CompressionMode {
  @Override
  public Compressor newCompressor() {
    return new Compressor() {
      private final LZ4.FastCompressionHashTable table = new LZ4.FastCompressionHashTable();
      private final ByteBuffersDataOutput compressed =
          ByteBuffersDataOutput.newResettableInstance();
      private byte[] plain = new byte[0];

      @Override
      public void compress(ByteBuffersDataInput in, DataOutput out) throws IOException {
        int length = (int) in.length();
        plain = ArrayUtil.growNoCopy(plain, length);
        in.readBytes(plain, 0, length);
        compressed.reset();
        LZ4.compress(plain, 0, length, compressed, table);
        out.writeVInt((int) compressed.size());
        compressed.copyTo(out);
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public Decompressor newDecompressor() {
    return new Decompressor() {
      private byte[] compressed = new byte[0];
      // Lucene hands each document a new BytesRef to decompress into: a new array of the block's
      // size for every hit read. The bytes are consumed before this decompressor (one per reader
      // of stored fields, one thread at a time) is called again, so one array serves them all.
      private byte[] plain = new byte[0];

      @Override
      public void decompress(
          DataInput in, int originalLength, int offset, int length, BytesRef bytes)
          throws IOException {
        int size = in.readVInt();
        compressed = ArrayUtil.growNoCopy(compressed, size);
        in.readBytes(compressed, 0, size);
        if (length == 0) {
          bytes.length = 0;
          return;
        }
        // Only the part up to the end of the wanted bytes is decompressed, but a sequence may run
        // past it: room for the whole block, as LZ4 copies in steps of 8 bytes.
        plain = ArrayUtil.growNoCopy(plain, originalLength + 7);
        bytes.bytes = plain;
        LZ4.decompress(
            new ByteArrayDataInput(compressed, 0, size), offset + length, bytes.bytes, 0);
        bytes.offset = offset;
        bytes.length = length;
      }

      @Override
      public Decompressor clone() {
        return newDecompressor();
      }
    };
  }

  @Override
  public String toString() {
    return "FramedLz4";
  }
}

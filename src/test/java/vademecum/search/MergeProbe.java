package vademecum.search;

import java.nio.file.Path;
import org.apache.lucene.index.*;
import org.apache.lucene.store.FSDirectory;

public final class MergeProbe {
  public static void main(String[] args) throws Exception {
    try (var dir = FSDirectory.open(Path.of(args[0]));
        var w =
            new IndexWriter(
                dir, new IndexWriterConfig(Analyzers.perField()).setCodec(new SearchCodec()))) {
      long t = System.nanoTime();
      w.forceMerge(1);
      w.commit();
      System.out.printf("merged in %.1f s%n", (System.nanoTime() - t) / 1e9);
    }
  }
}

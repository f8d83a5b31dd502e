package vademecum.search;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lucene index on disk, derived from PostgreSQL. Each manual's documents are replaced as one
 * atomic update, so a reader never sees half a manual. The commit data records the watermark (every
 * transaction below it is in the index) and the last full rebuild carried out.
 */
public final class SearchIndex implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
  private static final String WATERMARK = "watermark";
  private static final String REINDEX = "reindex";

  /**
   * The layout of documents and fields. An index committed with another one is rebuilt from
   * PostgreSQL at start, as if it were new (its documents are replaced manual by manual).
   */
  private static final String SCHEMA = "schema";

  /**
   * 3: Lucene's default codec again (2 used a stored-fields format of ours, which corrupted large
   * documents on merge). 4: a procedure's public questions and answers are a document of their own
   * ({@code kind=faq}), left out for recruiters. 5: a manual's tags are stored and counted (doc
   * values), so that results show them and narrow by them. 6: French text no longer indexes the
   * question word "comment" in its stemmed field (see {@link Analyzers}). 7: French stems are
   * Snowball's, not the light stemmer's.
   */
  private static final String CURRENT_SCHEMA = "7";

  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private volatile long watermark;
  private volatile long reindexDone;
  private final boolean fresh;

  public SearchIndex(Path path) {
    try {
      this.directory = FSDirectory.open(path);
      IndexWriter opened = openWriter(directory, path);
      SearcherManager manager;
      try {
        manager = new SearcherManager(opened, null);
      } catch (IOException e) {
        // A segment's own files damaged (a disk error, a bad copy): its commit point read, the
        // readers then failed, and the server did not start. Started afresh, as above.
        log.warn("A segment of the search index in {} cannot be read; it is built again", path, e);
        opened.rollback();
        wipe(directory);
        opened = new IndexWriter(directory, config(IndexWriterConfig.OpenMode.CREATE));
        manager = new SearcherManager(opened, null);
      }
      this.writer = opened;
      this.searchers = manager;
      Map<String, String> committed = new HashMap<>();
      Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
      if (data != null) {
        data.forEach(e -> committed.put(e.getKey(), e.getValue()));
      }
      this.fresh =
          !committed.containsKey(WATERMARK) || !CURRENT_SCHEMA.equals(committed.get(SCHEMA));
      this.watermark = fresh ? 0 : Long.parseLong(committed.getOrDefault(WATERMARK, "0"));
      this.reindexDone = Long.parseLong(committed.getOrDefault(REINDEX, "0"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open the search index in " + path, e);
    }
  }

  /**
   * Lucene's defaults throughout (codec, merge policy, merge scheduler). An index that cannot be
   * opened — written with a format this version does not know, or damaged — is started afresh: it
   * is only a copy of PostgreSQL, and the indexer rebuilds it (searches find less until it has).
   */
  private static IndexWriter openWriter(Directory directory, Path path) throws IOException {
    try {
      return new IndexWriter(directory, config(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
    } catch (IllegalArgumentException
        | CorruptIndexException
        | IndexFormatTooOldException
        | IndexFormatTooNewException e) {
      log.warn("The search index in {} cannot be read; it is built again from PostgreSQL", path, e);
      // Even CREATE reads the last commit first: the unreadable files must go.
      wipe(directory);
      return new IndexWriter(directory, config(IndexWriterConfig.OpenMode.CREATE));
    }
  }

  private static void wipe(Directory directory) throws IOException {
    for (String file : directory.listAll()) {
      if (!file.equals(IndexWriter.WRITE_LOCK_NAME)) {
        directory.deleteFile(file);
      }
    }
  }

  private static IndexWriterConfig config(IndexWriterConfig.OpenMode mode) {
    // The writer analyses the plain fields; the stemmed ones come analysed in their
    // document's language.
    IndexWriterConfig config = new IndexWriterConfig(Analyzers.plain());
    config.setOpenMode(mode);
    return config;
  }

  /**
   * The last rebuild committed in the index at {@code path}, read without taking the write lock (a
   * running server holds it).
   */
  public static long committedRebuild(Path path) {
    try (Directory dir = FSDirectory.open(path);
        var reader = DirectoryReader.open(dir)) {
      return Long.parseLong(reader.getIndexCommit().getUserData().getOrDefault(REINDEX, "0"));
    } catch (IOException e) {
      return 0;
    }
  }

  /** True when no watermark was ever committed: the index must be built from scratch. */
  boolean fresh() {
    return fresh && watermark == 0;
  }

  long watermark() {
    return watermark;
  }

  long reindexDone() {
    return reindexDone;
  }

  /** Replaces every document of the manual at once; none when it is no longer published. */
  void replaceManual(long manualId, List<SearchDocument> documents) {
    try {
      Term manual = new Term(SearchFields.MANUAL_ID, String.valueOf(manualId));
      if (documents.isEmpty()) {
        writer.deleteDocuments(manual);
      } else {
        writer.updateDocuments(manual, documents.stream().map(SearchIndex::toLucene).toList());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** After a rebuild: drop whatever belongs to manuals that are no longer published. */
  void keepOnly(Collection<Long> manualIds) {
    List<BytesRef> ids = new ArrayList<>();
    manualIds.forEach(id -> ids.add(new BytesRef(String.valueOf(id))));
    BooleanQuery others =
        new BooleanQuery.Builder()
            .add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST)
            .add(new TermInSetQuery(SearchFields.MANUAL_ID, ids), BooleanClause.Occur.MUST_NOT)
            .build();
    try {
      writer.deleteDocuments(others);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Makes what was written durable, with the watermark it reaches. */
  void commit(long newWatermark, long newReindexDone) {
    try {
      writer.setLiveCommitData(
          Map.of(
                  WATERMARK,
                  String.valueOf(newWatermark),
                  REINDEX,
                  String.valueOf(newReindexDone),
                  SCHEMA,
                  CURRENT_SCHEMA)
              .entrySet());
      writer.commit();
      watermark = newWatermark;
      reindexDone = newReindexDone;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Advances the watermark in memory only; the next commit makes it durable. */
  void advance(long newWatermark) {
    watermark = newWatermark;
  }

  /** Makes written changes visible to searches now (near-real-time, no commit needed). */
  void refresh() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Merges the index into one segment, once a full rebuild has rewritten every document (the
   * indexer never does it on a live index between rebuilds: Lucene's merge policy keeps the
   * segments in check by itself).
   */
  void mergeAfterRebuild() {
    try {
      writer.forceMerge(1);
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many segments searches go through now. */
  public int segmentCount() {
    IndexSearcher searcher = acquire();
    try {
      return searcher.getIndexReader().leaves().size();
    } finally {
      release(searcher);
    }
  }

  IndexSearcher acquire() {
    try {
      return searchers.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void release(IndexSearcher searcher) {
    try {
      searchers.release(searcher);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The bytes of the index's files now; a file a merge deletes while they are counted is left out.
   */
  public long sizeOnDisk() {
    long bytes = 0;
    try {
      for (String file : directory.listAll()) {
        try {
          bytes += directory.fileLength(file);
        } catch (NoSuchFileException | FileNotFoundException gone) {
          // merged away meanwhile
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes;
  }

  public int documentCount() {
    IndexSearcher searcher = acquire();
    try {
      return searcher.getIndexReader().numDocs();
    } finally {
      release(searcher);
    }
  }

  /**
   * Offsets in the postings let the highlighter find matches without analysing the stored text
   * again, which was most of the cost of a search.
   */
  private static final FieldType BODY_PLAIN_TYPE = bodyPlainType();

  private static FieldType bodyPlainType() {
    FieldType type = new FieldType(TextField.TYPE_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    return type;
  }

  private static Document toLucene(SearchDocument d) {
    Document doc = new Document();
    doc.add(new StringField(SearchFields.ID, d.id(), Field.Store.YES));
    doc.add(new StringField(SearchFields.MANUAL_ID, String.valueOf(d.manualId()), Field.Store.NO));
    doc.add(new StringField(SearchFields.WORKSPACE, d.workspaceSlug(), Field.Store.YES));
    doc.add(new StringField(SearchFields.MANUAL, d.manualSlug(), Field.Store.YES));
    doc.add(new StringField(SearchFields.LANGUAGE, d.language(), Field.Store.NO));
    if (d.faq()) {
      doc.add(new StringField(SearchFields.KIND, SearchFields.FAQ, Field.Store.NO));
    }
    for (String tag : d.tags()) {
      doc.add(new StringField(SearchFields.TAG, tag, Field.Store.YES));
      doc.add(new SortedSetDocValuesField(SearchFields.FACET_TAG, new BytesRef(tag)));
    }
    doc.add(
        new SortedDocValuesField(SearchFields.FACET_WORKSPACE, new BytesRef(d.workspaceSlug())));
    doc.add(
        new SortedDocValuesField(
            SearchFields.FACET_MANUAL, new BytesRef(d.workspaceSlug() + "/" + d.manualSlug())));
    doc.add(new StoredField(SearchFields.MANUAL_TITLE_STORED, d.manualTitle()));
    doc.add(new StoredField(SearchFields.TITLE_STORED, d.title()));
    if (d.procedureKey() != null) {
      doc.add(new StoredField(SearchFields.PROCEDURE, d.procedureKey()));
    }
    doc.add(new StoredField(SearchFields.VERSION, d.version()));
    if (d.sourcePath() != null) {
      doc.add(new StoredField(SearchFields.SOURCE_PATH, d.sourcePath()));
    }
    // Analysed for the manual's language: stems and stop words of French or English.
    doc.add(new TextField(SearchFields.TITLE_STEM, Analyzers.stemmed(d.language(), d.title())));
    doc.add(new TextField(SearchFields.BODY_STEM, Analyzers.stemmed(d.language(), d.text())));
    // The manual's title is context for each of its procedures: it counts like body text.
    doc.add(
        new TextField(SearchFields.BODY_STEM, Analyzers.stemmed(d.language(), d.manualTitle())));
    // Plain: every word folded, for exact words, phrases, prefixes and typos; the body is
    // stored for the highlighted snippet.
    doc.add(new TextField(SearchFields.TITLE_PLAIN, d.title(), Field.Store.NO));
    doc.add(new Field(SearchFields.BODY_PLAIN, d.text(), BODY_PLAIN_TYPE));
    return doc;
  }

  @Override
  public void close() {
    try {
      searchers.close();
      writer.close();
      directory.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package vademecum.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import vademecum.App;

/**
 * Compares the search index with PostgreSQL, the source of truth: what the published revisions say
 * each document must be, what searches answer over HTTP, what the index stores on disk, and what
 * Lucene's own {@link CheckIndex} finds. Each method returns the differences it found, as lines to
 * print; none means the index mirrors the database.
 */
public final class MirrorCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private MirrorCheck() {}

  /** Every document the index must hold, by id, made from the published revisions in PostgreSQL. */
  public static Map<String, SearchDocument> expected(App.Services services) {
    SearchDocuments documents =
        new SearchDocuments(services.database().dsl(), services.search(), services.markdown());
    List<Long> manuals = services.search().publishedManualIds(services.database().dsl());
    Map<String, SearchDocument> expected = new LinkedHashMap<>();
    for (int from = 0; from < manuals.size(); from += 200) {
      List<Long> batch = manuals.subList(from, Math.min(manuals.size(), from + 200));
      SearchDocuments.Batch read = documents.read(batch);
      for (Long id : batch) {
        documents.of(read, id).forEach(d -> expected.put(d.id(), d));
      }
    }
    return expected;
  }

  /** The markers of the published documents, each with the one document that holds it. */
  public static Map<String, SearchDocument> liveMarkers(Map<String, SearchDocument> expected) {
    Map<String, SearchDocument> live = new LinkedHashMap<>();
    for (SearchDocument document : expected.values()) {
      MirrorText.markers(document.text()).forEach(m -> live.put(m, document));
    }
    return live;
  }

  /**
   * Over HTTP with a bearer token: up to {@code sample} live markers each find exactly their
   * document, with the title, manual, workspace, key and source path PostgreSQL holds and a snippet
   * cut from its text; up to {@code sample} markers no longer published find nothing.
   */
  public static List<String> searches(
      String base,
      String token,
      Map<String, SearchDocument> expected,
      Set<String> everMarked,
      int sample,
      Random random) {
    List<String> problems = new ArrayList<>();
    Map<String, SearchDocument> live = liveMarkers(expected);
    List<String> liveSample = sampled(live.keySet(), sample, random);
    for (String marker : liveSample) {
      JsonNode answer = search(base, token, marker, problems);
      if (answer == null) {
        continue;
      }
      SearchDocument want = live.get(marker);
      JsonNode hits = answer.get("hits");
      if (hits.size() != 1) {
        problems.add(marker + ": " + hits.size() + " hits, expected " + want.id());
        continue;
      }
      JsonNode hit = hits.get(0);
      compare(problems, marker, "workspace", want.workspaceSlug(), text(hit, "workspace"));
      compare(problems, marker, "manual", want.manualSlug(), text(hit, "manual"));
      compare(problems, marker, "manualTitle", want.manualTitle(), text(hit, "manualTitle"));
      compare(problems, marker, "procedure", want.procedureKey(), text(hit, "procedure"));
      compare(problems, marker, "title", want.title(), text(hit, "title"));
      compare(problems, marker, "sourcePath", want.sourcePath(), text(hit, "sourcePath"));
      String snippet = plain(text(hit, "snippet"));
      if (!snippet.contains(marker) || !squeeze(want.text()).contains(snippet)) {
        problems.add(marker + ": snippet not from " + want.id() + ": " + snippet);
      }
    }
    Set<String> dead = new HashSet<>(everMarked);
    dead.removeAll(live.keySet());
    for (String marker : sampled(dead, sample, random)) {
      JsonNode answer = search(base, token, marker, problems);
      if (answer != null && answer.get("hits").size() > 0) {
        problems.add(marker + " is no longer published but found in " + answer.get("hits"));
      }
    }
    return problems;
  }

  private static JsonNode search(String base, String token, String q, List<String> problems) {
    HttpResponse<String> response = get(base, token, q, 10, 0);
    if (response.statusCode() != 200) {
      problems.add(q + ": HTTP " + response.statusCode() + " " + response.body());
      return null;
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      problems.add(q + ": not JSON: " + response.body());
      return null;
    }
  }

  /** One API search; failures to connect are rethrown. */
  public static HttpResponse<String> get(
      String base, String token, String q, int limit, int offset) {
    String url =
        base
            + "/api/v1/search?q="
            + URLEncoder.encode(q, StandardCharsets.UTF_8)
            + "&limit="
            + limit
            + "&offset="
            + offset;
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build();
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads every live document's stored fields from the last commit on disk and compares each field
   * with PostgreSQL's; also finds documents the index has twice, or lacks.
   */
  public static List<String> stored(Path index, Map<String, SearchDocument> expected) {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try (Directory directory = FSDirectory.open(index);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      for (LeafReaderContext leaf : reader.leaves()) {
        StoredFields stored = leaf.reader().storedFields();
        Bits live = leaf.reader().getLiveDocs();
        for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
          if (live != null && !live.get(doc)) {
            continue;
          }
          Document found;
          try {
            found = stored.document(doc);
          } catch (RuntimeException | AssertionError e) {
            problems.add("unreadable document " + doc + " in " + leaf.reader() + ": " + e);
            continue;
          }
          String id = found.get(SearchFields.ID);
          if (!seen.add(id)) {
            problems.add(id + " is in the index twice");
          }
          SearchDocument want = expected.get(id);
          if (want == null) {
            problems.add(id + " is in the index but not published");
            continue;
          }
          compare(
              problems, id, "workspace", want.workspaceSlug(), found.get(SearchFields.WORKSPACE));
          compare(problems, id, "manual", want.manualSlug(), found.get(SearchFields.MANUAL));
          compare(
              problems,
              id,
              "manualTitle",
              want.manualTitle(),
              found.get(SearchFields.MANUAL_TITLE_STORED));
          compare(problems, id, "title", want.title(), found.get(SearchFields.TITLE_STORED));
          compare(
              problems, id, "procedure", want.procedureKey(), found.get(SearchFields.PROCEDURE));
          compare(
              problems, id, "sourcePath", want.sourcePath(), found.get(SearchFields.SOURCE_PATH));
          compare(
              problems,
              id,
              "version",
              String.valueOf(want.version()),
              String.valueOf(found.getField(SearchFields.VERSION).numericValue()));
          if (!want.text().equals(found.get(SearchFields.BODY_PLAIN))) {
            problems.add(id + ": stored body differs from the published text");
          }
        }
      }
    } catch (IOException e) {
      problems.add("cannot read the index: " + e);
    }
    for (String id : expected.keySet()) {
      if (!seen.contains(id)) {
        problems.add(id + " is published but not in the index");
      }
    }
    return problems;
  }

  /**
   * How many segments of the last commit a merge wrote (by their names, which are never reused).
   */
  public static Set<String> mergedSegments(Path index) {
    Set<String> merged = new HashSet<>();
    try (Directory directory = FSDirectory.open(index);
        DirectoryReader reader = DirectoryReader.open(directory)) {
      for (LeafReaderContext leaf : reader.leaves()) {
        var info = ((SegmentReader) leaf.reader()).getSegmentInfo().info;
        if ("merge".equals(info.getDiagnostics().get("source"))) {
          merged.add(info.name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return merged;
  }

  /**
   * Lucene's own check at the level that verifies checksums and reads every stored document back;
   * the index must not be open for writing. Empty when clean, else its report.
   */
  public static String checkIndex(Path index) {
    ByteArrayOutputStream report = new ByteArrayOutputStream();
    try (Directory directory = FSDirectory.open(index);
        CheckIndex check = new CheckIndex(directory)) {
      check.setLevel(CheckIndex.Level.MIN_LEVEL_FOR_INTEGRITY_CHECKS);
      check.setInfoStream(new PrintStream(report, true, StandardCharsets.UTF_8));
      CheckIndex.Status status = check.checkIndex();
      return status.clean ? "" : report.toString(StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      return "CheckIndex failed: " + e + "\n" + report.toString(StandardCharsets.UTF_8);
    }
  }

  private static void compare(
      List<String> problems, String what, String field, String want, String got) {
    if (!Objects.equals(want, got)) {
      problems.add(
          what + ": " + field + " is '" + got + "' in the index, '" + want + "' in PostgreSQL");
    }
  }

  private static String text(JsonNode hit, String field) {
    JsonNode value = hit.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** The snippet's text: tags and ellipses removed, entities decoded, spaces squeezed. */
  static String plain(String snippet) {
    String text =
        snippet
            .replace("<mark>", "")
            .replace("</mark>", "")
            .replaceAll("^… ", "")
            .replaceAll(" …$", "")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&amp;", "&");
    return squeeze(text);
  }

  private static String squeeze(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }

  private static List<String> sampled(Set<String> all, int sample, Random random) {
    List<String> list = new ArrayList<>(all);
    Collections.sort(list);
    Collections.shuffle(list, random);
    return list.subList(0, Math.min(sample, list.size()));
  }
}

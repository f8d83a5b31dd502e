package vademecum.manual;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A workspace's manuals as its page lists them: by collection, in the editors' order, the manuals
 * in no collection last, and the archived ones apart (editors only).
 *
 * @param tag when not null, only the manuals that carry this tag are listed
 */
public record Shelf(
    List<ManualCollection> collections,
    List<Group> groups,
    List<ManualSummary> archived,
    String tag) {

  /** One collection's manuals; {@code collection} is null for the manuals in none. */
  public record Group(ManualCollection collection, List<ManualSummary> manuals) {}

  static Shelf of(List<ManualCollection> collections, List<ManualSummary> manuals, String tag) {
    Map<Long, List<ManualSummary>> byCollection = new LinkedHashMap<>();
    collections.forEach(c -> byCollection.put(c.id(), new ArrayList<>()));
    List<ManualSummary> loose = new ArrayList<>();
    List<ManualSummary> archived = new ArrayList<>();
    for (ManualSummary manual : manuals) {
      if (tag != null && !carries(manual, tag)) {
        continue;
      }
      if (manual.archived()) {
        archived.add(manual);
      } else if (manual.collectionId() != null && byCollection.containsKey(manual.collectionId())) {
        byCollection.get(manual.collectionId()).add(manual);
      } else {
        loose.add(manual);
      }
    }
    List<Group> groups = new ArrayList<>();
    for (ManualCollection collection : collections) {
      List<ManualSummary> in = byCollection.get(collection.id());
      // A filtered page leaves out the collections with nothing to show; the full one lists every
      // collection, even empty, so that editors can fill it.
      if (tag == null || !in.isEmpty()) {
        groups.add(new Group(collection, in));
      }
    }
    if (!loose.isEmpty()) {
      groups.add(new Group(null, loose));
    }
    return new Shelf(collections, groups, archived, tag);
  }

  /** The workspace page narrowed to the manuals that carry {@code tag}. */
  public static String tagUrl(String workspaceSlug, String tag) {
    return "/w/"
        + workspaceSlug
        + "?tag="
        + URLEncoder.encode(tag, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static boolean carries(ManualSummary manual, String tag) {
    String wanted = tag.toLowerCase(Locale.ROOT);
    return manual.tags().stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).equals(wanted));
  }

  /** Whether nothing at all is listed (no manual, no collection). */
  public boolean isEmpty() {
    return groups.stream().allMatch(g -> g.manuals().isEmpty()) && archived.isEmpty();
  }
}

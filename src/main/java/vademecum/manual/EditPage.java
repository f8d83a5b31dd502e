package vademecum.manual;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/**
 * The editor. It always carries the user's own text back, including after a refused save.
 *
 * @param manualSlug null when creating a manual
 * @param maxSize the largest text, as people read it
 * @param maxFileSize the largest screenshot or file, as people read it
 */
public record EditPage(
    Chrome chrome,
    Workspace workspace,
    String manualSlug,
    ManualForm form,
    String error,
    String maxSize,
    String maxFileSize) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The messages files.js shows, in the reader's language ({@code files.*} without the prefix). */
  private static final List<String> FILE_TEXTS =
      List.of(
          "pasted",
          "failed",
          "offline",
          "kept",
          "dismiss",
          "hint",
          "hint.crop",
          "hint.blur",
          "hint.black",
          "hint.marker",
          "applied.crop",
          "applied.blur",
          "applied.black",
          "applied.marker");

  public boolean isNew() {
    return manualSlug == null;
  }

  public String action() {
    return isNew()
        ? "/w/" + workspace.slug() + "/manuals"
        : "/w/" + workspace.slug() + "/m/" + manualSlug;
  }

  public String previewUrl() {
    return "/w/" + workspace.slug() + "/preview";
  }

  /** Polled while editing: says so when someone else saved a newer revision meanwhile. */
  public String latestUrl() {
    return action() + "/latest?base=" + form.baseNumber();
  }

  public String uploadUrl() {
    return "/w/" + workspace.slug() + "/files";
  }

  public String fileTexts() {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String key : FILE_TEXTS) {
      texts.put(key, chrome.t("files." + key));
    }
    try {
      return JSON.writeValueAsString(texts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public String cancelUrl() {
    return isNew() ? "/w/" + workspace.slug() : action();
  }
}

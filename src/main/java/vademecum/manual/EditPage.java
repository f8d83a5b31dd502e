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
    String maxFileSize,
    long maxBytes) {
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

  /**
   * One button of the formatting toolbar ({@code toolbar.js}) and its shortcut, if any: as the
   * reader's keyboard names it ({@code shortcut}, "Maj" for Shift in French) and as assistive
   * technologies expect it ({@code aria}).
   */
  public record Tool(String action, String label, String key, String shortcut, String aria) {}

  /**
   * The toolbar's buttons. {@code key} is what the script matches ({@code Shift+}, {@code Alt+},
   * then the key's code, always with Ctrl or ⌘); {@code shortcut} is how people read it.
   */
  public List<Tool> tools() {
    return List.of(
        tool("procedure", "Alt+Digit2", "Ctrl+Alt+2"),
        tool("heading", "Alt+Digit3", "Ctrl+Alt+3"),
        tool("bold", "KeyB", "Ctrl+B"),
        tool("italic", "KeyI", "Ctrl+I"),
        tool("bullets", "Shift+Digit8", "Ctrl+Shift+8"),
        tool("numbers", "Shift+Digit7", "Ctrl+Shift+7"),
        tool("checklist", "Shift+Digit9", "Ctrl+Shift+9"),
        tool("table", null, null),
        tool("link", "KeyK", "Ctrl+K"),
        tool("quote", "Shift+Period", "Ctrl+Shift+."),
        tool("code", "KeyE", "Ctrl+E"));
  }

  private Tool tool(String action, String key, String shortcut) {
    return new Tool(
        action,
        chrome.t("toolbar." + action),
        key,
        shortcut == null ? null : shortcut.replace("Shift", chrome.t("toolbar.shiftKey")),
        shortcut == null ? null : shortcut.replace("Ctrl", "Control"));
  }

  /** The placeholders the toolbar inserts, in the reader's language. */
  public String toolbarTexts() {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String key : List.of("procedure", "heading", "bold", "italic", "code", "link", "column")) {
      texts.put(key, chrome.t("toolbar.placeholder." + key));
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

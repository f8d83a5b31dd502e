package vademecum.manual;

/** The editor's live preview fragment (sanitised HTML, or why it cannot be shown). */
public record PreviewPage(String html, String error) {}

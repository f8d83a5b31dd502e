package vademecum.manual;

/** A manual laid out for paper: title, revision, contents, then each procedure on its page. */
public record PrintPage(vademecum.web.Chrome chrome, ManualView view) {}

package vademecum.manual;

import vademecum.web.Chrome;

/** A manual laid out for paper: title, revision, contents, then each procedure on its page. */
public record PrintPage(Chrome chrome, ManualView view) {}

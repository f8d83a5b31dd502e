package vademecum.search;

import vademecum.kernel.Nullable;
import vademecum.kernel.Workspace;
import vademecum.web.Chrome;

/**
 * A workspace's synonyms: its own list (shown again as typed when refused) and the built-in one it
 * goes over; {@code saved} is how many entries the list just saved gives; {@code base} says which
 * saved list the form starts from; {@code theirs} is the list someone saved meanwhile (a conflict).
 */
public record SynonymsPage(
    Chrome chrome,
    Workspace workspace,
    String text,
    String builtIn,
    @Nullable String error,
    @Nullable Integer saved,
    String base,
    @Nullable String theirs) {}

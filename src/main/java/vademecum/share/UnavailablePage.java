package vademecum.share;

/** What a link that cannot be opened shows, in French and English (the manual is unknown). */
public record UnavailablePage(boolean expired, boolean throttled) {}

package vademecum.share;

/**
 * The candidate's read-only page, in the manual's language.
 *
 * @param csrf the anonymous form token of the "I have read this manual" button
 * @param justConfirmed set right after the candidate pressed it
 */
public record CandidatePage(
    ShareService.Candidate manual, String token, String csrf, String justConfirmed) {

  public boolean french() {
    return "fr".equals(manual.language());
  }

  /** The few words of the page itself, in the manual's language. */
  public String text(String key, Object... args) {
    return vademecum.web.Texts.of(manual.language()).t(key, args);
  }

  public String date(java.time.OffsetDateTime at) {
    return vademecum.web.Texts.of(manual.language()).date(at);
  }
}

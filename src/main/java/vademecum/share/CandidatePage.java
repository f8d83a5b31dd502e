package vademecum.share;

import java.time.OffsetDateTime;
import vademecum.web.Texts;

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
    return Texts.of(manual.language()).t(key, args);
  }

  public String date(OffsetDateTime at) {
    return Texts.of(manual.language()).date(at);
  }
}

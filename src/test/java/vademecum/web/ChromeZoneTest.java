package vademecum.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import vademecum.kernel.Membership;
import vademecum.kernel.Role;

/**
 * Moments come from the database in the server's zone (UTC in a container); pages show them where
 * the reader works.
 */
class ChromeZoneTest {
  private static final Membership PARIS =
      new Membership(1, "cabinet", "Cabinet", Role.ASSISTANT, "Europe/Paris");
  private static final Membership MONTREAL =
      new Membership(2, "bureau", "Bureau", Role.ASSISTANT, "America/Montreal");

  private static Chrome chrome(String current, Membership... workspaces) {
    return new Chrome("Léa", false, List.of(workspaces), current, "csrf", "fr", "/");
  }

  @Test
  void a_moment_shows_in_the_zone_of_the_pages_workspace() {
    OffsetDateTime ticked = OffsetDateTime.parse("2027-07-01T07:00:00Z");
    assertTrue(chrome("cabinet", PARIS, MONTREAL).dateTime(ticked).contains("09:00"));
    assertTrue(chrome("bureau", PARIS, MONTREAL).dateTime(ticked).contains("03:00"));
    // Half past midnight in Paris is already the next day.
    OffsetDateTime late = OffsetDateTime.parse("2027-01-14T23:30:00Z");
    assertEquals(
        chrome("cabinet", PARIS).date(OffsetDateTime.parse("2027-01-15T12:00:00Z")),
        chrome("cabinet", PARIS).date(late));
  }

  @Test
  void outside_a_workspace_the_zone_all_share_else_paris() {
    assertEquals(ZoneId.of("America/Montreal"), chrome(null, MONTREAL).zone());
    assertEquals(ZoneId.of("Europe/Paris"), chrome(null, PARIS, MONTREAL).zone());
    assertEquals(ZoneId.of("Europe/Paris"), chrome(null).zone());
    Membership odd = new Membership(3, "odd", "Odd", Role.OWNER, "Mars/Olympus");
    assertEquals(ZoneId.of("Europe/Paris"), chrome("odd", odd).zone());
  }
}

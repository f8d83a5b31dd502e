package vademecum.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which database failures are "try again in a moment" (503) rather than our bug (500). */
class DatabaseDownTest {

  private static boolean down(String state) {
    return WebServer.databaseDown(new RuntimeException(new SQLException("from PostgreSQL", state)));
  }

  @Test
  void a_lost_connection_a_restart_and_a_lack_of_resources_are_503_and_bad_data_is_not() {
    assertTrue(down("08006"), "connection failure");
    assertTrue(down("57P01"), "administrator shutdown");
    assertTrue(down("53300"), "too many connections");
    assertTrue(down("53100"), "disk full");
    assertFalse(down("22021"), "a NUL in text is a bug of ours: 500, with its stack trace");
    assertFalse(down("23505"), "a unique key broken is a bug of ours");
  }

  @Test
  void a_deadlock_or_a_serialisation_failure_is_a_collision_to_send_again() {
    assertTrue(collided("40P01"), "deadlock");
    assertTrue(collided("40001"), "serialisation failure");
    assertFalse(collided("23505"));
    assertFalse(down("40P01"), "the database is up: its own message");
  }

  private static boolean collided(String state) {
    return WebServer.collided(new RuntimeException(new SQLException("from PostgreSQL", state)));
  }
}

package vademecum.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vademecum.db.schema.Tables.ACCOUNT;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vademecum.account.AccountRepository;
import vademecum.testing.TestDatabase;

/** {@link Prepared} against PostgreSQL: what it binds where, and that it reads what jOOQ reads. */
class PreparedTest {
  private static Database database;
  private static DSLContext db;
  private static long anne;
  private static long bruno;
  private static long chloe;

  @BeforeAll
  static void accounts() {
    database = TestDatabase.fresh();
    db = database.dsl();
    var accounts = new AccountRepository();
    anne = accounts.insert(db, "anne@example.org", "Anne", "fr", "x", false, true).orElseThrow();
    bruno = accounts.insert(db, "bruno@example.org", "Bruno", "fr", "x", true, true).orElseThrow();
    chloe =
        accounts
            .insert(db, "chloe@example.org", "Chloé : équipe", "en", "x", false, true)
            .orElseThrow();
  }

  @AfterAll
  static void close() {
    database.close();
  }

  private static final Prepared<String> NAMES_BY_IDS =
      Prepared.of(
          DSL.using(SQLDialect.POSTGRES)
              .select(ACCOUNT.DISPLAY_NAME)
              .from(ACCOUNT)
              .where(ACCOUNT.ID.eq(DSL.any(DSL.param("ids", Long[].class))))
              .orderBy(ACCOUNT.DISPLAY_NAME),
          r -> r.get(ACCOUNT.DISPLAY_NAME));

  @Test
  void a_collection_is_bound_as_an_array_of_the_parameters_element_type() {
    assertEquals(
        List.of("Anne", "Bruno"), NAMES_BY_IDS.list(db, Map.of("ids", List.of(bruno, anne))));
    assertEquals(List.of(), NAMES_BY_IDS.list(db, Map.of("ids", List.of())));

    Prepared<String> byEmails =
        Prepared.of(
            DSL.using(SQLDialect.POSTGRES)
                .select(ACCOUNT.DISPLAY_NAME)
                .from(ACCOUNT)
                .where(ACCOUNT.EMAIL.eq(DSL.any(DSL.param("emails", String[].class)))),
            r -> r.get(ACCOUNT.DISPLAY_NAME));
    assertEquals(
        List.of("Chloé : équipe"),
        byEmails.list(db, Map.of("emails", Set.of("chloe@example.org", "nobody@example.org"))));
  }

  @Test
  void a_name_used_twice_takes_the_same_value_in_both_places() {
    Prepared<Long> either =
        Prepared.of(
            DSL.select(ACCOUNT.ID)
                .from(ACCOUNT)
                .where(ACCOUNT.ID.eq(DSL.param("id", Long.class)))
                .or(ACCOUNT.ID.eq(DSL.param("id", Long.class).plus(1L))),
            r -> r.get(ACCOUNT.ID));
    assertEquals(List.of("id"), List.copyOf(either.parameterNames()));
    assertEquals(Set.of(anne, bruno), Set.copyOf(either.list(db, Map.of("id", anne))));
  }

  @Test
  void constants_are_bound_as_written_and_named_parameters_around_them_keep_their_places() {
    Prepared<String> query =
        Prepared.of(
            DSL.select(ACCOUNT.DISPLAY_NAME)
                .from(ACCOUNT)
                .where(ACCOUNT.LANGUAGE.eq("fr"))
                .and(ACCOUNT.IS_ADMIN.eq(DSL.param("admin", Boolean.class)))
                .and(ACCOUNT.EMAIL.like("%@example.org"))
                .orderBy(ACCOUNT.DISPLAY_NAME)
                .limit(5),
            r -> r.get(ACCOUNT.DISPLAY_NAME));
    assertEquals(List.of("Anne"), query.list(db, Map.of("admin", false)));
    assertEquals(List.of("Bruno"), query.list(db, Map.of("admin", true)));
  }

  @Test
  void casts_and_colons_inside_sql_text_are_not_parameters() {
    // A hand-made parser would read ":10h" in the literal, or "::text", as parameters.
    Field<String> literal = DSL.field("'Chloé : équipe'::text", String.class);
    Field<String> text = DSL.field("'réunion :10h'::text", String.class).as("text");
    Field<Integer> sum =
        DSL.field("'7'::integer", Integer.class).plus(DSL.param("n", Integer.class)).as("sum");
    Prepared<String> query =
        Prepared.of(
            DSL.select(text, sum).from(ACCOUNT).where(ACCOUNT.DISPLAY_NAME.eq(literal)),
            r -> r.get(text) + "=" + r.get(sum));
    assertEquals(Set.of("n"), query.parameterNames());
    assertEquals(List.of("réunion :10h=10"), query.list(db, Map.of("n", 3)));
  }

  @Test
  void a_missing_or_unknown_name_is_refused_before_anything_is_sent() {
    assertThrows(IllegalArgumentException.class, () -> NAMES_BY_IDS.list(db, Map.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> NAMES_BY_IDS.list(db, Map.of("ids", List.of(anne), "id", anne)));
  }

  @Test
  void reading_a_field_that_was_not_selected_is_an_error_not_a_wrong_column() {
    Prepared<String> query =
        Prepared.of(
            DSL.select(ACCOUNT.DISPLAY_NAME)
                .from(ACCOUNT)
                .where(ACCOUNT.ID.eq(DSL.param("id", Long.class))),
            r -> r.get(ACCOUNT.EMAIL));
    assertThrows(IllegalArgumentException.class, () -> query.list(db, Map.of("id", anne)));
  }

  @Test
  void rows_read_the_same_as_jooq_reads_them() {
    var select =
        DSL.select(AccountRepositoryColumns.LIST)
            .from(ACCOUNT)
            .where(ACCOUNT.ID.in(DSL.param("a", Long.class), DSL.param("b", Long.class)))
            .orderBy(ACCOUNT.ID);
    Prepared<List<Object>> prepared = Prepared.of(select, AccountRepositoryColumns::values);
    List<List<Object>> byJooq =
        db.fetch(
                DSL.select(AccountRepositoryColumns.LIST)
                    .from(ACCOUNT)
                    .where(ACCOUNT.ID.in(anne, chloe))
                    .orderBy(ACCOUNT.ID))
            .map(r -> AccountRepositoryColumns.values(Columns.of(r)));
    List<List<Object>> byPrepared = prepared.list(db, Map.of("a", anne, "b", chloe));
    assertEquals(2, byJooq.size());
    assertEquals(byJooq, byPrepared);
    assertTrue(prepared.sql().contains("?"), prepared.sql());
  }

  /** Columns of several types, timestamps and arrays among them. */
  private static final class AccountRepositoryColumns {
    static final List<Field<?>> LIST =
        List.of(
            ACCOUNT.ID,
            ACCOUNT.EMAIL,
            ACCOUNT.DISPLAY_NAME,
            ACCOUNT.IS_ADMIN,
            ACCOUNT.CREATED_AT,
            DSL.array(ACCOUNT.EMAIL, ACCOUNT.LANGUAGE).as("pair"));

    static List<Object> values(Columns row) {
      return LIST.stream()
          .<Object>map(
              field -> {
                Object value = row.get(field);
                return value instanceof Object[] array ? List.of(array) : value;
              })
          .toList();
    }
  }
}

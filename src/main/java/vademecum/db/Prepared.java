package vademecum.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * A jOOQ select rendered to SQL once, then run over plain JDBC with new values for its named
 * parameters. jOOQ builds and renders a query on every execution; for the few queries every page
 * view runs (session, memberships, manual, revisions, acknowledgements) that cost more CPU than
 * PostgreSQL's own work (a profile of page views put jOOQ at half the server's time). The query is
 * still written with the generated schema, so a renamed column fails the build as elsewhere.
 */
public final class Prepared<T> {
  /** Reads one row: the template's fields by reference, converted to their Java types. */
  public interface Mapper<T> {
    T map(Row row) throws SQLException;
  }

  private static final DSLContext RENDERER =
      DSL.using(
          SQLDialect.POSTGRES,
          new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED));

  /** A named parameter; the lookbehind skips PostgreSQL's {@code ::type} casts. */
  private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):(\\w+)");

  private final String sql;
  private final List<String> names = new ArrayList<>();
  private final List<Object> defaults;
  private final Map<Field<?>, Integer> columns = new java.util.IdentityHashMap<>();
  private final Mapper<T> mapper;

  private Prepared(Select<?> query, Mapper<T> mapper) {
    String rendered = RENDERER.renderNamedParams(query);
    Matcher named = NAMED.matcher(rendered);
    StringBuilder jdbc = new StringBuilder();
    while (named.find()) {
      names.add(named.group(1));
      named.appendReplacement(jdbc, "?");
    }
    named.appendTail(jdbc);
    this.sql = jdbc.toString();
    // The template's own values in the order of their placeholders: those of unnamed
    // parameters (constants such as the roles that acknowledge) are bound as they are.
    this.defaults = query.getBindValues();
    if (defaults.size() != names.size()) {
      throw new IllegalStateException("placeholders and values differ in " + rendered);
    }
    // Fields are looked up by identity: jOOQ's equals renders both sides to compare them.
    List<Field<?>> selected = query.getSelect();
    for (int i = 0; i < selected.size(); i++) {
      columns.put(selected.get(i), i + 1);
    }
    this.mapper = mapper;
  }

  /** A select list put together from the column lists that repositories' mappers read. */
  @SafeVarargs
  public static List<Field<?>> columns(List<? extends Field<?>>... lists) {
    List<Field<?>> all = new ArrayList<>();
    for (List<? extends Field<?>> list : lists) {
      all.addAll(list);
    }
    return all;
  }

  public static <T> Prepared<T> of(Select<?> query, Mapper<T> mapper) {
    return new Prepared<>(query, mapper);
  }

  /**
   * Every row, with {@code values} for the named parameters ({@code DSL.param("name", type)}); any
   * other parameter keeps the template's value.
   */
  public List<T> list(DSLContext db, Map<String, ?> values) {
    return db.connectionResult(connection -> run(connection, values));
  }

  public Optional<T> one(DSLContext db, Map<String, ?> values) {
    List<T> rows = list(db, values);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private List<T> run(Connection connection, Map<String, ?> values) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        Object value = values.containsKey(name) ? values.get(name) : defaults.get(i);
        if (value instanceof Collection<?> many) {
          statement.setArray(i + 1, connection.createArrayOf("bigint", many.toArray()));
        } else {
          statement.setObject(i + 1, value);
        }
      }
      List<T> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        Row row = new Row(result, columns);
        while (result.next()) {
          rows.add(mapper.map(row));
        }
      }
      return rows;
    }
  }

  /** The current row of a result, read by the template's fields. */
  public static final class Row {
    private final ResultSet result;
    private final Map<Field<?>, Integer> columns;

    private Row(ResultSet result, Map<Field<?>, Integer> columns) {
      this.result = result;
      this.columns = columns;
    }

    public <V> V get(Field<V> field) throws SQLException {
      return get(index(field), field.getType());
    }

    /** By position (1-based), for fields built in the query itself (subqueries, aliases). */
    public <V> V get(int column, Class<V> type) throws SQLException {
      if (type.isArray()) {
        Array array = result.getArray(column);
        return array == null ? null : type.cast(array.getArray());
      }
      return result.getObject(column, type);
    }

    private int index(Field<?> field) {
      Integer column = columns.get(field);
      if (column == null) {
        throw new IllegalArgumentException("not selected: " + field);
      }
      return column;
    }
  }
}

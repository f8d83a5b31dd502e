package vademecum.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.SQLDialect;
import org.jooq.Select;
import org.jooq.VisitListener;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * A jOOQ select rendered to SQL once, then run over plain JDBC with new values for its named
 * parameters. jOOQ builds and renders a query on every execution; for the few queries every page
 * view runs (session, memberships, manual, revisions, acknowledgements) that cost more CPU than
 * PostgreSQL's own work. The query is still written with the generated schema, so a renamed column
 * fails the build as elsewhere.
 *
 * <p>The placeholders and their parameters come from jOOQ itself: a {@link VisitListener} sees each
 * {@link Param} as jOOQ renders it as {@code ?}, in the order of the SQL text, so casts, constants
 * and a name used twice need no parsing of our own.
 */
public final class Prepared<T> {
  /** Reads one row by the template's fields. */
  public interface Mapper<T> {
    T map(Columns row);
  }

  private static final Settings SETTINGS =
      new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED);

  private final String sql;
  private final List<Param<?>> placeholders;
  private final Set<String> names = new LinkedHashSet<>();
  private final Map<Field<?>, Integer> columns = new IdentityHashMap<>();
  private final Mapper<T> mapper;

  private Prepared(Select<?> query, Mapper<T> mapper) {
    List<Param<?>> seen = new ArrayList<>();
    Configuration rendering =
        new DefaultConfiguration()
            .set(SQLDialect.POSTGRES)
            .set(SETTINGS)
            .set(
                VisitListener.onVisitStart(
                    context -> {
                      if (context.renderContext() != null
                          && context.queryPart() instanceof Param<?> param
                          && !param.isInline()) {
                        seen.add(param);
                      }
                    }));
    this.sql = DSL.using(rendering).render(query);
    // jOOQ's own count of bind values guards against a parameter rendered in place.
    if (seen.size() != query.getBindValues().size()) {
      throw new IllegalStateException("placeholders and values differ in " + sql);
    }
    this.placeholders = List.copyOf(seen);
    for (Param<?> param : placeholders) {
      if (param.getParamName() != null) {
        names.add(param.getParamName());
      }
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

  /**
   * {@code query}'s named parameters ({@code DSL.param("name", type)}) are given on each run; its
   * other values (constants such as the roles that acknowledge) are bound as written.
   */
  public static <T> Prepared<T> of(Select<?> query, Mapper<T> mapper) {
    return new Prepared<>(query, mapper);
  }

  /** The SQL sent to PostgreSQL, with {@code ?} placeholders. */
  public String sql() {
    return sql;
  }

  /** The named parameters, each once, in the order they first appear. */
  public Set<String> parameterNames() {
    return names;
  }

  /**
   * Every row, with a value for each named parameter; a collection is bound as an array of the
   * parameter's element type. A missing or unknown name is a programming error, refused before
   * anything is sent.
   */
  public List<T> list(DSLContext db, Map<String, ?> values) {
    if (!names.equals(values.keySet())) {
      throw new IllegalArgumentException(
          "parameters " + names + " given values for " + values.keySet());
    }
    return db.connectionResult(connection -> run(db, connection, values));
  }

  public Optional<T> one(DSLContext db, Map<String, ?> values) {
    List<T> rows = list(db, values);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private List<T> run(DSLContext db, Connection connection, Map<String, ?> values)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < placeholders.size(); i++) {
        Param<?> param = placeholders.get(i);
        String name = param.getParamName();
        Object value = name == null ? param.getValue() : values.get(name);
        if (value instanceof Collection<?> many) {
          String element =
              param.getDataType().getArrayComponentDataType().getTypeName(db.configuration());
          statement.setArray(i + 1, connection.createArrayOf(element, many.toArray()));
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
  private static final class Row implements Columns {
    private final ResultSet result;
    private final Map<Field<?>, Integer> columns;

    private Row(ResultSet result, Map<Field<?>, Integer> columns) {
      this.result = result;
      this.columns = columns;
    }

    @Override
    public <V> V get(Field<V> field) {
      Integer column = columns.get(field);
      if (column == null) {
        throw new IllegalArgumentException("not selected: " + field);
      }
      Class<V> type = field.getType();
      try {
        if (type.isArray()) {
          Array array = result.getArray(column);
          return array == null ? null : type.cast(array.getArray());
        }
        return result.getObject(column, type);
      } catch (SQLException e) {
        throw new DataAccessException("reading " + field, e);
      }
    }
  }
}

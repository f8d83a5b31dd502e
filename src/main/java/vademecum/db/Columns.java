package vademecum.db;

import org.jooq.Field;
import org.jooq.Record;

/**
 * A result row read by the fields that were selected. Each repository maps a record from one column
 * list with one method taking {@code Columns}, whether jOOQ fetched the row or {@link Prepared}
 * did, so the two paths cannot drift apart.
 */
public interface Columns {
  <V> V get(Field<V> field);

  static Columns of(Record record) {
    return new Columns() {
      @Override
      public <V> V get(Field<V> field) {
        return record.get(field);
      }
    };
  }
}

package org.wenming.platform;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Tables opened for a load of millions of rows through {@code COPY}: their secondary indexes, unique
 * constraints and foreign keys are set aside, and {@link #restore()} makes them again from the
 * definitions the catalogue held. A sorted index build and one set-based check per constraint cost a
 * fraction of maintaining every index and looking up every foreign key row by row; a duplicate or a
 * dangling reference still fails, only at the end of the load instead of at its row.
 *
 * <p>Everything happens in the caller's transaction (PostgreSQL's DDL is transactional), which holds
 * the tables exclusively until it ends: a failure anywhere rolls the tables, their rows and their
 * indexes back together. Primary keys stay (other tables' foreign keys and the load's own
 * {@code on conflict} need them), and so does any index another table's foreign key relies on.
 */
public final class BulkLoadWindow {

	private final JdbcClient jdbc;

	/** Statements that make again what was set aside, indexes first (the constraints' checks use them). */
	private final List<String> restore = new ArrayList<>();

	private boolean restored;

	private BulkLoadWindow(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Sets aside the indexes and constraints of {@code tables}; the foreign keys of
	 * {@code foreignKeysOnly} (tables that keep their indexes, e.g. for an upsert) too.
	 */
	public static BulkLoadWindow open(JdbcClient jdbc, List<String> tables, List<String> foreignKeysOnly) {
		BulkLoadWindow window = new BulkLoadWindow(jdbc);
		List<String> withForeignKeys = new ArrayList<>(tables);
		withForeignKeys.addAll(foreignKeysOnly);
		List<String> indexes = new ArrayList<>();
		List<String> constraints = new ArrayList<>();
		List<String> foreignKeyDefinitions = new ArrayList<>();
		// foreign keys first: a unique constraint below may be what one of them references
		jdbc.sql("""
				select c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) from pg_constraint c
				where c.conrelid = any (cast(:tables as regclass[])) and c.contype = 'f' order by 1, 2""")
			.param("tables", array(withForeignKeys))
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) }).list()
			.forEach(f -> {
				window.drop("alter table " + f[0] + " drop constraint " + quoted(f[1]));
				foreignKeyDefinitions.add("alter table " + f[0] + " add constraint " + quoted(f[1]) + " " + f[2]);
			});
		// unique and exclusion constraints, unless a foreign key elsewhere relies on their index
		jdbc.sql("""
				select c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) from pg_constraint c
				where c.conrelid = any (cast(:tables as regclass[])) and c.contype in ('u', 'x')
				    and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = c.conindid
				        and f.conrelid <> all (cast(:tables as regclass[])))
				order by 1, 2""").param("tables", array(tables))
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) }).list()
			.forEach(c -> {
				window.drop("alter table " + c[0] + " drop constraint " + quoted(c[1]));
				constraints.add("alter table " + c[0] + " add constraint " + quoted(c[1]) + " " + c[2]);
			});
		// plain indexes (no constraint owns them), with their exact definitions
		jdbc.sql("""
				select i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) from pg_index i
				where i.indrelid = any (cast(:tables as regclass[]))
				    and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
				order by 1""").param("tables", array(tables))
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) }).list()
			.forEach(i -> {
				window.drop("drop index " + i[0]);
				// a partitioned table's index is defined "ON ONLY" the parent; made again, it must reach every partition
				indexes.add(i[1].replaceFirst(" ON ONLY ", " ON "));
			});
		window.restore.addAll(indexes);
		window.restore.addAll(constraints);
		window.restore.addAll(foreignKeyDefinitions);
		return window;
	}

	/**
	 * Makes again what was set aside: a duplicate or a dangling reference fails here. Not called
	 * after a failed load: the caller's rollback brings everything back.
	 */
	public void restore() {
		if (restored) {
			return;
		}
		restored = true;
		// sorted index builds in memory rather than on disk, for this transaction only
		String memory = jdbc.sql("select current_setting('maintenance_work_mem')").query(String.class).single();
		jdbc.sql("select set_config('maintenance_work_mem', '512MB', true)").query(String.class).single();
		for (String statement : restore) {
			jdbc.sql(statement).update();
		}
		jdbc.sql("select set_config('maintenance_work_mem', :value, true)").param("value", memory)
			.query(String.class).single();
	}

	private void drop(String statement) {
		jdbc.sql(statement).update();
	}

	private static String array(List<String> tables) {
		return "{" + String.join(",", tables) + "}";
	}

	private static String quoted(String name) {
		return "\"" + name.replace("\"", "\"\"") + "\"";
	}
}

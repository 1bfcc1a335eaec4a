package org.wenming.demo;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The bookkeeping every part does on its own tables (a part passes only tables its module owns): ids
 * taken from {@code max(id) + 1} rather than the sequence, so a rolled-back run leaves every sequence
 * alone, and the sequences moved past them once the rows are written.
 */
public final class DemoTables {

	private DemoTables() {
	}

	/** The first free id of a table (the run holds a lock that keeps it free). */
	public static long nextId(JdbcClient jdbc, String table) {
		return jdbc.sql("select coalesce(max(id), 0) + 1 from " + table).query(Long.class).single();
	}

	/**
	 * The application goes on inserting with these sequences: past every id taken (never backwards).
	 * Call it through {@link DemoCityRun#atEnd}: a sequence is never rolled back.
	 */
	public static void moveSequencesPast(JdbcClient jdbc, List<String> tables) {
		for (String table : tables) {
			jdbc.sql("select setval(pg_get_serial_sequence(:table, 'id'), greatest(pg_sequence_last_value("
					+ "cast(pg_get_serial_sequence(:table, 'id') as regclass)), (select max(id) from " + table + "), 1))")
					.param("table", table).query((rs, n) -> 1).list();
		}
	}

	/** Planner statistics for the rows just written. */
	public static void analyze(JdbcClient jdbc, List<String> tables) {
		for (String table : tables) {
			jdbc.sql("analyze " + table).update();
		}
	}
}

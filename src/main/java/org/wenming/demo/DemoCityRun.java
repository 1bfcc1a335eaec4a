package org.wenming.demo;

import java.util.List;
import java.util.SplittableRandom;

import org.wenming.platform.BulkLoadWindow;

/**
 * One run of the demo city, as a part sees it: the plan, progress and row counting, the digest, the
 * deterministic random streams, the bulk-load window and the facts earlier parts left for later ones.
 * Everything a part does happens in the run's one transaction.
 */
public interface DemoCityRun {

	DemoPlan plan();

	default DemoScale scale() {
		return plan().scale();
	}

	/**
	 * One random stream per name, split from the seed: a change in one step's draws does not move
	 * another step's rows.
	 */
	SplittableRandom random(String name);

	/** Runs a step, reports its time, then lets a test fail the run after it. */
	void step(String name, Runnable body);

	/** A line of progress. */
	void progress(String line);

	/** Counts rows written to a table since {@code startNanos}, and reports them with their rate. */
	void counted(String table, long count, long startNanos);

	/** Streams rows into one of the part's own tables through COPY; every value goes into the digest. */
	CopyRows copy(String table, List<String> columns);

	/** Adds to the run's digest what a part wrote another way (ids of rows updated, a chain's head). */
	void digest(byte[] bytes);

	/** Sets aside the indexes and constraints of the part's own tables for a bulk load. */
	BulkLoadWindow bulkLoadWindow(List<String> tables, List<String> foreignKeysOnly);

	/**
	 * Runs {@code work} in the run's last step, after every part has loaded: what must not happen
	 * unless the whole city is written, such as moving a sequence (PostgreSQL never rolls a sequence
	 * back, so a run that fails earlier leaves every sequence as it was).
	 */
	void atEnd(Runnable work);

	/** What the figures report: parts tell what they generated. */
	DemoTally tally();

	/** Leaves a fact for later parts, one per type. */
	<T> void put(Class<T> type, T fact);

	/**
	 * A fact an earlier part left.
	 *
	 * @throws IllegalStateException when no part left it (a part runs before the one it needs)
	 */
	<T> T get(Class<T> type);
}

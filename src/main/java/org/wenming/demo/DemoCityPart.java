package org.wenming.demo;

/**
 * A module's part of the demo city: it loads the module's own tables and nothing else. Parts are
 * Spring beans in their modules (a {@code demo} sub-package kept internal); {@link DemoCity} runs them
 * by {@link #order()} in one transaction. What a later part needs from an earlier one passes as a
 * typed fact through {@link DemoCityRun#put}, never by SQL on the earlier module's tables.
 *
 * <p>A new module adds a bean implementing this interface in its own folder, with an order after the
 * parts whose facts it reads. The orders used so far: region 100, casework's responsible units 150,
 * teams 200, volunteers 300, activities 400, ledger 500, casework's cases 600, the assessment's sample
 * framework 610, insight 700, the demo volunteer's login 800.
 */
public interface DemoCityPart {

	/** Where the part runs: lower first. Also the order of the rows in the run's digest. */
	int order();

	/**
	 * Before anything is written: refuse the database ({@link DemoRefusedException}), lock the
	 * part's tables, read what the part and later parts need. Every part prepares before any loads.
	 */
	default void prepare(DemoCityRun run) {
	}

	/**
	 * Whether the module holds none of the data a first start would fill (the server generates a city
	 * at its first start only when every part says so). Read outside any run.
	 */
	default boolean isEmpty() {
		return true;
	}

	/** Writes the part's rows, through {@link DemoCityRun#step} so progress and failures are per step. */
	void load(DemoCityRun run);
}

package org.wenming.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.demo.internal.CityConductor;
import org.wenming.platform.BulkLoadFinished;
import org.wenming.shared.CityTime;

/**
 * The demo city (演示城市): generates the Zhaoqing scenario at a scale, all of it in one transaction,
 * so a failed or interrupted run leaves the database exactly as it was.
 */
@Service
public class DemoCity {

	/** The seed used when none is given (the first start, the command without --seed). */
	public static final long DEFAULT_SEED = 4412;

	/** As-of days before this are refused: the working calendar and the scenario's history start later. */
	static final LocalDate EARLIEST_AS_OF = LocalDate.of(2016, 1, 1);

	private final CityConductor conductor;

	private final TransactionTemplate transaction;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	DemoCity(CityConductor conductor, PlatformTransactionManager transactions, JdbcClient jdbc, Clock clock,
			ApplicationEventPublisher events) {
		this.conductor = conductor;
		this.transaction = new TransactionTemplate(transactions);
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * Generates a city as of today (in the city's time zone).
	 *
	 * @param alongsideExisting generate even though the database holds volunteers (a rehearsal copy, tests)
	 * @param progress told what is done, a line at a time
	 * @throws DemoRefusedException when the parameters or the database do not allow it; nothing changed
	 */
	public DemoFigures generate(DemoScale scale, long seed, boolean alongsideExisting, Consumer<String> progress) {
		return generate(scale, seed, LocalDate.now(clock.withZone(CityTime.ZONE)), alongsideExisting, progress, step -> {
		});
	}

	/** The same, as of a given day (the scenario's dates move with it; the figures do not). */
	public DemoFigures generate(DemoScale scale, long seed, LocalDate asOf, boolean alongsideExisting,
			Consumer<String> progress) {
		return generate(scale, seed, asOf, alongsideExisting, progress, step -> {
		});
	}

	/**
	 * Another city's worth of data (its own division codes) into the same database, as of a given day:
	 * load for a province-scale database; the installation still serves its own city.
	 *
	 * @param asOf null for today in the city
	 * @param cityCode a city's 4-digit division code; null for the installation's own city
	 */
	public DemoFigures generate(DemoScale scale, long seed, LocalDate asOf, boolean alongsideExisting, String cityCode,
			Consumer<String> progress) {
		return generate(scale, seed, asOf == null ? LocalDate.now(clock.withZone(CityTime.ZONE)) : asOf,
				alongsideExisting, cityCode, progress, step -> {
		});
	}

	DemoFigures generate(DemoScale scale, long seed, LocalDate asOf, boolean alongsideExisting,
			Consumer<String> progress, Consumer<String> afterStep) {
		return generate(scale, seed, asOf, alongsideExisting, null, progress, afterStep);
	}

	DemoFigures generate(DemoScale scale, long seed, LocalDate asOf, boolean alongsideExisting, String cityCode,
			Consumer<String> progress, Consumer<String> afterStep) {
		if (cityCode != null && !cityCode.matches("\\d{4}")) {
			throw new DemoRefusedException("city", "demo.refused.city", cityCode);
		}
		if (scale == null) {
			throw new DemoRefusedException("scale", "demo.refused.scale", "");
		}
		if (seed < 0) {
			throw new DemoRefusedException("seed", "demo.refused.seed", seed);
		}
		LocalDate today = LocalDate.now(clock.withZone(CityTime.ZONE));
		if (asOf == null || asOf.isAfter(today) || asOf.isBefore(EARLIEST_AS_OF)) {
			throw new DemoRefusedException("asOf", "demo.refused.asOf", String.valueOf(asOf));
		}
		DemoPlan plan = new DemoPlan(scale, seed, asOf, alongsideExisting, cityCode);
		// the rows went in by COPY, without the owners' per-row events: whatever derives from them refills after the commit
		return transaction.execute(status -> {
			DemoFigures figures = conductor.generate(plan, progress, afterStep);
			events.publishEvent(new BulkLoadFinished("demo-city"));
			return figures;
		});
	}

	/** Whether the database is one the first start fills: no demo city and no volunteers yet. */
	public boolean isEmpty() {
		return conductor.isEmpty();
	}

	/** The first generated city's run, if there is one (further cities' runs follow it, one per city). */
	public Optional<DemoRun> run() {
		return jdbc.sql("select scale, seed, as_of, finished_at, volunteers, records, hours, digest from demo_run order by id limit 1")
				.query((rs, n) -> new DemoRun(DemoScale.valueOf(rs.getString(1)), rs.getLong(2),
						rs.getObject(3, LocalDate.class), rs.getObject(4, java.time.OffsetDateTime.class), rs.getInt(5),
						rs.getLong(6), rs.getBigDecimal(7), rs.getString(8)))
				.optional();
	}

	/** A generated city, as recorded in {@code demo_run}. */
	public record DemoRun(DemoScale scale, long seed, LocalDate asOf, java.time.OffsetDateTime finishedAt,
			int volunteers, long records, java.math.BigDecimal hours, String digest) {
	}
}

package org.wenming.servicedesk.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

/**
 * The maintained cells (V50) against a recount: random transitions of every kind (placing, accept, pass
 * up to another site, dispatch, hand back, escalation, serve, rate, a rating changed or removed, unrated,
 * decline, cancel, an order deleted) leave {@link StatisticsCells#check()} empty, folded or not, and the
 * report from the cells equals the one counted from the orders for the city, two counties, a year and
 * months; many threads moving orders of one village and category at once, with folds racing them, lose
 * nothing. Orders are received in 2013 (no other test uses that year).
 */
@WenmingTest
class ServiceDeskStatisticsCellsTest {

	static final String[] CATEGORIES = { "HOME_VISIT", "SMALL_REPAIR", "HEALTH" };

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	ContactSeal seal;

	@Autowired
	StatisticsCells cells;

	@Autowired
	ServiceDeskStatistics statistics;

	@Autowired
	TransactionTemplate transactions;

	private static java.time.OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** One random step of an order's life, as the desk's code would write it (or a plain-SQL change). */
	private void step(long order, Random random, List<Long> sites) {
		var row = jdbc.sql("select status, received_at from service_order where id = :id for update").param("id", order)
			.query((rs, n) -> new Object[] { rs.getString(1), rs.getTimestamp(2).toInstant() }).optional().orElse(null);
		if (row == null) {
			return;
		}
		String status = (String) row[0];
		// a step within 4,000 minutes of receipt, on a whole minute (times across the buckets' widths)
		Instant now = ((Instant) row[1]).plus(Duration.ofMinutes(random.nextInt(4_000)));
		int dice = random.nextInt(10);
		switch (status) {
			case "RECEIVED", "PASSED_UP", "HANDED_BACK" -> {
				switch (dice) {
					case 0, 1, 2 -> update(order, "status = 'ACCEPTED', accepted_at = coalesce(accepted_at, :at)", now);
					case 3, 4 -> update(order, "status = 'DISPATCHED', dispatched_at = :at", now);
					case 5 -> jdbc.sql("update service_order set status = 'PASSED_UP', site_id = :site where id = :id")
						.param("site", sites.get(random.nextInt(sites.size()))).param("id", order).update();
					case 6 -> update(order, "status = 'DECLINED', closed_at = :at", now);
					case 7 -> update(order, "status = 'CANCELLED', closed_at = :at", now);
					case 8 -> update(order, "escalation_level = escalation_level + 1", now);
					default -> update(order, "received_at = received_at + interval '1 hour'", now);
				}
			}
			case "ACCEPTED" -> update(order, dice < 8 ? "status = 'DISPATCHED', dispatched_at = :at"
					: "status = 'CANCELLED', closed_at = :at", now);
			case "DISPATCHED" -> update(order, dice < 3 ? "status = 'HANDED_BACK', team_id = null"
					: "status = 'SERVED', served_at = :at", now);
			case "SERVED" -> {
				if (dice < 7) {
					jdbc.sql("insert into service_rating (order_id, stars, rated_at) values (:id, :stars, :at)")
						.param("id", order).param("stars", 1 + random.nextInt(5)).param("at", at(now)).update();
					update(order, "status = 'RATED', closed_at = :at", now);
				}
				else {
					update(order, "status = 'UNRATED', closed_at = :at", now);
				}
			}
			case "RATED" -> {
				if (dice < 3) {
					jdbc.sql("update service_rating set stars = :stars where order_id = :id")
						.param("stars", 1 + random.nextInt(5)).param("id", order).update();
				}
				else if (dice == 3) {
					jdbc.sql("delete from service_rating where order_id = :id").param("id", order).update();
				}
				else if (dice == 4) {
					jdbc.sql("delete from service_rating where order_id = :id").param("id", order).update();
					jdbc.sql("delete from service_order_event where order_id = :id").param("id", order).update();
					jdbc.sql("delete from service_order where id = :id").param("id", order).update();
				}
			}
			default -> {
				if (dice == 0) {
					update(order, "category = 'HEALTH'", now);
				}
			}
		}
	}

	private void update(long order, String set, Instant at) {
		var sql = jdbc.sql("update service_order set " + set + " where id = :id").param("id", order);
		if (set.contains(":at")) {
			sql = sql.param("at", at(at));
		}
		sql.update();
	}

	private List<Long> place(StatisticsFixtures fx, String village, long site, int count, Random random) {
		List<Long> orders = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Instant received = Instant.parse("2013-01-01T00:00:00Z").plus(Duration.ofHours(random.nextInt(24 * 360)));
			orders.add(fx.order(village, site, CATEGORIES[random.nextInt(CATEGORIES.length)], "RECEIVED", received, null,
					null, null, null));
		}
		return orders;
	}

	private void assertCellsEqualARecount() {
		assertThat(cells.check()).isEmpty();
		List<Region> views = List.of(regions.find("4412").orElseThrow(), regions.find("441202").orElseThrow(),
				regions.find("441203").orElseThrow());
		List<StatisticsQuery> queries = new ArrayList<>();
		for (Region region : views) {
			queries.add(new StatisticsQuery(region, LocalDate.of(2013, 1, 1), LocalDate.of(2013, 12, 31)));
			queries.add(new StatisticsQuery(region, LocalDate.of(2013, 3, 1), LocalDate.of(2013, 3, 31)));
			queries.add(new StatisticsQuery(region, LocalDate.of(2013, 2, 1), LocalDate.of(2013, 7, 31)));
		}
		for (StatisticsQuery query : queries) {
			assertThat(StatisticsCells.periods(query)).as("read from the cells").isNotNull();
			// a report this node may have kept (these few sites are all under 1,000 lines), and one never kept
			ServiceDeskStatistics.Report fromCells = statistics.report(query, Locale.ROOT, true, 1_000);
			ServiceDeskStatistics.Report allSites = statistics.report(query, Locale.ROOT, true, ServiceDeskStatistics.ALL_SITES);
			assertThat(allSites.bySite()).as(query.toString()).isEqualTo(fromCells.bySite());
			assertThat(allSites.total()).as(query.toString()).isEqualTo(fromCells.total());
			ServiceDeskStatistics.Report recounted = statistics.recount(query, Locale.ROOT, true, ServiceDeskStatistics.ALL_SITES);
			assertThat(counts(fromCells.total())).as(query.toString()).isEqualTo(counts(recounted.total()));
			// the stage times: percentile_cont over the orders' bucket starts exactly, and within an hour (the
			// widest bucket these steps reach, all under 67 hours) and the rounding of the exact figure
			ServiceFigures.Stage[] exact = bucketed(query);
			assertThat(fromCells.total().acceptHours()).as(query.toString()).isEqualTo(exact[0]);
			assertThat(fromCells.total().serveHours()).as(query.toString()).isEqualTo(exact[1]);
			assertThat(fromCells.total().totalHours()).as(query.toString()).isEqualTo(exact[2]);
			assertWithinResolution(fromCells.total().acceptHours(), recounted.total().acceptHours());
			assertWithinResolution(fromCells.total().serveHours(), recounted.total().serveHours());
			assertWithinResolution(fromCells.total().totalHours(), recounted.total().totalHours());
			assertThat(fromCells.byCategory()).as(query.toString()).isEqualTo(recounted.byCategory());
			assertThat(fromCells.bySite()).as(query.toString()).isEqualTo(recounted.bySite());
			assertThat(fromCells.sitesTotal()).as(query.toString()).isEqualTo(recounted.bySite().size());
			// bounded in the database: the same first lines, in the same order, and the same total
			ServiceDeskStatistics.Report firstTwo = statistics.report(query, Locale.ROOT, false, 2);
			assertThat(firstTwo.bySite()).as(query.toString()).isEqualTo(recounted.bySite().subList(0, Math.min(2, recounted.bySite().size())));
			assertThat(firstTwo.sitesTotal()).as(query.toString()).isEqualTo(recounted.bySite().size());
			assertThat(fromCells.byCounty()).as(query.toString()).isEqualTo(recounted.byCounty());
			assertThat(fromCells.byMonth()).as(query.toString()).isEqualTo(recounted.byMonth());
		}
	}

	private static ServiceFigures counts(ServiceFigures f) {
		return new ServiceFigures(f.orders(), f.dispatched(), f.served(), f.rated(), f.unrated(), f.satisfied(),
				f.starsSum(), f.declined(), f.cancelled(), ServiceFigures.Stage.NONE, ServiceFigures.Stage.NONE,
				ServiceFigures.Stage.NONE);
	}

	/** The stage times by percentile_cont over the bucket starts of the query's orders, in SQL. */
	private ServiceFigures.Stage[] bucketed(StatisticsQuery query) {
		ServiceFigures.Stage[] stages = new ServiceFigures.Stage[3];
		jdbc.sql("""
				select percentile_cont(array[0.5, 0.9]) within group (order by f.accept_s) filter (where f.accept_s is not null),
				    percentile_cont(array[0.5, 0.9]) within group (order by f.serve_s) filter (where f.serve_s is not null),
				    percentile_cont(array[0.5, 0.9]) within group (order by f.total_s) filter (where f.total_s is not null)
				from service_order o left join service_rating r on r.order_id = o.id
				cross join lateral service_stat_facts(o, r.stars) f
				where o.region_path >= :lower and o.region_path < :upper and o.received_at >= :start and o.received_at < :end""")
			.param("lower", query.region().scope().lower()).param("upper", query.region().scope().upper())
			.param("start", java.sql.Timestamp.from(query.start())).param("end", java.sql.Timestamp.from(query.end()))
			.query((java.sql.ResultSet rs) -> {
				for (int i = 0; i < 3; i++) {
					java.sql.Array array = rs.getArray(i + 1);
					Object[] values = array == null ? null : (Object[]) array.getArray();
					stages[i] = values == null || values[0] == null ? ServiceFigures.Stage.NONE
							: new ServiceFigures.Stage(hours(((Number) values[0]).doubleValue()), hours(((Number) values[1]).doubleValue()));
				}
			});
		return stages;
	}

	private static java.math.BigDecimal hours(double seconds) {
		return java.math.BigDecimal.valueOf(seconds).divide(java.math.BigDecimal.valueOf(3600), 1, java.math.RoundingMode.HALF_UP);
	}

	/**
	 * A median or p90 from the histogram against the exact one: within the widest bucket the values reach
	 * (an hour: every step here is within 67 hours of the receipt) and the rounding to 0.1 hour.
	 */
	private static void assertWithinResolution(ServiceFigures.Stage cells, ServiceFigures.Stage exact) {
		assertThat(cells.median() == null).isEqualTo(exact.median() == null);
		if (exact.median() == null) {
			return;
		}
		for (java.math.BigDecimal[] pair : List.of(new java.math.BigDecimal[] { cells.median(), exact.median() },
				new java.math.BigDecimal[] { cells.p90(), exact.p90() })) {
			assertThat(pair[0].doubleValue()).as("%s vs %s", pair[0], pair[1])
				.isCloseTo(pair[1].doubleValue(), org.assertj.core.data.Offset.offset(1.1 + 1e-9));
		}
	}

	@Test
	void randomTransitionsKeepTheCellsEqualToARecount() {
		StatisticsFixtures fx = new StatisticsFixtures(jdbc, regions, seal);
		Random random = new Random(20131);
		String zhuanzhou = "441202001002";
		String dinghu = fx.village("441203");
		List<Long> sites = jdbc.sql("select id from practice_site order by id limit 5").query(Long.class).list();
		List<Long> orders = new ArrayList<>(place(fx, zhuanzhou, fx.site(zhuanzhou), 60, random));
		orders.addAll(place(fx, dinghu, fx.site(dinghu), 40, random));
		assertCellsEqualARecount();
		for (int round = 0; round < 6; round++) {
			for (long order : orders) {
				// a step in its own transaction, some rolled back: a rolled-back step counts nothing
				boolean rollBack = random.nextInt(8) == 0;
				transactions.executeWithoutResult(tx -> {
					step(order, random, sites);
					if (rollBack) {
						tx.setRollbackOnly();
					}
				});
			}
			if (round % 2 == 0) {
				cells.fold();
			}
			assertCellsEqualARecount();
		}
		cells.fold();
		assertCellsEqualARecount();
		// the stage times are those of percentile_cont over the buckets: here on whole minutes, so exact
		// below 2 hours; the rebuild gives the same cells
		assertThat(cells.rebuild()).isPositive();
		assertCellsEqualARecount();
	}

	@Test
	void threadsMovingOrdersOfOneCellAtOnceLoseNothing() throws Exception {
		StatisticsFixtures fx = new StatisticsFixtures(jdbc, regions, seal);
		String village = "441202001002";
		long site = fx.site(village);
		List<Long> sites = List.of(site);
		List<Long> orders = new ArrayList<>();
		for (int i = 0; i < 48; i++) {
			orders.add(fx.order(village, site, "HOME_VISIT", "RECEIVED", Instant.parse("2013-09-09T02:00:00Z"), null, null,
					null, null));
		}
		int threads = 8;
		ExecutorService pool = Executors.newFixedThreadPool(threads + 2);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				List<Long> mine = orders.subList(t * 6, t * 6 + 6);
				Random random = new Random(t);
				futures.add(pool.submit(() -> {
					start.await();
					for (int round = 0; round < 8; round++) {
						for (long order : mine) {
							transactions.executeWithoutResult(tx -> step(order, random, sites));
						}
					}
					return null;
				}));
			}
			futures.add(pool.submit(() -> {
				start.await();
				for (int i = 0; i < 10; i++) {
					cells.fold();
					Thread.sleep(20);
				}
				return null;
			}));
			// readers keep reports of the states in between: none may be answered once the orders moved on
			Region city = regions.find("4412").orElseThrow();
			futures.add(pool.submit(() -> {
				start.await();
				for (int i = 0; i < 40; i++) {
					statistics.report(new StatisticsQuery(city, LocalDate.of(2013, 1, 1), LocalDate.of(2013, 12, 31)),
							Locale.ROOT, i % 2 == 0, 1_000);
					statistics.report(new StatisticsQuery(city, LocalDate.of(2013, 9, 1), LocalDate.of(2013, 9, 30)),
							Locale.ROOT, true, 2);
				}
				return null;
			}));
			start.countDown();
			for (Future<?> f : futures) {
				f.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertCellsEqualARecount();
		cells.fold();
		assertCellsEqualARecount();
	}

	@Test
	void aKeptReportIsAnsweredOnlyWhileTheVersionHolds() {
		StatisticsFixtures fx = new StatisticsFixtures(jdbc, regions, seal);
		String village = "441202001002";
		long site = fx.site(village);
		StatisticsQuery year = new StatisticsQuery(regions.find("4412").orElseThrow(), LocalDate.of(2013, 1, 1),
				LocalDate.of(2013, 12, 31));
		cells.fold();
		ServiceDeskStatistics.Report first = statistics.report(year, Locale.ROOT, true, 100);
		long kept = statistics.keptAnswers();
		ServiceDeskStatistics.Report again = statistics.report(year, Locale.ROOT, true, 100);
		assertThat(statistics.keptAnswers()).as("nothing changed: the kept report answers").isEqualTo(kept + 1);
		assertThat(again.total()).isEqualTo(first.total());
		assertThat(again.bySite()).isEqualTo(first.bySite());
		assertThat(again.asOf()).isAfterOrEqualTo(first.asOf());

		// an order placed (a delta not yet folded): counted at once
		fx.order(village, site, "HOME_VISIT", "RECEIVED", Instant.parse("2013-05-05T02:00:00Z"), null, null, null, null);
		ServiceDeskStatistics.Report placed = statistics.report(year, Locale.ROOT, true, 100);
		assertThat(statistics.keptAnswers()).isEqualTo(kept + 1);
		assertThat(placed.total().orders()).isEqualTo(first.total().orders() + 1);

		// folded: the cells changed and the deltas went, the figures are the same; then kept again
		assertThat(cells.fold()).isPositive();
		ServiceDeskStatistics.Report folded = statistics.report(year, Locale.ROOT, true, 100);
		assertThat(statistics.keptAnswers()).isEqualTo(kept + 1);
		assertThat(folded.total()).isEqualTo(placed.total());
		statistics.report(year, Locale.ROOT, true, 100);
		assertThat(statistics.keptAnswers()).isEqualTo(kept + 2);

		// a fold with nothing to move keeps the version; a rebuild moves it on
		assertThat(cells.fold()).isZero();
		statistics.report(year, Locale.ROOT, true, 100);
		assertThat(statistics.keptAnswers()).isEqualTo(kept + 3);
		cells.rebuild();
		ServiceDeskStatistics.Report rebuilt = statistics.report(year, Locale.ROOT, true, 100);
		assertThat(statistics.keptAnswers()).isEqualTo(kept + 3);
		assertThat(rebuilt.total()).isEqualTo(placed.total());

		// the cells changed behind the application's back (not by an order): a kept report would be wrong,
		// and is not answered once the fold's generation moves
		jdbc.sql("update service_stat_generation set n = n + 1").update();
		statistics.report(year, Locale.ROOT, true, 100);
		assertThat(statistics.keptAnswers()).isEqualTo(kept + 3);
	}
}

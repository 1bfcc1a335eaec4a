package org.wenming.casework.statistics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.platform.ReplicaReads;
import org.wenming.region.Region;
import org.wenming.region.RegionProperties;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The red/black lists (红黑榜) of districts and of responsible units: computed from the statistics
 * of a period, scored by {@link RankingScore}, and stored with their figures so that a published
 * list stays as it was published. Published by the schedule (the week before, once per week
 * whatever the number of instances) or by staff on demand.
 */
@Service
@EnableConfigurationProperties(RankingProperties.class)
public class CaseRankings {

	private static final Logger log = LoggerFactory.getLogger(CaseRankings.class);

	private final JdbcClient jdbc;

	private final JdbcClient replica;

	private final TransactionTemplate transactions;

	private final CaseStatistics statistics;

	private final Regions regions;

	private final RankingProperties properties;

	private final Clock clock;

	private final String cityCode;

	CaseRankings(JdbcClient jdbc, @ReplicaReads JdbcClient replica, TransactionTemplate transactions, CaseStatistics statistics, Regions regions,
			RankingProperties properties, Clock clock, RegionProperties region) {
		this.jdbc = jdbc;
		this.replica = replica;
		this.transactions = transactions;
		this.statistics = statistics;
		this.regions = regions;
		this.properties = properties;
		this.clock = clock;
		this.cityCode = region.city();
	}

	/** The week before this one (Monday to Sunday, Asia/Shanghai): what the schedule publishes. */
	public LocalDate[] lastWeek() {
		LocalDate monday = clock.instant().atZone(CityTime.ZONE).toLocalDate()
			.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
		return new LocalDate[] { monday, monday.plusDays(6) };
	}

	// one node a week; the list of a period is published once anyway (publishScheduled), the lock saves the
	// second node computing the statistics; 30 minutes at most for a city's report, should its node die
	@Scheduled(cron = "${wenming.casework.statistics.ranking-cron:0 0 8 * * MON}", zone = "Asia/Shanghai")
	@SchedulerLock(name = "case-rankings", lockAtMostFor = "30m", lockAtLeastFor = "5m")
	void onSchedule() {
		LocalDate[] week = lastWeek();
		publishScheduled(week[0], week[1])
			.ifPresent(id -> log.info("Published red/black list {} for {} to {}", id, week[0], week[1]));
	}

	/** The schedule's list for a period, unless it is published already (then empty). */
	public Optional<Long> publishScheduled(LocalDate from, LocalDate to) {
		return publish(from, to, "SCHEDULE", "system");
	}

	/** A list published by a member of staff now, for the period they chose. */
	public long publishNow(LocalDate from, LocalDate to, String username) {
		return publish(from, to, "STAFF", username).orElseThrow();
	}

	private Optional<Long> publish(LocalDate from, LocalDate to, String trigger, String by) {
		Region city = regions.find(cityCode).orElseThrow(() -> new IllegalStateException("no city " + cityCode));
		CaseStatistics.Report report = statistics.reportFromPrimary(new StatisticsQuery(city, null, null, from, to, "range"));
		int size = properties.rankingSize();
		RankingScore.Lists districts = RankingScore.lists(report.byRegion().stream()
			.filter(l -> l.kind() == CaseStatistics.Kind.REGION || l.kind() == CaseStatistics.Kind.REGION_LEAF)
			.toList(), size);
		RankingScore.Lists units = RankingScore.lists(
				report.byUnit().stream().filter(l -> l.kind() == CaseStatistics.Kind.UNIT).toList(), size);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		return transactions.execute(tx -> {
			Optional<Long> id = jdbc.sql("""
					insert into case_ranking_run (period_from, period_to, trigger, run_by, run_at, list_size)
					values (:from, :to, :trigger, :by, :at, :size)
					on conflict (period_from, period_to) where trigger = 'SCHEDULE' do nothing returning id""")
				.param("from", from).param("to", to).param("trigger", trigger).param("by", by)
				.param("at", Timestamp.from(now)).param("size", size).query(Long.class).optional();
			id.ifPresent(run -> {
				store(run, "DISTRICT", "RED", districts.red());
				store(run, "DISTRICT", "BLACK", districts.black());
				store(run, "UNIT", "RED", units.red());
				store(run, "UNIT", "BLACK", units.black());
			});
			return id;
		});
	}

	private void store(long run, String board, String list, List<RankingScore.Scored> entries) {
		int position = 1;
		for (RankingScore.Scored s : entries) {
			Figures f = s.line().figures();
			jdbc.sql("""
					insert into case_ranking_entry (run_id, board, list, position, subject_key, subject_name, found,
					    closed, due, closed_on_time, overdue_now, completion_rate, on_time_rate, score)
					values (:run, :board, :list, :position, :key, :name, :found, :closed, :due, :onTime, :overdue,
					    :completion, :onTimeRate, :score)""")
				.param("run", run).param("board", board).param("list", list).param("position", position++)
				.param("key", s.line().key()).param("name", s.line().name()).param("found", f.found())
				.param("closed", f.closed()).param("due", f.due()).param("onTime", f.closedOnTime())
				.param("overdue", f.overdueNow()).param("completion", f.completionRate())
				.param("onTimeRate", f.onTimeRate()).param("score", s.score()).update();
		}
	}

	/** The ranking page's latest run, lag-tolerant; a run is then read whole from the primary ({@link #find}). */
	public Optional<Ranking> latest() {
		return replica.sql("select id from case_ranking_run order by run_at desc, id desc limit 1").query(Long.class)
			.optional().flatMap(this::find);
	}

	/** The most recent runs, newest first. */
	public List<Ranking.Summary> recent(int limit) {
		return replica.sql("select * from case_ranking_run order by run_at desc, id desc limit :limit")
			.param("limit", limit)
			.query((rs, n) -> new Ranking.Summary(rs.getLong("id"), rs.getObject("period_from", LocalDate.class),
					rs.getObject("period_to", LocalDate.class), rs.getString("trigger"), time(rs, "run_at")))
			.list();
	}

	public Optional<Ranking> find(long id) {
		return jdbc.sql("select * from case_ranking_run where id = :id").param("id", id).query((rs, n) -> {
			List<List<Ranking.Entry>> lists = new ArrayList<>();
			for (String board : List.of("DISTRICT", "UNIT")) {
				for (String list : List.of("RED", "BLACK")) {
					lists.add(entries(id, board, list));
				}
			}
			return new Ranking(id, rs.getObject("period_from", LocalDate.class),
					rs.getObject("period_to", LocalDate.class), rs.getString("trigger"),
					time(rs, "run_at"), rs.getInt("list_size"), lists.get(0), lists.get(1), lists.get(2), lists.get(3));
		}).optional();
	}

	private List<Ranking.Entry> entries(long run, String board, String list) {
		return jdbc.sql("""
				select * from case_ranking_entry where run_id = :run and board = :board and list = :list
				order by position""").param("run", run).param("board", board).param("list", list)
			.query((rs, n) -> new Ranking.Entry(rs.getInt("position"), rs.getString("subject_key"),
					rs.getString("subject_name"), rs.getLong("found"), rs.getLong("closed"), rs.getLong("due"),
					rs.getLong("closed_on_time"), rs.getLong("overdue_now"), rs.getBigDecimal("completion_rate"),
					rs.getBigDecimal("on_time_rate"), rs.getBigDecimal("score")))
			.list();
	}

	private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.atZoneSameInstant(CityTime.ZONE).toOffsetDateTime();
	}
}

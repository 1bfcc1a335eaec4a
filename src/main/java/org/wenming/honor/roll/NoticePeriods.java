package org.wenming.honor.roll;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.honor.HonorCategory;
import org.wenming.honor.vetting.Office;
import org.wenming.honor.vetting.VettingRefusedException;
import org.wenming.region.FieldProblem;
import org.wenming.region.Region;
import org.wenming.region.RegionLevel;
import org.wenming.region.Regions;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopedUser;
import org.springframework.security.access.AccessDeniedException;

/**
 * 公示 (the staff side): the city's office opens a notice period for a quarter with shortlisted nominations
 * whose nominee gave consent ({@code SHORTLISTED → IN_NOTICE}, a {@code honor_notice} and its entries); a
 * timed job closes the periods that ended ({@code IN_NOTICE → REVIEW}, {@code closed_at}). The public notice
 * page, likes, comments and objections are the {@code honor.notice} package's, on the same tables.
 */
@Service
public class NoticePeriods {

	private static final Logger log = LoggerFactory.getLogger(NoticePeriods.class);

	public static final int TITLE_MAX = 200;

	public static final int ENTRIES_MAX = 200;

	private final JdbcClient jdbc;

	private final Regions regions;

	private final NoticeProperties properties;

	private final TransactionTemplate transactions;

	private final Clock clock;

	NoticePeriods(JdbcClient jdbc, Regions regions, NoticeProperties properties, TransactionTemplate transactions,
			Clock clock) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.properties = properties;
		this.transactions = transactions;
		this.clock = clock;
	}

	/** A notice period as staff list it. */
	public record Period(long id, String regionCode, String quarter, String title, Instant startsAt, Instant endsAt,
			Instant closedAt, int entries) {

		public boolean open(Instant now) {
			return closedAt == null && !now.isBefore(startsAt) && now.isBefore(endsAt);
		}
	}

	/** A shortlisted nomination, and whether its nominee consented (only those may be put in a period). */
	public record Candidate(long id, String number, HonorCategory category, String nomineeName, String title,
			String regionName, String quarter, boolean consented) {
	}

	/** The default length of a period, days. */
	public int defaultDays() {
		return properties.days();
	}

	/** The city office's periods in scope, newest first. */
	@Transactional(readOnly = true)
	public List<Period> periods(ScopedUser user) {
		requireCityOffice(user);
		return jdbc.sql("""
				select no.id, no.region_code, no.quarter, no.title, no.starts_at, no.ends_at, no.closed_at,
				    (select count(*) from honor_notice_entry e where e.notice_id = no.id) as entries
				from honor_notice no join published_region r on r.code = no.region_code
				where r.path >= :lower and r.path < :upper
				order by no.starts_at desc, no.id desc limit 100""").param("lower", user.scope().lower())
			.param("upper", user.scope().upper())
			.query((rs, i) -> new Period(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(),
					rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(), rs.getInt(8)))
			.list();
	}

	/** The shortlisted nominations in scope, with whether each has a given consent. */
	@Transactional(readOnly = true)
	public List<Candidate> shortlist(ScopedUser user) {
		requireCityOffice(user);
		return jdbc.sql("""
				select n.id, n.number, n.category, n.nominee_name, n.title, r.name, n.quarter,
				    exists (select 1 from honor_consent c where c.nomination_id = n.id and c.status = 'GIVEN') as consented
				from honor_nomination n join published_region r on r.code = n.region_code
				where n.status = 'SHORTLISTED' and n.region_path >= :lower and n.region_path < :upper
				order by n.quarter desc, n.id limit 500""").param("lower", user.scope().lower())
			.param("upper", user.scope().upper())
			.query((rs, i) -> new Candidate(rs.getLong(1), rs.getString(2), HonorCategory.valueOf(rs.getString(3)),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8)))
			.list();
	}

	/**
	 * Opens a notice period of the city for a quarter with the nominations given.
	 *
	 * @param days null: the setting's default
	 * @return the period's id
	 * @throws VettingRefusedException 400 naming the field ({@code nominationIds[n]} for a nomination that is not
	 *         shortlisted with a given consent); nothing is stored
	 */
	@Transactional
	public long open(String regionCode, String quarter, String title, Instant startsAt, Integer days,
			List<Long> nominationIds, ScopedUser user) {
		requireCityOffice(user);
		List<FieldProblem> problems = new ArrayList<>();
		Region city = regionCode == null ? null : regions.find(regionCode.strip()).orElse(null);
		if (city == null || city.level() != RegionLevel.CITY) {
			problems.add(new FieldProblem("regionCode", "honor.roll.error.city"));
		}
		else if (!user.scope().covers(city.path())) {
			throw new OutOfScopeException("region", city.code());
		}
		if (quarter == null || !quarter.strip().matches("\\d{4}Q[1-4]")) {
			problems.add(new FieldProblem("quarter", "honor.roll.error.quarter"));
		}
		String name = title == null ? "" : title.strip();
		if (name.isEmpty()) {
			problems.add(new FieldProblem("title", "honor.roll.error.titleRequired"));
		}
		else if (name.length() > TITLE_MAX) {
			problems.add(new FieldProblem("title", "honor.roll.error.titleLong"));
		}
		if (startsAt == null) {
			problems.add(new FieldProblem("startsAt", "honor.roll.error.startsAt"));
		}
		int length = days == null ? properties.days() : days;
		if (length < 1 || length > 60) {
			problems.add(new FieldProblem("days", "honor.roll.error.days"));
		}
		Set<Long> ids = ChosenNominations.of(nominationIds, ENTRIES_MAX, problems);
		if (!problems.isEmpty()) {
			throw new VettingRefusedException(VettingRefusedException.Kind.INVALID, problems);
		}
		// every nomination locked, shortlisted, in the city, with a given consent: else named and refused
		int index = 0;
		for (Long id : ids) {
			String field = "nominationIds[" + index++ + "]";
			var row = jdbc.sql("""
					select n.status, n.region_path,
					    exists (select 1 from honor_consent c where c.nomination_id = n.id and c.status = 'GIVEN') as consented
					from honor_nomination n where n.id = :id for update""").param("id", id).query().listOfRows();
			if (row.isEmpty() || !((String) row.get(0).get("region_path")).startsWith(city.path())
					|| !user.scope().covers((String) row.get(0).get("region_path"))) {
				problems.add(new FieldProblem(field, "honor.roll.error.unknownNomination"));
			}
			else if (!"SHORTLISTED".equals(row.get(0).get("status"))) {
				problems.add(new FieldProblem(field, "honor.roll.error.notShortlisted"));
			}
			else if (!Boolean.TRUE.equals(row.get(0).get("consented"))) {
				problems.add(new FieldProblem(field, "honor.roll.error.noConsent"));
			}
		}
		if (!problems.isEmpty()) {
			throw new VettingRefusedException(VettingRefusedException.Kind.INVALID, problems);
		}
		Instant now = clock.instant();
		Instant ends = startsAt.plus(Duration.ofDays(length));
		long notice = jdbc.sql("""
				insert into honor_notice (region_code, quarter, title, starts_at, ends_at, created_by, created_at)
				values (:region, :quarter, :title, :starts, :ends, :by, :now) returning id""")
			.param("region", city.code()).param("quarter", quarter.strip()).param("title", name)
			.param("starts", startsAt.atOffset(ZoneOffset.UTC)).param("ends", ends.atOffset(ZoneOffset.UTC))
			.param("by", user.username()).param("now", now.atOffset(ZoneOffset.UTC)).query(Long.class).single();
		int position = 1;
		for (Long id : ids) {
			jdbc.sql("insert into honor_notice_entry (notice_id, nomination_id, position) values (:notice, :id, :pos)")
				.param("notice", notice).param("id", id).param("pos", position++).update();
			jdbc.sql("""
					update honor_nomination set status = 'IN_NOTICE', updated_at = :now, version = version + 1
					where id = :id""").param("id", id).param("now", now.atOffset(ZoneOffset.UTC)).update();
		}
		return notice;
	}

	@Scheduled(cron = "${wenming.honor.notice.close-cron:0 */10 * * * *}", zone = "Asia/Shanghai")
	@SchedulerLock(name = "honor-notice-close", lockAtMostFor = "10m", lockAtLeastFor = "1m")
	void closeOnSchedule() {
		int closed = closeEnded(clock.instant());
		if (closed > 0) {
			log.info("Closed {} ended honour notice periods", closed);
		}
	}

	/**
	 * Closes every period that ended by {@code now}: its nominations still {@code IN_NOTICE} go to
	 * {@code REVIEW}; each period in its own transaction.
	 *
	 * @return how many periods were closed
	 */
	public int closeEnded(Instant now) {
		List<Long> ended = jdbc.sql("""
				select id from honor_notice where closed_at is null and ends_at <= :now order by ends_at, id limit 500""")
			.param("now", now.atOffset(ZoneOffset.UTC)).query(Long.class).list();
		int closed = 0;
		for (Long id : ended) {
			Boolean done = transactions.execute(status -> {
				Integer locked = jdbc.sql("select 1 from honor_notice where id = :id and closed_at is null for update skip locked")
					.param("id", id).query(Integer.class).optional().orElse(null);
				if (locked == null) {
					return false;
				}
				jdbc.sql("""
						update honor_nomination set status = 'REVIEW', updated_at = :now, version = version + 1
						where status = 'IN_NOTICE' and id in (select nomination_id from honor_notice_entry where notice_id = :id)""")
					.param("id", id).param("now", now.atOffset(ZoneOffset.UTC)).update();
				jdbc.sql("update honor_notice set closed_at = :now where id = :id").param("id", id)
					.param("now", now.atOffset(ZoneOffset.UTC)).update();
				return true;
			});
			if (Boolean.TRUE.equals(done)) {
				closed++;
			}
		}
		return closed;
	}

	static void requireCityOffice(Office office) {
		if (!office.isCity()) {
			throw new AccessDeniedException("the city's office only");
		}
	}

	private void requireCityOffice(ScopedUser user) {
		requireCityOffice(Office.of(user, regions).orElseThrow(() -> new AccessDeniedException("office staff only")));
	}

}

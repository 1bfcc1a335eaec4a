package org.wenming.honor.care;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.honor.Honour;
import org.wenming.platform.Paging;
import org.wenming.region.FieldProblem;
import org.wenming.shared.CityTime;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopedUser;

/**
 * The care register (礼遇帮扶台账): who on the roll received which measure, how much and when, recorded by
 * staff whose scope covers the honoured person's region (copied onto the grant as its scope). Read from the
 * honour tables themselves, not the public view: staff keep looking after someone who withdrew publication
 * consent (and are told so). Never public; personal numbers never shown.
 */
@Service
public class CareGrants {

	/** Rows of the register per page. */
	public static final int PAGE_SIZE = 50;

	public static final int PAGE_SIZE_MAX = 200;

	/** Rows an export holds at most (the register of a city is a few thousand rows a year). */
	public static final int EXPORT_MAX = 20_000;

	private final JdbcClient jdbc;

	private final CareMeasures measures;

	CareGrants(JdbcClient jdbc, CareMeasures measures) {
		this.jdbc = jdbc;
		this.measures = measures;
	}

	/**
	 * The honoured person a roll entry names, as staff see them.
	 *
	 * @param honours every honour of the same nomination on the roll ("CITY_GOOD 2026Q3", ...)
	 * @param consentGiven whether publication consent is given and not withdrawn
	 * @param consentWithdrawn whether the person withdrew it after giving it (and gave none since)
	 */
	public record Honoured(long rollEntryId, long nominationId, String name, Honour honour, String period,
			String regionCode, String regionName, String regionPath, List<Held> honours, boolean consentGiven,
			boolean consentWithdrawn) {
	}

	/** An honour a person holds on the roll, and its period. */
	public record Held(Honour honour, String period) {
	}

	/** One grant of the register. */
	public record Grant(long id, long rollEntryId, String name, Honour honour, String period, String regionName,
			long measureId, String measureName, CareKind kind, BigDecimal amount, LocalDate grantedOn, String note,
			String recordedBy) {
	}

	/** What the register lists: a year, a measure, a county (each may be null). */
	public record Filter(Integer year, Long measureId, String countyCode) {

		public static final Filter NONE = new Filter(null, null, null);
	}

	/** A line of the totals: grants and their sum. */
	public record Total(String key, String name, long grants, BigDecimal amount) {
	}

	/** The register's totals by measure and year, and by county (the city's own people under an empty key). */
	public record Totals(List<Total> byMeasureAndYear, List<Total> byCounty, long grants, BigDecimal amount) {
	}

	/**
	 * Records a grant.
	 *
	 * @param amount in yuan, 2 decimals at most; required for hardship aid, else the measure's default if blank
	 * @param grantedOn an ISO date, not in the future
	 * @throws CareRefusedException naming the fields ({@code rollEntryId} for an entry that is not there or
	 *     lies outside the scope); nothing stored
	 */
	@Transactional
	public Grant grant(long rollEntryId, String measureId, String amount, String grantedOn, String note,
			ScopedUser user) {
		CareMeasures.requireManaging(user);
		List<FieldProblem> problems = new ArrayList<>();
		Optional<Honoured> person = honoured(rollEntryId).filter(h -> user.scope().covers(h.regionPath()));
		if (person.isEmpty()) {
			problems.add(new FieldProblem("rollEntryId", "honor.care.error.entryUnknown"));
		}
		Long mid = CareInputs.id("measureId", measureId, problems, "honor.care.error.measureUnknown");
		CareMeasure measure = null;
		if (mid != null) {
			measure = measures.find(mid).orElse(null);
			if (measure == null || !measure.active() || (person.isPresent() && !measure.covers(person.get().regionPath()))) {
				problems.add(new FieldProblem("measureId", "honor.care.error.measureUnknown"));
				measure = null;
			}
		}
		BigDecimal money = CareInputs.money("amount", amount, problems, "honor.care.error.amount");
		if (measure != null && money == null && problems.stream().noneMatch(p -> p.field().equals("amount"))) {
			if (measure.kind().needsAmount()) {
				problems.add(new FieldProblem("amount", "honor.care.error.amountRequired"));
			}
			else {
				money = measure.defaultAmount();
			}
		}
		LocalDate day = CareInputs.date("grantedOn", grantedOn, problems, "honor.care.error.date");
		if (day != null && (day.isAfter(LocalDate.now(CityTime.ZONE)) || day.getYear() < 1990)) {
			problems.add(new FieldProblem("grantedOn", "honor.care.error.dateFuture"));
		}
		String text = CareInputs.trim(note);
		if (text != null && text.length() > 500) {
			problems.add(new FieldProblem("note", "honor.care.error.note"));
		}
		if (!problems.isEmpty()) {
			throw CareRefusedException.invalid(problems);
		}
		long id = jdbc.sql("""
				insert into honor_care_grant (roll_entry_id, measure_id, region_path, amount, granted_on, note, recorded_by,
				    recorded_at)
				values (:entry, :measure, :path, :amount, :day, :note, :by, :at) returning id""")
				.param("entry", rollEntryId).param("measure", measure.id()).param("path", person.get().regionPath())
				.param("amount", money, Types.NUMERIC).param("day", day).param("note", text, Types.VARCHAR)
				.param("by", user.username()).param("at", java.sql.Timestamp.from(Instant.now()))
				.query(Long.class).single();
		return grants(" and g.id = :id", user, q -> q.param("id", id), 1, 0).get(0);
	}

	/**
	 * The honoured person of a roll entry, with their grants, for a staff member.
	 *
	 * @throws OutOfScopeException when there is no such entry or it lies outside the scope (answered as not found)
	 */
	public Honoured honouredForStaff(long rollEntryId, ScopedUser user) {
		CareMeasures.requireManaging(user);
		return honoured(rollEntryId).filter(h -> user.scope().covers(h.regionPath()))
				.orElseThrow(() -> new OutOfScopeException("honor-roll-entry", String.valueOf(rollEntryId)));
	}

	/** The grants of a roll entry's nomination (every honour of the same person), newest first. */
	public List<Grant> ofEntry(long rollEntryId, ScopedUser user) {
		Honoured person = honouredForStaff(rollEntryId, user);
		return grants(" and e.nomination_id = :nomination", user, q -> q.param("nomination", person.nominationId()),
				500, 0);
	}

	/** A page (from 0) of the register in the staff member's scope, newest grant first. */
	public Paging.Page<Grant> register(Filter filter, int page, int size, ScopedUser user) {
		CareMeasures.requireManaging(user);
		StringBuilder where = new StringBuilder();
		List<java.util.function.UnaryOperator<JdbcClient.StatementSpec>> params = new ArrayList<>();
		filter(filter, where, params);
		long total = bindAll(jdbc.sql("select count(*) from honor_care_grant g where g.region_path >= :lower"
				+ " and g.region_path < :upper" + where), user, params).query(Long.class).single();
		int pages = (int) Math.max(1, (total + size - 1) / size);
		int current = Math.min(page, pages - 1);
		List<Grant> items = grants(where.toString(), user, q -> {
			JdbcClient.StatementSpec s = q;
			for (var p : params) {
				s = p.apply(s);
			}
			return s;
		}, size, (long) current * size);
		return new Paging.Page<>(items, total, current, size, pages);
	}

	/** Every grant the filter selects in the scope, up to {@link #EXPORT_MAX}, for the export. */
	public List<Grant> all(Filter filter, ScopedUser user) {
		CareMeasures.requireManaging(user);
		StringBuilder where = new StringBuilder();
		List<java.util.function.UnaryOperator<JdbcClient.StatementSpec>> params = new ArrayList<>();
		filter(filter, where, params);
		return grants(where.toString(), user, q -> {
			JdbcClient.StatementSpec s = q;
			for (var p : params) {
				s = p.apply(s);
			}
			return s;
		}, EXPORT_MAX, 0);
	}

	/** Grants and sums by measure and year, and by county, of what the filter selects in the scope. */
	public Totals totals(Filter filter, ScopedUser user) {
		CareMeasures.requireManaging(user);
		StringBuilder where = new StringBuilder();
		List<java.util.function.UnaryOperator<JdbcClient.StatementSpec>> params = new ArrayList<>();
		filter(filter, where, params);
		List<Total> byMeasure = bindAll(jdbc.sql("""
				select m.id, m.name, extract(year from g.granted_on)::int as year, count(*) as grants,
				       coalesce(sum(g.amount), 0) as amount
				from honor_care_grant g join honor_care_measure m on m.id = g.measure_id
				where g.region_path >= :lower and g.region_path < :upper""" + where + """

				group by m.id, m.name, year order by year desc, m.name, m.id"""), user, params)
				.query((rs, i) -> new Total(rs.getLong("id") + "/" + rs.getInt("year"),
						rs.getInt("year") + " " + rs.getString("name"), rs.getLong("grants"), rs.getBigDecimal("amount")))
				.list();
		List<Total> byCounty = bindAll(jdbc.sql("""
				select coalesce(c.code, '') as code, coalesce(c.name, '') as name, count(*) as grants,
				       coalesce(sum(g.amount), 0) as amount
				from honor_care_grant g
				left join published_region c on c.code = split_part(g.region_path, '.', 3)
				where g.region_path >= :lower and g.region_path < :upper""" + where + """

				group by c.code, c.name order by c.code nulls first"""), user, params)
				.query((rs, i) -> new Total(rs.getString("code"), rs.getString("name"), rs.getLong("grants"),
						rs.getBigDecimal("amount")))
				.list();
		long grants = byMeasure.stream().mapToLong(Total::grants).sum();
		BigDecimal amount = byMeasure.stream().map(Total::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
		return new Totals(byMeasure, byCounty, grants, amount);
	}

	/**
	 * The roll entries in the staff member's scope whose nominee's name starts with {@code name}, for the
	 * register's search (at most 20).
	 */
	public List<Honoured> findHonoured(String name, ScopedUser user) {
		CareMeasures.requireManaging(user);
		if (name == null || name.isBlank()) {
			return List.of();
		}
		List<Long> ids = jdbc.sql("""
				select e.id from honor_roll_entry e join honor_nomination n on n.id = e.nomination_id
				where n.region_path >= :lower and n.region_path < :upper and starts_with(n.nominee_name, :name)
				order by n.nominee_name, e.id limit 20""").param("lower", user.scope().lower())
				.param("upper", user.scope().upper()).param("name", name.strip()).query(Long.class).list();
		return ids.stream().map(this::honoured).flatMap(Optional::stream).toList();
	}

	private static void filter(Filter filter, StringBuilder where,
			List<java.util.function.UnaryOperator<JdbcClient.StatementSpec>> params) {
		if (filter.year() != null) {
			where.append(" and g.granted_on >= :from and g.granted_on < :to");
			LocalDate from = LocalDate.of(filter.year(), 1, 1);
			params.add(q -> q.param("from", from).param("to", from.plusYears(1)));
		}
		if (filter.measureId() != null) {
			where.append(" and g.measure_id = :measureId");
			params.add(q -> q.param("measureId", filter.measureId()));
		}
		if (filter.countyCode() != null) {
			where.append(" and split_part(g.region_path, '.', 3) = :county");
			params.add(q -> q.param("county", filter.countyCode()));
		}
	}

	private static JdbcClient.StatementSpec bindAll(JdbcClient.StatementSpec statement, ScopedUser user,
			List<java.util.function.UnaryOperator<JdbcClient.StatementSpec>> params) {
		JdbcClient.StatementSpec s = statement.param("lower", user.scope().lower()).param("upper", user.scope().upper());
		for (var p : params) {
			s = p.apply(s);
		}
		return s;
	}

	private List<Grant> grants(String where, ScopedUser user,
			java.util.function.UnaryOperator<JdbcClient.StatementSpec> bind, int limit, long offset) {
		return bind.apply(jdbc.sql("""
				select g.id, g.roll_entry_id, n.nominee_name, e.honour, e.period, r.name as region_name, g.measure_id,
				       m.name as measure_name, m.kind, g.amount, g.granted_on, g.note, g.recorded_by
				from honor_care_grant g
				join honor_roll_entry e on e.id = g.roll_entry_id
				join honor_nomination n on n.id = e.nomination_id
				join honor_care_measure m on m.id = g.measure_id
				join published_region r on r.code = n.region_code
				where g.region_path >= :lower and g.region_path < :upper""" + where + """

				order by g.granted_on desc, g.id desc limit :limit offset :offset""")
				.param("lower", user.scope().lower()).param("upper", user.scope().upper()).param("limit", limit)
				.param("offset", offset))
				.query((rs, i) -> new Grant(rs.getLong("id"), rs.getLong("roll_entry_id"), rs.getString("nominee_name"),
						Honour.valueOf(rs.getString("honour")), rs.getString("period"), rs.getString("region_name"),
						rs.getLong("measure_id"), rs.getString("measure_name"), CareKind.valueOf(rs.getString("kind")),
						rs.getBigDecimal("amount"), rs.getObject("granted_on", LocalDate.class), rs.getString("note"),
						rs.getString("recorded_by")))
				.list();
	}

	Optional<Honoured> honoured(long rollEntryId) {
		return jdbc.sql("""
				select e.id, e.nomination_id, n.nominee_name, e.honour, e.period, n.region_code, r.name as region_name,
				       n.region_path,
				       (select string_agg(o.honour || ' ' || o.period, ',' order by o.published_at)
				        from honor_roll_entry o where o.nomination_id = e.nomination_id) as honours,
				       exists (select 1 from honor_consent c where c.nomination_id = n.id and c.status = 'GIVEN') as given,
				       exists (select 1 from honor_consent c where c.nomination_id = n.id
				               and c.status = 'WITHDRAWN') as ended
				from honor_roll_entry e
				join honor_nomination n on n.id = e.nomination_id
				join published_region r on r.code = n.region_code
				where e.id = :id""").param("id", rollEntryId)
				.query((rs, i) -> {
					boolean given = rs.getBoolean("given");
					String honours = rs.getString("honours");
					return new Honoured(rs.getLong("id"), rs.getLong("nomination_id"), rs.getString("nominee_name"),
							Honour.valueOf(rs.getString("honour")), rs.getString("period"), rs.getString("region_code"),
							rs.getString("region_name"), rs.getString("region_path"),
							honours == null ? List.of() : java.util.Arrays.stream(honours.split(","))
									.map(h -> new Held(Honour.valueOf(h.split(" ")[0]), h.split(" ")[1])).toList(), given,
							!given && rs.getBoolean("ended"));
				}).optional();
	}
}

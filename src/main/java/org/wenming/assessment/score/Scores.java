package org.wenming.assessment.score;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.wenming.assessment.AssessmentFigures.FixedSince;
import org.wenming.assessment.AssessmentFigures.Rate;
import org.wenming.assessment.AssessmentFigures.Round;
import org.wenming.assessment.AssessmentFigures.Series;
import org.wenming.assessment.AssessmentFigures.Trend;
import org.wenming.assessment.Scoring;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * Score rates (得分率 = marks obtained ÷ marks possible) of a round per region, place type and place,
 * the ranking of regions, the trend across rounds, the most failed criteria, the problems handed over
 * and how many of the previous round's are fixed. The rates sum the per-place scores the observations
 * keep ({@code assessment_place_score}: one row per sampled place), so a round of 2,000 places × 30
 * criteria is 2,000 rows here, not 60,000. Every query is confined to the reader's scope by the place's
 * region path.
 */
@Service
@EnableConfigurationProperties(ScoreProperties.class)
public class Scores {

	private final JdbcClient jdbc;

	private final Regions regions;

	private final ScoreProperties properties;

	/** A closed round's figures, counted once per node (see {@link #once}). */
	private final Cache<ClosedFigure, Object> closedRounds = Caffeine.newBuilder().maximumSize(5_000).build();

	Scores(JdbcClient jdbc, Regions regions, ScoreProperties properties) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.properties = properties;
	}

	public ScoreProperties properties() {
		return properties;
	}

	public Optional<Round> round(long id) {
		return jdbc.sql("select * from assessment_round where id = :id").param("id", id).query(Scores::round)
				.optional();
	}

	/**
	 * The round if this person may read its figures: office staff (and the system administrator) whose
	 * scope covers the round's city see it in any state; a county's staff see it once it is open (before,
	 * even that it exists is not revealed: 404 and a security event).
	 *
	 * @throws AccessDeniedException for anyone who is not office staff
	 */
	public Round readable(long id, ScopedUser user) {
		if (user == null || !(user.hasRole(Roles.OFFICE_STAFF) || user.hasRole(Roles.SYSTEM_ADMIN))) {
			throw new AccessDeniedException("assessment scores are for office staff");
		}
		Round round = round(id).orElseThrow(RecordNotFound::new);
		DataScope scope = user.scope();
		if (scope.covers(round.regionPath())) {
			return round;
		}
		boolean inside = scope.path().startsWith(round.regionPath());
		if (inside && (round.open() || !round.provisional())) {
			return round;
		}
		throw new OutOfScopeException("assessment_round", String.valueOf(id));
	}

	/** The region of the drill-down, inside the round's city and the reader's scope; else 404 and a security event. */
	public Region region(Round round, String code, ScopedUser user) {
		Region region = regions.find(code).orElseThrow(RecordNotFound::new);
		if (!region.path().startsWith(round.regionPath()) || !user.scope().covers(region.path())) {
			throw new OutOfScopeException("region", code);
		}
		return region;
	}

	/** The region a reader starts at: the round's city, or their own county inside it. */
	public Region home(Round round, ScopedUser user) {
		String code = user.scope().covers(round.regionPath()) ? round.regionCode() : user.scope().regionCode();
		return regions.find(code).orElseThrow(RecordNotFound::new);
	}

	public Optional<Round> latestClosed(String cityPath) {
		return jdbc.sql("""
				select * from assessment_round where region_path = :path and status = 'CLOSED'
				order by starts_on desc, id desc limit 1""").param("path", cityPath).query(Scores::round).optional();
	}

	/** The latest closed round before this one (by its start), for "fixed since". */
	public Optional<Round> previous(Round round) {
		return jdbc.sql("""
				select * from assessment_round where region_path = :path and status = 'CLOSED'
				  and (starts_on, id) < (:starts, :id)
				order by starts_on desc, id desc limit 1""").param("path", round.regionPath())
				.param("starts", round.startsOn()).param("id", round.id()).query(Scores::round).optional();
	}

	/** The rounds of a city, newest first. */
	public List<Round> rounds(String cityPath, int limit) {
		return jdbc.sql("""
				select * from assessment_round where region_path = :path
				order by starts_on desc, id desc limit :limit""").param("path", cityPath).param("limit", limit)
				.query(Scores::round).list();
	}

	/** What a closed round's figure was counted for: which figure, the round, the region and scope, the length. */
	private record ClosedFigure(String figure, long roundId, String path, String lower, String upper, int limit) {
	}

	/**
	 * A figure of a closed round from this node's cache, counted the first time it is asked for; an open
	 * round's counted every time. A closed round never changes again (the database refuses any change to
	 * the round, its sample, observations and place scores: V41, V44), so every node's count stays true.
	 * "Fixed since" reads casework's cases as they are now and is never cached.
	 */
	@SuppressWarnings("unchecked")
	private <T> T once(Round round, ClosedFigure figure, Supplier<T> count) {
		if (round.provisional()) {
			return count.get();
		}
		// a list kept for every reader is kept unmodifiable
		return (T) closedRounds.get(figure, k -> {
			Object value = count.get();
			return value instanceof List<?> list ? List.copyOf(list) : value;
		});
	}

	/** The rate of everything inside the scope. */
	public Rate total(Round round, DataScope scope) {
		return once(round, new ClosedFigure("total", round.id(), "", scope.lower(), scope.upper(), 0),
				() -> countTotal(round, scope));
	}

	private Rate countTotal(Round round, DataScope scope) {
		return jdbc.sql("""
				select coalesce(sum(ps.marks), 0) as marks, coalesce(sum(ps.possible), 0) as possible, count(*) as places
				from assessment_place_score ps
				join assessment_place p on p.id = ps.place_id
				where ps.round_id = :round and p.region_path >= :lower and p.region_path < :upper""")
				.param("round", round.id()).param("lower", scope.lower()).param("upper", scope.upper())
				.query((rs, n) -> rate("", "", rs, 0)).single();
	}

	/**
	 * The rate of a region from its children's lines (they partition its places): the same figure as
	 * {@link #total} without reading the rows a second time.
	 */
	public static Rate sum(String code, String name, List<Rate> children) {
		BigDecimal marks = BigDecimal.ZERO;
		BigDecimal possible = BigDecimal.ZERO;
		int places = 0;
		for (Rate r : children) {
			marks = marks.add(r.marks());
			possible = possible.add(r.possible());
			places += r.places();
		}
		return new Rate(code, name, marks, possible, places, Scoring.rate(marks, possible), 0);
	}

	/**
	 * The rates of a region's children (the city's counties, a county's towns, a town's villages),
	 * ranked: rate descending (one decimal, as shown), ties by code.
	 */
	public List<Rate> byChildren(Round round, String parentPath, DataScope scope) {
		return once(round, new ClosedFigure("children", round.id(), parentPath, scope.lower(), scope.upper(), 0),
				() -> countByChildren(round, parentPath, scope));
	}

	private List<Rate> countByChildren(Round round, String parentPath, DataScope scope) {
		DataScope within = narrow(scope, parentPath);
		if (within == null) {
			return List.of();
		}
		if (parentPath.equals(round.regionPath()) && within.path().equals(parentPath)) {
			// the whole round by county: the sample row says the county, so no place is read
			return ranked(jdbc.sql("""
					select c.code, coalesce(g.name, c.code) as name, c.marks, c.possible, c.places
					from (select s.county_code as code, sum(ps.marks) as marks, sum(ps.possible) as possible,
					             count(*) as places
					      from assessment_place_score ps
					      join assessment_sample s on s.round_id = ps.round_id and s.place_id = ps.place_id
					      where ps.round_id = :round
					      group by s.county_code) c
					left join published_region g on g.code = c.code""").param("round", round.id())
					.query((rs, n) -> rate(rs.getString("code"), rs.getString("name"), rs, 0)).list());
		}
		int segment = parentPath.split("\\.").length + 1;
		List<Rate> lines = jdbc.sql("""
				select c.code, coalesce(g.name, c.code) as name, c.marks, c.possible, c.places
				from (select split_part(p.region_path, '.', :segment) as code, sum(ps.marks) as marks,
				             sum(ps.possible) as possible, count(*) as places
				      from assessment_place_score ps
				      join assessment_place p on p.id = ps.place_id
				      where ps.round_id = :round and p.region_path >= :lower and p.region_path < :upper
				      group by 1) c
				left join published_region g on g.code = c.code""").param("segment", segment)
				.param("round", round.id()).param("lower", within.lower()).param("upper", within.upper())
				.query((rs, n) -> rate(rs.getString("code"), rs.getString("name"), rs, 0)).list();
		return ranked(lines);
	}

	/** The rates by place type inside the scope, ranked. */
	public List<Rate> byType(Round round, DataScope scope) {
		return once(round, new ClosedFigure("types", round.id(), "", scope.lower(), scope.upper(), 0),
				() -> countByType(round, scope));
	}

	private List<Rate> countByType(Round round, DataScope scope) {
		if (scope.covers(round.regionPath())) {
			// the whole round: the sample row says the type, so no place is read
			return ranked(jdbc.sql("""
					select s.place_type as code, sum(ps.marks) as marks, sum(ps.possible) as possible, count(*) as places
					from assessment_place_score ps
					join assessment_sample s on s.round_id = ps.round_id and s.place_id = ps.place_id
					where ps.round_id = :round
					group by s.place_type""").param("round", round.id())
					.query((rs, n) -> rate(rs.getString("code"), rs.getString("code"), rs, 0)).list());
		}
		return ranked(jdbc.sql("""
				select p.place_type as code, sum(ps.marks) as marks, sum(ps.possible) as possible, count(*) as places
				from assessment_place_score ps
				join assessment_place p on p.id = ps.place_id
				where ps.round_id = :round and p.region_path >= :lower and p.region_path < :upper
				group by p.place_type""").param("round", round.id()).param("lower", scope.lower())
				.param("upper", scope.upper()).query((rs, n) -> rate(rs.getString("code"), rs.getString("code"), rs, 0))
				.list());
	}

	/**
	 * A sampled place with its score.
	 *
	 * @param failed criteria below full marks
	 * @param closed the inspector closed the place
	 */
	public record PlaceLine(long id, String name, String placeType, String address, String regionCode,
			String regionName, Rate rate, int observed, int criteria, int failed, boolean closed) {
	}

	/** The sampled places inside the scope (a town, usually), lowest rate first; places not yet scored last. */
	public List<PlaceLine> places(Round round, DataScope scope, int limit) {
		return jdbc.sql("""
				select p.id, p.name, p.place_type, p.address, p.region_code, coalesce(g.name, p.region_code) as region_name,
				       coalesce(ps.marks, 0) as marks, coalesce(ps.possible, 0) as possible, case when ps.place_id is null then 0 else 1 end as places,
				       coalesce(ps.observed, 0) as observed, coalesce(ps.criteria, 0) as criteria, s.closed_at is not null as closed,
				       (select count(*) from assessment_observation o
				        where o.round_id = s.round_id and o.place_id = s.place_id and o.marks < o.full_marks) as failed
				from assessment_sample s
				join assessment_place p on p.id = s.place_id
				left join assessment_place_score ps on ps.round_id = s.round_id and ps.place_id = s.place_id
				left join published_region g on g.code = p.region_code
				where s.round_id = :round and p.region_path >= :lower and p.region_path < :upper
				order by ps.place_id is null, case when ps.possible > 0 then ps.marks / ps.possible end, p.name, p.id
				limit :limit""").param("round", round.id()).param("lower", scope.lower())
				.param("upper", scope.upper()).param("limit", limit)
				.query((rs, n) -> new PlaceLine(rs.getLong("id"), rs.getString("name"), rs.getString("place_type"),
						rs.getString("address"), rs.getString("region_code"), rs.getString("region_name"),
						rate(String.valueOf(rs.getLong("id")), rs.getString("name"), rs, 0), rs.getInt("observed"),
						rs.getInt("criteria"), rs.getInt("failed"), rs.getBoolean("closed")))
				.list();
	}

	/**
	 * The problems a round found inside the scope and how many are handed over so far.
	 *
	 * @param failed observations below full marks (each becomes one case when the round closes)
	 * @param handed of those, handed over to casework so far (the hand-over runs just after the closing)
	 */
	public record Problems(long failed, long handed) {
	}

	public Problems problems(Round round, DataScope scope) {
		long failed = once(round, new ClosedFigure("failed", round.id(), "", scope.lower(), scope.upper(), 0),
				() -> jdbc.sql("""
						select count(*) from assessment_observation o join assessment_place p on p.id = o.place_id
						where o.round_id = :round and o.marks < o.full_marks
						  and p.region_path >= :lower and p.region_path < :upper""").param("round", round.id())
						.param("lower", scope.lower()).param("upper", scope.upper()).query(Long.class).single());
		long handed = jdbc.sql("""
				select count(*) from assessment_handover h join assessment_place p on p.id = h.place_id
				where h.round_id = :round and p.region_path >= :lower and p.region_path < :upper""")
				.param("round", round.id()).param("lower", scope.lower()).param("upper", scope.upper())
				.query(Long.class).single();
		return new Problems(failed, handed);
	}

	/**
	 * A criterion as often failed.
	 *
	 * @param failed observations below full marks
	 * @param observed observations of it
	 * @param lost full marks minus marks, summed
	 */
	public record CriterionLine(long id, String code, String text, String placeType, String caseCategory,
			long failed, long observed, BigDecimal lost) {
	}

	/** The most failed criteria inside the scope (most failures, then most marks lost, then code). */
	public List<CriterionLine> worstCriteria(Round round, DataScope scope, int limit) {
		return once(round, new ClosedFigure("worst", round.id(), "", scope.lower(), scope.upper(), limit),
				() -> countWorstCriteria(round, scope, limit));
	}

	private List<CriterionLine> countWorstCriteria(Round round, DataScope scope, int limit) {
		return jdbc.sql("""
				select c.id, c.code, c.text, c.place_type, c.case_category,
				       count(*) filter (where o.marks < o.full_marks) as failed, count(*) as observed,
				       sum(o.full_marks - o.marks) as lost
				from assessment_observation o
				join assessment_criterion c on c.id = o.criterion_id
				join assessment_place p on p.id = o.place_id
				where o.round_id = :round and p.region_path >= :lower and p.region_path < :upper
				group by c.id, c.code, c.text, c.place_type, c.case_category
				having count(*) filter (where o.marks < o.full_marks) > 0
				order by failed desc, lost desc, c.code limit :limit""").param("round", round.id())
				.param("lower", scope.lower()).param("upper", scope.upper()).param("limit", limit)
				.query((rs, n) -> new CriterionLine(rs.getLong("id"), rs.getString("code"), rs.getString("text"),
						rs.getString("place_type"), rs.getString("case_category"), rs.getLong("failed"),
						rs.getLong("observed"), rs.getBigDecimal("lost")))
				.list();
	}

	/**
	 * A problem handed over to casework.
	 *
	 * @param status the case's status now (casework's), null if casework no longer shows it
	 */
	public record Handed(long caseId, String caseNumber, OffsetDateTime handedAt, long placeId, String placeName,
			String placeType, String countyCode, String countyName, String criterionCode, String criterionText,
			String categoryCode, String status) {

		public boolean fixed() {
			return "CLOSED".equals(status);
		}
	}

	/** The problems a round handed over inside the scope, by county, place and criterion. */
	public List<Handed> handedOver(Round round, DataScope scope, int limit) {
		return jdbc.sql("""
				select h.case_id, h.case_number, h.handed_at, p.id as place_id, p.name as place_name, p.place_type,
				       split_part(p.region_path, '.', 3) as county_code, coalesce(g.name, '') as county_name,
				       c.code as criterion_code, c.text as criterion_text, k.category_code, k.status
				from assessment_handover h
				join assessment_place p on p.id = h.place_id
				join assessment_criterion c on c.id = h.criterion_id
				left join published_region g on g.code = split_part(p.region_path, '.', 3)
				left join published_rectification_case k on k.id = h.case_id
				where h.round_id = :round and p.region_path >= :lower and p.region_path < :upper
				order by county_code, p.name, p.id, c.code limit :limit""").param("round", round.id())
				.param("lower", scope.lower()).param("upper", scope.upper()).param("limit", limit)
				.query(Scores::handed).list();
	}

	/** The problems handed over at a place in earlier rounds than this one, newest first (回头看). */
	public List<Handed> handedAtPlace(long placeId, long beforeRoundId) {
		return jdbc.sql("""
				select h.case_id, h.case_number, h.handed_at, p.id as place_id, p.name as place_name, p.place_type,
				       split_part(p.region_path, '.', 3) as county_code, '' as county_name,
				       c.code as criterion_code, c.text as criterion_text, k.category_code, k.status
				from assessment_handover h
				join assessment_place p on p.id = h.place_id
				join assessment_criterion c on c.id = h.criterion_id
				left join published_rectification_case k on k.id = h.case_id
				where h.place_id = :place and h.round_id <> :round
				order by h.handed_at desc, c.code""").param("place", placeId).param("round", beforeRoundId)
				.query(Scores::handed).list();
	}

	/** How many of the previous round's handed-over cases inside the scope are closed now. */
	public FixedSince fixedSince(Round round, DataScope scope) {
		Round previous = previous(round).orElse(null);
		if (previous == null) {
			return new FixedSince(null, 0, 0, null);
		}
		return jdbc.sql("""
				select count(*) as handed, count(*) filter (where k.status = 'CLOSED') as fixed
				from assessment_handover h
				join assessment_place p on p.id = h.place_id
				left join published_rectification_case k on k.id = h.case_id
				where h.round_id = :round and p.region_path >= :lower and p.region_path < :upper""")
				.param("round", previous.id()).param("lower", scope.lower()).param("upper", scope.upper())
				.query((rs, n) -> new FixedSince(previous, rs.getLong("handed"), rs.getLong("fixed"),
						Scoring.rate(BigDecimal.valueOf(rs.getLong("fixed")), BigDecimal.valueOf(rs.getLong("handed")))))
				.single();
	}

	/**
	 * The rates of the city's latest rounds (closed, and open ones marked provisional), the whole scope's
	 * line first and then each county's.
	 */
	public Trend trend(String cityPath, DataScope scope) {
		List<Round> rounds = new ArrayList<>(jdbc.sql("""
				select * from assessment_round where region_path = :path and status in ('OPEN', 'CLOSED')
				order by starts_on desc, id desc limit :limit""").param("path", cityPath)
				.param("limit", properties.trendRounds()).query(Scores::round).list());
		rounds.sort(Comparator.comparing(Round::startsOn).thenComparing(Round::id));
		DataScope within = narrow(scope, cityPath);
		if (rounds.isEmpty() || within == null) {
			return new Trend(rounds, List.of());
		}
		int segment = cityPath.split("\\.").length + 1;
		Map<Long, Integer> index = new HashMap<>();
		for (int i = 0; i < rounds.size(); i++) {
			index.put(rounds.get(i).id(), i);
		}
		BigDecimal[][] whole = new BigDecimal[2][rounds.size()];
		Map<String, BigDecimal[][]> counties = new LinkedHashMap<>();
		Map<String, String> names = new HashMap<>();
		jdbc.sql("""
				select c.round_id, c.code, coalesce(g.name, c.code) as name, c.marks, c.possible
				from (select ps.round_id, split_part(p.region_path, '.', :segment) as code, sum(ps.marks) as marks,
				             sum(ps.possible) as possible
				      from assessment_place_score ps
				      join assessment_place p on p.id = ps.place_id
				      where ps.round_id in (:rounds) and p.region_path >= :lower and p.region_path < :upper
				      group by 1, 2) c
				left join published_region g on g.code = c.code
				order by c.code""").param("segment", segment).param("rounds", new ArrayList<>(index.keySet()))
				.param("lower", within.lower()).param("upper", within.upper()).query((ResultSet rs) -> {
					int i = index.get(rs.getLong("round_id"));
					String code = rs.getString("code");
					names.put(code, rs.getString("name"));
					BigDecimal[][] sums = counties.computeIfAbsent(code, k -> new BigDecimal[2][rounds.size()]);
					sums[0][i] = rs.getBigDecimal("marks");
					sums[1][i] = rs.getBigDecimal("possible");
					whole[0][i] = add(whole[0][i], sums[0][i]);
					whole[1][i] = add(whole[1][i], sums[1][i]);
				});
		List<Series> series = new ArrayList<>();
		Region top = regions.find(within == scope ? scope.regionCode() : cityCode(cityPath)).orElse(null);
		series.add(new Series(top == null ? "" : top.code(), top == null ? "" : top.name(), rates(whole)));
		if (counties.size() > 1 || within != scope) {
			counties.forEach((code, sums) -> series.add(new Series(code, names.get(code), rates(sums))));
		}
		return new Trend(rounds, series);
	}

	/** The scope's part of a region's subtree: the deeper of the two when one holds the other, else null. */
	static DataScope narrow(DataScope scope, String path) {
		if (scope.covers(path)) {
			return new DataScope(cityCode(path), path);
		}
		if (scope.path().startsWith(path)) {
			return scope;
		}
		return null;
	}

	private static String cityCode(String path) {
		String[] parts = path.split("\\.");
		return parts[parts.length - 1];
	}

	private static List<BigDecimal> rates(BigDecimal[][] sums) {
		List<BigDecimal> rates = new ArrayList<>(sums[0].length);
		for (int i = 0; i < sums[0].length; i++) {
			rates.add(sums[0][i] == null ? null : Scoring.rate(sums[0][i], sums[1][i]));
		}
		return rates;
	}

	private static BigDecimal add(BigDecimal a, BigDecimal b) {
		return a == null ? b : a.add(b);
	}

	/** Rate descending (as shown, one decimal), none last, ties by code; ranks 1, 2, 3… in that order. */
	static List<Rate> ranked(List<Rate> lines) {
		List<Rate> sorted = new ArrayList<>(lines);
		sorted.sort(Comparator.comparing(Rate::rate, Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()))
				.thenComparing(Rate::code));
		List<Rate> ranked = new ArrayList<>(sorted.size());
		for (int i = 0; i < sorted.size(); i++) {
			Rate r = sorted.get(i);
			ranked.add(new Rate(r.code(), r.name(), r.marks(), r.possible(), r.places(), r.rate(), i + 1));
		}
		return ranked;
	}

	private static Rate rate(String code, String name, ResultSet rs, int rank) throws SQLException {
		BigDecimal marks = rs.getBigDecimal("marks");
		BigDecimal possible = rs.getBigDecimal("possible");
		return new Rate(code, name, marks, possible, rs.getInt("places"), Scoring.rate(marks, possible), rank);
	}

	private static Handed handed(ResultSet rs, int n) throws SQLException {
		OffsetDateTime at = rs.getObject("handed_at", OffsetDateTime.class);
		return new Handed(rs.getLong("case_id"), rs.getString("case_number"),
				at == null ? null : at.atZoneSameInstant(CityTime.ZONE).toOffsetDateTime(), rs.getLong("place_id"),
				rs.getString("place_name"), rs.getString("place_type"), rs.getString("county_code"),
				rs.getString("county_name"), rs.getString("criterion_code"), rs.getString("criterion_text"),
				rs.getString("category_code"), rs.getString("status"));
	}

	static Round round(ResultSet rs, int n) throws SQLException {
		OffsetDateTime closed = rs.getObject("closed_at", OffsetDateTime.class);
		return new Round(rs.getLong("id"), rs.getString("name"), rs.getString("region_code"), rs.getString("region_path"),
				rs.getLong("framework_id"), rs.getObject("starts_on", LocalDate.class),
				rs.getObject("ends_on", LocalDate.class), rs.getString("status"),
				closed == null ? null : closed.atZoneSameInstant(CityTime.ZONE).toOffsetDateTime());
	}
}

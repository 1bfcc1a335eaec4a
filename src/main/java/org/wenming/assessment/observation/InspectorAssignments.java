package org.wenming.assessment.observation;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.assessment.PlaceType;
import org.wenming.assessment.ScoringRule;

/**
 * What observation reads of the other parts' tables (rounds, the sample, teams, members, criteria), kept
 * small and in one place so it can later be swapped for the round and framework parts' own services.
 */
@Component
public class InspectorAssignments {

	private static final String COLUMNS = """
			select r.id as round_id, r.name as round_name, r.status, r.starts_on, r.ends_on, r.framework_id,
			       f.status <> 'DRAFT' as framework_frozen, r.region_path as round_path, p.id as place_id,
			       p.name as place_name, s.place_type, p.address, p.region_path as place_path, p.latitude, p.longitude,
			       s.team_id, s.closed_by, s.closed_at,
			       exists (select 1 from assessment_team_member m where m.team_id = s.team_id and m.user_id = :user) as my_team,
			       exists (select 1 from assessment_team_member m join assessment_team t on t.id = m.team_id
			               where t.round_id = r.id and m.user_id = :user) as in_round
			""";

	private static final String FROM = """
			from assessment_sample s
			join assessment_round r on r.id = s.round_id
			join assessment_framework f on f.id = r.framework_id
			join assessment_place p on p.id = s.place_id
			""";

	private static final String WHERE = "where s.round_id = :round and s.place_id = :place";

	private static final String ASSIGNMENT = COLUMNS + FROM + WHERE;

	private record FrameworkType(long frameworkId, PlaceType type) {
	}

	private final JdbcClient jdbc;

	/** A published framework's criteria never change (the database refuses it, WM001), so every node may keep them. */
	private final Cache<FrameworkType, List<Criterion>> frozenCriteria = Caffeine.newBuilder().maximumSize(1_000).build();

	InspectorAssignments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The sampled place as this person meets it; empty when the place is not in the round's sample. */
	public Optional<Assignment> find(long userId, long roundId, long placeId) {
		return jdbc.sql(ASSIGNMENT).param("user", userId).param("round", roundId).param("place", placeId)
				.query(InspectorAssignments::assignment).optional();
	}

	/**
	 * The same, with the sample row locked until the transaction ends: the submissions, photos and the
	 * closing of one place take their turn, so the place's score is always the sum of its observations.
	 */
	Optional<Assignment> lock(long userId, long roundId, long placeId) {
		return jdbc.sql(ASSIGNMENT + " for update of s").param("user", userId).param("round", roundId)
				.param("place", placeId).query(InspectorAssignments::assignment).optional();
	}

	/** A submission stored earlier under an idempotency key: who sent it, its request's digest, its answer. */
	record Earlier(long userId, String digest, String response) {
	}

	/** The locked place and, when the key was used before, what was stored under it. */
	record Locked(Assignment place, Optional<Earlier> earlier) {
	}

	/**
	 * As {@link #lock}, and the submission stored under the key in the same round trip. A retry that waited
	 * for the lock behind its first sending may not see that sending's row; its own insert of the key then
	 * fails on the key and it answers with the stored one (see {@code Observations.submit}).
	 */
	Optional<Locked> lockWithSubmission(long userId, long roundId, long placeId, String key) {
		return jdbc.sql(COLUMNS + ", k.user_id as key_user, k.request_digest as key_digest, k.response as key_response\n"
				+ FROM + "left join assessment_submission k on k.idempotency_key = :key\n" + WHERE + " for update of s")
				.param("user", userId).param("round", roundId).param("place", placeId).param("key", key)
				.query((rs, row) -> new Locked(assignment(rs, row), rs.getObject("key_user") == null ? Optional.empty()
						: Optional.of(new Earlier(rs.getLong("key_user"), rs.getString("key_digest"),
								rs.getString("key_response")))))
				.optional();
	}

	/** The criteria of the place's type in its round's framework; read once per node when the framework is published. */
	public List<Criterion> criteria(Assignment place) {
		if (!place.frameworkFrozen()) {
			return criteria(place.frameworkId(), place.placeType());
		}
		return frozenCriteria.get(new FrameworkType(place.frameworkId(), place.placeType()),
				k -> criteria(k.frameworkId(), k.type()));
	}

	/** The criteria of a framework for one place type, by item then position. */
	public List<Criterion> criteria(long frameworkId, PlaceType type) {
		return jdbc.sql("""
				select c.id, c.item_id, i.code as item_code, i.name as item_name, c.code, c.text, c.full_marks, c.rule,
				       c.deduction, c.target
				from assessment_criterion c join assessment_item i on i.id = c.item_id
				where c.framework_id = :framework and c.place_type = :type
				order by i.position, i.id, c.position, c.id""").param("framework", frameworkId)
				.param("type", type.name())
				.query((rs, row) -> new Criterion(rs.getLong("id"), rs.getLong("item_id"), rs.getString("item_code"),
						rs.getString("item_name"), rs.getString("code"), rs.getString("text"), rs.getBigDecimal("full_marks"),
						ScoringRule.valueOf(rs.getString("rule")), rs.getBigDecimal("deduction"),
						(Integer) rs.getObject("target")))
				.list();
	}

	/** A round this inspector works in, with their team and how far it has got. */
	public record MyRound(long roundId, String name, LocalDate startsOn, LocalDate endsOn, String teamName, int places,
			int closed) {
	}

	/** The open rounds this person is a member of a team of, newest first. */
	public List<MyRound> openRounds(long userId) {
		return jdbc.sql("""
				select r.id, r.name, r.starts_on, r.ends_on, t.name as team,
				       (select count(*) from assessment_sample s where s.team_id = t.id) as places,
				       (select count(*) from assessment_sample s where s.team_id = t.id and s.closed_at is not null) as closed
				from assessment_team_member m
				join assessment_team t on t.id = m.team_id
				join assessment_round r on r.id = t.round_id
				where m.user_id = :user and r.status = 'OPEN'
				order by r.starts_on desc, r.id desc, t.id""").param("user", userId)
				.query((rs, row) -> new MyRound(rs.getLong("id"), rs.getString("name"),
						rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class),
						rs.getString("team"), rs.getInt("places"), rs.getInt("closed")))
				.list();
	}

	/** A round as its members see it: only once it is open. */
	public record RoundInfo(long id, String name, String status, LocalDate startsOn, LocalDate endsOn, long frameworkId,
			boolean member) {
	}

	public Optional<RoundInfo> round(long userId, long roundId) {
		return jdbc.sql("""
				select r.id, r.name, r.status, r.starts_on, r.ends_on, r.framework_id,
				       exists (select 1 from assessment_team_member m join assessment_team t on t.id = m.team_id
				               where t.round_id = r.id and m.user_id = :user) as member
				from assessment_round r where r.id = :round""").param("user", userId).param("round", roundId)
				.query((rs, row) -> new RoundInfo(rs.getLong("id"), rs.getString("name"), rs.getString("status"),
						rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class),
						rs.getLong("framework_id"), rs.getBoolean("member")))
				.optional();
	}

	/** A place of my team in a round, with how much of its checklist is recorded. */
	public record MyPlace(long placeId, String name, PlaceType type, String address, BigDecimal latitude,
			BigDecimal longitude, int observed, int criteria, OffsetDateTime closedAt) {
	}

	/** The places assigned to this person's teams in the round, in the order they were drawn. */
	public List<MyPlace> myPlaces(long userId, long roundId) {
		return jdbc.sql("""
				select p.id, p.name, s.place_type, p.address, p.latitude, p.longitude, s.closed_at,
				       coalesce(ps.observed, 0) as observed,
				       (select count(*) from assessment_criterion c
				        where c.framework_id = r.framework_id and c.place_type = s.place_type) as criteria
				from assessment_sample s
				join assessment_round r on r.id = s.round_id
				join assessment_place p on p.id = s.place_id
				left join assessment_place_score ps on ps.round_id = s.round_id and ps.place_id = s.place_id
				where s.round_id = :round
				  and s.team_id in (select m.team_id from assessment_team_member m where m.user_id = :user)
				order by s.county_code, s.place_type, s.draw_order""").param("user", userId).param("round", roundId)
				.query((rs, row) -> new MyPlace(rs.getLong("id"), rs.getString("name"),
						PlaceType.valueOf(rs.getString("place_type")), rs.getString("address"), rs.getBigDecimal("latitude"),
						rs.getBigDecimal("longitude"), rs.getInt("observed"), rs.getInt("criteria"),
						rs.getObject("closed_at", OffsetDateTime.class)))
				.list();
	}

	private static Assignment assignment(ResultSet rs, int row) throws SQLException {
		return new Assignment(rs.getLong("round_id"), rs.getString("round_name"), rs.getString("status"),
				rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class),
				rs.getLong("framework_id"), rs.getBoolean("framework_frozen"), rs.getString("round_path"),
				rs.getLong("place_id"), rs.getString("place_name"), PlaceType.valueOf(rs.getString("place_type")), rs.getString("address"), rs.getString("place_path"),
				rs.getBigDecimal("latitude"), rs.getBigDecimal("longitude"), (Long) rs.getObject("team_id"),
				rs.getBoolean("my_team"), rs.getBoolean("in_round"), (Long) rs.getObject("closed_by"),
				rs.getObject("closed_at", OffsetDateTime.class));
	}
}

package org.wenming.volunteer.team;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wenming.volunteer.team.MembershipRefusedException.Kind;

/** The {@code team_member} rows: the membership history of every team. */
@Repository
class MembershipStore {

	private static final String COLUMNS = "id, team_id, volunteer_id, status, applied_at, decided_at, decided_by, reason, left_at, ended_by";

	private static final RowMapper<Membership> ROW = (rs, i) -> new Membership(rs.getLong("id"), rs.getLong("team_id"),
			rs.getLong("volunteer_id"), MembershipStatus.valueOf(rs.getString("status")),
			rs.getObject("applied_at", OffsetDateTime.class), rs.getObject("decided_at", OffsetDateTime.class),
			rs.getString("decided_by"), rs.getString("reason"), rs.getObject("left_at", OffsetDateTime.class),
			rs.getString("ended_by"));

	private final JdbcClient jdbc;

	MembershipStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Membership> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from team_member where id = :id").param("id", id).query(ROW).optional();
	}

	/** A new application; the partial unique index refuses a second open one (DuplicateKeyException). */
	Membership insertApplication(long teamId, long volunteerId, OffsetDateTime at) {
		return jdbc.sql("insert into team_member (team_id, volunteer_id, status, applied_at) values (:team, :volunteer,"
				+ " 'APPLIED', :at) returning " + COLUMNS)
				.param("team", teamId).param("volunteer", volunteerId).param("at", at).query(ROW).single();
	}

	/**
	 * Stores a transition only if the row is still in the status it was read in: of two concurrent
	 * decisions the second finds the row changed (after waiting for the first's row lock) and is refused.
	 */
	Membership save(Membership changed, MembershipStatus readIn) {
		int updated = jdbc.sql("""
				update team_member set status = :status, decided_at = :decidedAt, decided_by = :decidedBy,
				    reason = :reason, left_at = :leftAt, ended_by = :endedBy
				where id = :id and status = :readIn""")
				.param("status", changed.status().name()).param("decidedAt", changed.decidedAt(), Types.TIMESTAMP_WITH_TIMEZONE)
				.param("decidedBy", changed.decidedBy(), Types.VARCHAR).param("reason", changed.reason(), Types.VARCHAR)
				.param("leftAt", changed.leftAt(), Types.TIMESTAMP_WITH_TIMEZONE)
				.param("endedBy", changed.endedBy(), Types.VARCHAR).param("id", changed.id())
				.param("readIn", readIn.name()).update();
		if (updated == 0) {
			throw new MembershipRefusedException(Kind.CONFLICT, "team.error.changedMeanwhile");
		}
		return changed;
	}

	List<MemberRow> rows(long teamId, MembershipStatus status, int limit) {
		return jdbc.sql("""
				select m.id, m.volunteer_id, v.volunteer_number, v.real_name, m.status, m.applied_at, m.decided_at, m.reason
				from team_member m join volunteer v on v.id = m.volunteer_id
				where m.team_id = :team and m.status = :status order by m.applied_at, m.id limit :limit""")
				.param("team", teamId).param("status", status.name()).param("limit", limit)
				.query((rs, i) -> new MemberRow(rs.getLong("id"), rs.getLong("volunteer_id"),
						rs.getString("volunteer_number"), rs.getString("real_name"),
						MembershipStatus.valueOf(rs.getString("status")), rs.getObject("applied_at", OffsetDateTime.class),
						rs.getObject("decided_at", OffsetDateTime.class), rs.getString("reason")))
				.list();
	}

	List<MyMembership> ofVolunteer(long volunteerId) {
		return jdbc.sql("""
				select m.id, m.team_id, t.name, m.status, m.applied_at, m.decided_at, m.reason, m.left_at
				from team_member m join team t on t.id = m.team_id
				where m.volunteer_id = :volunteer
				order by case when m.status in ('APPLIED', 'MEMBER') then 0 else 1 end, m.applied_at desc, m.id desc""")
				.param("volunteer", volunteerId)
				.query((rs, i) -> new MyMembership(rs.getLong("id"), rs.getLong("team_id"), rs.getString("name"),
						MembershipStatus.valueOf(rs.getString("status")), rs.getObject("applied_at", OffsetDateTime.class),
						rs.getObject("decided_at", OffsetDateTime.class), rs.getString("reason"),
						rs.getObject("left_at", OffsetDateTime.class)))
				.list();
	}

	long count(long teamId, MembershipStatus status) {
		return jdbc.sql("select count(*) from team_member where team_id = :team and status = :status")
				.param("team", teamId).param("status", status.name()).query(Long.class).single();
	}

	/** Approvals in [from, to): the member joined then, whether or not they are still a member. */
	long joinedBetween(long teamId, OffsetDateTime from, OffsetDateTime to) {
		return jdbc.sql("""
				select count(*) from team_member where team_id = :team and status in ('MEMBER', 'LEFT', 'REMOVED')
				and decided_at >= :from and decided_at < :to""")
				.param("team", teamId).param("from", from).param("to", to).query(Long.class).single();
	}

	List<String> memberNames(long teamId, int limit) {
		return jdbc.sql("""
				select v.real_name from team_member m join volunteer v on v.id = m.volunteer_id
				where m.team_id = :team and m.status = 'MEMBER' order by m.decided_at, m.id limit :limit""")
				.param("team", teamId).param("limit", limit).query(String.class).list();
	}

	boolean isMember(long teamId, long volunteerId) {
		return jdbc.sql("select exists (select 1 from team_member where team_id = :team and volunteer_id = :volunteer"
				+ " and status = 'MEMBER')").param("team", teamId).param("volunteer", volunteerId)
				.query(Boolean.class).single();
	}

	List<Long> memberVolunteerIds(long teamId) {
		return jdbc.sql("select volunteer_id from team_member where team_id = :team and status = 'MEMBER' order by volunteer_id")
				.param("team", teamId).query(Long.class).list();
	}
}

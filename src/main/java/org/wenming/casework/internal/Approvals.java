package org.wenming.casework.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wenming.shared.CityTime;

/** Extension (延期) and suspension (挂起) requests of a case, with their decisions. */
@Repository
public class Approvals {

	public record Approval(long id, long caseId, String kind, String requestedBy, OffsetDateTime requestedAt,
			String reason, OffsetDateTime requestedDueAt, String status, String decidedBy, OffsetDateTime decidedAt,
			String decisionReason) {

		public boolean pending() {
			return "PENDING".equals(status);
		}
	}

	private final JdbcClient jdbc;

	Approvals(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<Approval> of(long caseId) {
		return jdbc.sql("select * from case_approval where case_id = :id order by id").param("id", caseId)
				.query(Approvals::approval).list();
	}

	static Approval approval(ResultSet rs, int n) throws SQLException {
		return new Approval(rs.getLong("id"), rs.getLong("case_id"), rs.getString("kind"), rs.getString("requested_by"),
				time(rs, "requested_at"), rs.getString("reason"), time(rs, "requested_due_at"), rs.getString("status"),
				rs.getString("decided_by"), time(rs, "decided_at"), rs.getString("decision_reason"));
	}

	static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.atZoneSameInstant(CityTime.ZONE).toOffsetDateTime();
	}
}

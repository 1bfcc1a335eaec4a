package org.wenming.servicedesk.dispatch;

import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.casework.calendar.WorkingTime;

/**
 * The stage clocks of an order on the city's working calendar: {@code accept_due} from the moment the
 * order reaches a site (received, passed up, handed back, escalated), {@code serve_due} from the moment
 * it was accepted or dispatched, each by its category's limit ({@code service_category}).
 */
@Component
public class StageClocks {

	private final JdbcClient jdbc;

	private final WorkingTime working;

	StageClocks(JdbcClient jdbc, WorkingTime working) {
		this.jdbc = jdbc;
		this.working = working;
	}

	private record Limit(int amount, String unit) {
	}

	public Instant acceptDue(String category, Instant from) {
		return due(from, limit(category, "accept"));
	}

	public Instant serveDue(String category, Instant from) {
		return due(from, limit(category, "serve"));
	}

	private Limit limit(String category, String stage) {
		String sql = "accept".equals(stage)
				? "select accept_within as amount, accept_unit as unit from service_category where code = :code"
				: "select serve_within as amount, serve_unit as unit from service_category where code = :code";
		return jdbc.sql(sql).param("code", category)
			.query((rs, i) -> new Limit(rs.getInt("amount"), rs.getString("unit")))
			.single();
	}

	private Instant due(Instant from, Limit limit) {
		return "WORKING_HOURS".equals(limit.unit()) ? working.dueInWorkingHours(from, limit.amount())
				: working.dueInWorkingDays(from, limit.amount());
	}
}

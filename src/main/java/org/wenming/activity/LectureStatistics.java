package org.wenming.activity;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.wenming.shared.CityTime;
import org.wenming.shared.DataScope;

/**
 * Lecture statistics (宣讲统计): sessions (finished lectures, 场次) and attendances (their audience
 * counts, 人次) in a period, by "六进" setting and by lecture team, inside a data scope. A lecture
 * counts in the period its first shift starts in; the partial covering index of V12 answers these
 * queries from the index alone.
 */
@Service
public class LectureStatistics {

	/** One line: a setting or a team (or the total), with its sessions and attendances. */
	public record Line(String key, String name, long sessions, long attendances) {
	}

	public record Report(LocalDate from, LocalDate to, long sessions, long attendances, List<Line> bySetting,
			List<Line> byTeam) {
	}

	private final JdbcClient jdbc;

	LectureStatistics(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The report for the days from {@code from} to {@code to}, both included, in the city's calendar. */
	public Report report(DataScope scope, LocalDate from, LocalDate to) {
		var params = new java.util.HashMap<String, Object>();
		params.put("from", from.atStartOfDay(CityTime.ZONE).toOffsetDateTime());
		params.put("to", to.plusDays(1).atStartOfDay(CityTime.ZONE).toOffsetDateTime());
		params.put("lower", scope.lower());
		params.put("upper", scope.upper());
		String where = """
				from activity a where a.type = 'LECTURE' and a.status = 'FINISHED' and a.starts_at >= :from
				    and a.starts_at < :to and a.region_path >= :lower and a.region_path < :upper""";
		List<Line> bySetting = jdbc.sql("select a.lecture_setting as key, count(*) as sessions,"
				+ " coalesce(sum(a.audience_count), 0) as attendances " + where
				+ " group by a.lecture_setting order by a.lecture_setting").params(params)
			.query((rs, i) -> new Line(rs.getString("key"), null, rs.getLong("sessions"), rs.getLong("attendances")))
			.list();
		List<Line> byTeam = jdbc.sql("select g.team_id, t.name, g.sessions, g.attendances from (select a.lecture_team_id"
				+ " as team_id, count(*) as sessions, coalesce(sum(a.audience_count), 0) as attendances " + where
				+ " group by a.lecture_team_id) g left join published_team t on t.id = g.team_id"
				+ " order by g.attendances desc, g.team_id limit 200").params(params)
			.query((rs, i) -> new Line(String.valueOf(rs.getObject("team_id")), rs.getString("name"),
					rs.getLong("sessions"), rs.getLong("attendances")))
			.list();
		long sessions = bySetting.stream().mapToLong(Line::sessions).sum();
		long attendances = bySetting.stream().mapToLong(Line::attendances).sum();
		return new Report(from, to, sessions, attendances, bySetting, byTeam);
	}
}

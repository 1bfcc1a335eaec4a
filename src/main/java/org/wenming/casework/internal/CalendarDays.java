package org.wenming.casework.internal;

import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wenming.shared.CityTime;

/** The calendar's exceptions as staff keep them ({@code work_calendar_day}), and the calendar they make. */
@Repository
public class CalendarDays {

	/** One exception day as listed on the calendar page. */
	public record Day(LocalDate day, WorkingCalendar.DayKind kind, String name, String updatedBy) {
	}

	private final JdbcClient jdbc;

	private final WorkflowProperties properties;

	CalendarDays(JdbcClient jdbc, WorkflowProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** The calendar as it stands now (a few dozen rows a year: read fresh so an edit counts at once). */
	public WorkingCalendar calendar() {
		Map<LocalDate, WorkingCalendar.DayKind> exceptions = new HashMap<>();
		jdbc.sql("select day, kind from work_calendar_day").query(rs -> {
			exceptions.put(rs.getDate("day").toLocalDate(), WorkingCalendar.DayKind.valueOf(rs.getString("kind")));
		});
		return new WorkingCalendar(exceptions, properties.periods(), CityTime.ZONE);
	}

	public List<Day> year(int year) {
		return jdbc.sql("select * from work_calendar_day where day >= :from and day < :to order by day")
				.param("from", Date.valueOf(LocalDate.of(year, 1, 1))).param("to", Date.valueOf(LocalDate.of(year + 1, 1, 1)))
				.query((rs, n) -> new Day(rs.getDate("day").toLocalDate(),
						WorkingCalendar.DayKind.valueOf(rs.getString("kind")), rs.getString("name"),
						rs.getString("updated_by")))
				.list();
	}

	/** Sets a day's exception (a holiday on a weekday, a working weekend day); replaces one already set. */
	public void put(LocalDate day, WorkingCalendar.DayKind kind, String name, String by) {
		jdbc.sql("""
				insert into work_calendar_day (day, kind, name, updated_by) values (:day, :kind, :name, :by)
				on conflict (day) do update set kind = excluded.kind, name = excluded.name, updated_by = excluded.updated_by""")
				.param("day", Date.valueOf(day)).param("kind", kind.name()).param("name", name).param("by", by).update();
	}

	public boolean remove(LocalDate day) {
		return jdbc.sql("delete from work_calendar_day where day = :day").param("day", Date.valueOf(day)).update() > 0;
	}
}

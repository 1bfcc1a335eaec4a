package org.wenming.servicedesk.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.casework.internal.CalendarDays;
import org.wenming.casework.internal.WorkingCalendar.DayKind;
import org.wenming.region.PracticeSites;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

/**
 * Stage clocks and escalation on the city's calendar with a fixed clock, across National Day 2032
 * (Friday 1 to Thursday 7 October off, Saturday 9 October worked in exchange, 调休): a year no other
 * test or the demo touches.
 */
@WenmingTest
class EscalationTest {

	@Autowired
	StageClocks clocks;

	@Autowired
	Escalation escalation;

	@Autowired
	CalendarDays days;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PracticeSites sites;

	@Autowired
	Regions regions;

	@Autowired
	ContactSeal seal;

	DispatchFixtures fx;

	@BeforeEach
	void nationalDay2032() {
		fx = new DispatchFixtures(jdbc, sites, regions, seal);
		for (int d = 1; d <= 7; d++) {
			days.put(LocalDate.of(2032, 10, d), DayKind.HOLIDAY, "国庆节", "test");
		}
		days.put(LocalDate.of(2032, 10, 9), DayKind.WORKDAY, "国庆节调休", "test");
	}

	@AfterEach
	void removeIt() {
		for (int d = 1; d <= 7; d++) {
			days.remove(LocalDate.of(2032, 10, d));
		}
		days.remove(LocalDate.of(2032, 10, 9));
	}

	static Instant at(int month, int day, int hour, int minute) {
		return LocalDateTime.of(2032, month, day, hour, minute).atZone(CityTime.ZONE).toInstant();
	}

	private Map<String, Object> row(long order) {
		return jdbc.sql("select * from service_order where id = :id").param("id", order).query().singleRow();
	}

	private static Instant instant(Object value) {
		return ((java.sql.Timestamp) value).toInstant();
	}

	@Test
	void theAcceptClockOfAnOrderReceivedOnTheEveOfTheHolidayRunsToTheFirstDayBack() {
		// HOME_VISIT: accept within 1 working day, serve within 5
		Instant eve = at(9, 30, 16, 0);
		assertThat(clocks.acceptDue("HOME_VISIT", eve)).isEqualTo(at(10, 8, 17, 30));
		// LECTURE: accept within 2 working days — the Saturday worked in exchange counts
		assertThat(clocks.acceptDue("LECTURE", eve)).isEqualTo(at(10, 9, 17, 30));
		assertThat(clocks.serveDue("HOME_VISIT", eve)).isEqualTo(at(10, 13, 17, 30));
	}

	@Test
	void anOverdueOrderGoesUpOneLevelAtATimeAndNotBeforeItsClockRunsOut() {
		Instant eve = at(9, 30, 16, 0);
		long order = fx.order(eve, clocks.acceptDue("HOME_VISIT", eve));
		long station = fx.station().id();

		// all through the holiday and on the first day back until the end of the day: not overdue
		escalation.escalateOverdue(at(10, 7, 23, 0));
		escalation.escalateOverdue(at(10, 8, 17, 29));
		assertThat(row(order).get("escalation_level")).isEqualTo(0);
		assertThat(fx.siteOf(order)).isEqualTo(station);
		assertThat(fx.events(order)).isZero();

		// overdue: to the town's institute, with one working day there (the worked Saturday)
		assertThat(escalation.escalateOverdue(at(10, 8, 17, 31))).isPositive();
		Map<String, Object> row = row(order);
		assertThat(row.get("escalation_level")).isEqualTo(1);
		assertThat(row.get("status")).isEqualTo("RECEIVED");
		assertThat(fx.siteOf(order)).isEqualTo(fx.institute().id());
		assertThat(instant(row.get("accept_due"))).isEqualTo(at(10, 9, 17, 30));
		List<Map<String, Object>> events = jdbc.sql("select * from service_order_event where order_id = :id")
			.param("id", order).query().listOfRows();
		assertThat(events).singleElement().satisfies(e -> {
			assertThat(e.get("kind")).isEqualTo("ESCALATED");
			assertThat(e.get("site_id")).isEqualTo(fx.institute().id());
			assertThat(e.get("actor")).isEqualTo(Escalation.ACTOR);
		});
		assertThat(fx.notices(order)).isEqualTo(1);

		// the same run again changes nothing (a second node, or the next period before the new due time)
		escalation.escalateOverdue(at(10, 8, 17, 31));
		assertThat(row(order).get("escalation_level")).isEqualTo(1);

		// then the county's centre, then the city (no site above a centre), then no further
		escalation.escalateOverdue(at(10, 9, 17, 31));
		assertThat(row(order).get("escalation_level")).isEqualTo(2);
		assertThat(fx.siteOf(order)).isEqualTo(fx.centre().id());
		escalation.escalateOverdue(at(10, 12, 17, 31));
		assertThat(row(order).get("escalation_level")).isEqualTo(3);
		assertThat(fx.siteOf(order)).isEqualTo(fx.centre().id());
		escalation.escalateOverdue(at(10, 20, 17, 31));
		assertThat(row(order).get("escalation_level")).isEqualTo(3);
		assertThat(fx.events(order)).isEqualTo(3);
	}

	@Test
	void aClosedOrderIsNeverEscalated() {
		Instant eve = at(9, 30, 16, 0);
		long order = fx.order(eve, clocks.acceptDue("HOME_VISIT", eve));
		jdbc.sql("update service_order set status = 'DECLINED', closed_at = :at where id = :id").param("id", order)
			.param("at", OffsetDateTime.now()).update();
		escalation.escalateOverdue(at(10, 20, 12, 0));
		assertThat(row(order).get("escalation_level")).isEqualTo(0);
		assertThat(fx.events(order)).isZero();
	}
}

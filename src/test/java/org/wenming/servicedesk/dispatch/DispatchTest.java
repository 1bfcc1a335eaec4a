package org.wenming.servicedesk.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.activity.Activities;
import org.wenming.activity.ActivityStatus;
import org.wenming.region.PracticeSites;
import org.wenming.region.Regions;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopedUser;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

/**
 * Each dispatch step on the real database, and each refusal (wrong state, wrong scope, bad input) with
 * nothing stored: no status change, no event, no notice.
 */
@WenmingTest
class DispatchTest {

	@Autowired
	Dispatch dispatch;

	@Autowired
	Activities activities;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PracticeSites sites;

	@Autowired
	Regions regions;

	@Autowired
	ContactSeal seal;

	DispatchFixtures fx;

	ScopedUser villageStaff;

	ScopedUser townStaff;

	@BeforeEach
	void fixtures() {
		fx = new DispatchFixtures(jdbc, sites, regions, seal);
		villageStaff = fx.staff(DispatchFixtures.VILLAGE);
		townStaff = fx.staff(DispatchFixtures.TOWN);
	}

	private static DispatchDraft draft(long team, int needed) {
		OffsetDateTime start = OffsetDateTime.now().plusDays(3).truncatedTo(ChronoUnit.HOURS);
		return new DispatchDraft(team, needed, start, start.plusHours(2));
	}

	private Map<String, Object> row(long order) {
		return jdbc.sql("select * from service_order where id = :id").param("id", order).query().singleRow();
	}

	@Test
	void acceptRecordsTheStepStartsTheServeClockAndTellsTheResident() {
		long order = fx.order();
		dispatch.accept(order, villageStaff);
		Map<String, Object> row = row(order);
		assertThat(row.get("status")).isEqualTo("ACCEPTED");
		assertThat(row.get("accepted_at")).isNotNull();
		assertThat(row.get("serve_due")).isNotNull();
		assertThat(fx.events(order)).isEqualTo(1);
		assertThat(fx.notices(order)).isEqualTo(1);
		// the notice carries the number, sealed; its text names the order
		String text = jdbc.sql("""
				select text from notification_outbox where parameters ->> 'order' = :n""")
			.param("n", row.get("order_number")).query(String.class).single();
		assertThat(text).contains((String) row.get("order_number")).doesNotContain(DispatchFixtures.MOBILE);
		// a second accept is a wrong state: refused, nothing stored
		assertThatThrownBy(() -> dispatch.accept(order, villageStaff))
			.isInstanceOfSatisfying(DispatchRefusedException.class,
					e -> assertThat(e.kind()).isEqualTo(DispatchRefusedException.Kind.CONFLICT));
		assertThat(fx.events(order)).isEqualTo(1);
		assertThat(fx.notices(order)).isEqualTo(1);
	}

	@Test
	void declineNeedsAReasonTheResidentSeesAndIsFinal() {
		long order = fx.order();
		assertThatThrownBy(() -> dispatch.decline(order, "  ", villageStaff))
			.isInstanceOfSatisfying(DispatchRefusedException.class,
					e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly("reason"));
		assertThatThrownBy(() -> dispatch.decline(order, "长".repeat(501), villageStaff))
			.isInstanceOf(DispatchRefusedException.class);
		assertThat(fx.status(order)).isEqualTo("RECEIVED");
		assertThat(fx.events(order)).isZero();
		assertThat(fx.notices(order)).isZero();

		dispatch.decline(order, "本站暂无法提供家电维修服务", villageStaff);
		assertThat(fx.status(order)).isEqualTo("DECLINED");
		assertThat(row(order).get("closed_at")).isNotNull();
		Map<String, Object> event = jdbc.sql("select * from service_order_event where order_id = :id").param("id", order)
			.query().singleRow();
		assertThat(event.get("kind")).isEqualTo("DECLINED");
		assertThat(event.get("reason")).isEqualTo("本站暂无法提供家电维修服务");
		assertThat(event.get("public_reason")).isEqualTo(true);
		assertThat(fx.notices(order)).isEqualTo(1);
		assertThatThrownBy(() -> dispatch.accept(order, villageStaff)).isInstanceOf(DispatchRefusedException.class);
	}

	@Test
	void passUpGoesStationToInstituteToCentreAndTheStationLosesIt() {
		long order = fx.order();
		dispatch.passUp(order, null, villageStaff);
		assertThat(fx.status(order)).isEqualTo("PASSED_UP");
		assertThat(fx.siteOf(order)).isEqualTo(fx.institute().id());
		assertThat(row(order).get("accept_due")).isNotNull();
		// the station's staff no longer hold it: outside their scope now
		assertThatThrownBy(() -> dispatch.accept(order, villageStaff)).isInstanceOf(OutOfScopeException.class);
		dispatch.passUp(order, "需要县级法律服务队", townStaff);
		assertThat(fx.siteOf(order)).isEqualTo(fx.centre().id());
		// a centre has no site above it
		ScopedUser countyStaff = fx.staff(DispatchFixtures.COUNTY);
		assertThatThrownBy(() -> dispatch.passUp(order, null, countyStaff))
			.isInstanceOfSatisfying(DispatchRefusedException.class,
					e -> assertThat(e.problems().get(0).messageKey()).isEqualTo("servicedesk.dispatch.error.top"));
		assertThat(fx.siteOf(order)).isEqualTo(fx.centre().id());
		assertThat(fx.events(order)).isEqualTo(2);
		assertThat(fx.notices(order)).isEqualTo(2);
	}

	@Test
	void staffOutsideTheScopeGetNotFoundAndNothingIsStored() {
		long order = fx.order();
		ScopedUser otherVillage = fx.staff(regions.children(DispatchFixtures.TOWN).stream().map(r -> r.code())
			.filter(c -> !c.equals(DispatchFixtures.VILLAGE)).findFirst().orElseThrow());
		ScopedUser otherCounty = fx.staff("441203");
		assertThatThrownBy(() -> dispatch.accept(order, otherVillage)).isInstanceOf(OutOfScopeException.class);
		assertThatThrownBy(() -> dispatch.decline(order, "理由", otherCounty)).isInstanceOf(OutOfScopeException.class);
		long team = fx.team(DispatchFixtures.COUNTY);
		assertThatThrownBy(() -> dispatch.dispatch(order, draft(team, 2), otherCounty))
			.isInstanceOf(OutOfScopeException.class);
		// a team leader is no dispatcher
		assertThatThrownBy(() -> dispatch.accept(order, fx.leader(team))).isInstanceOf(OutOfScopeException.class);
		assertThatThrownBy(() -> dispatch.accept(Long.MAX_VALUE, villageStaff)).isInstanceOf(OutOfScopeException.class);
		assertThat(fx.status(order)).isEqualTo("RECEIVED");
		assertThat(fx.events(order)).isZero();
		assertThat(fx.notices(order)).isZero();
	}

	@Test
	void dispatchCreatesTheTeamsShiftAndStoresTeamNeededAndTheServeClock() {
		long order = fx.order();
		long team = fx.team(DispatchFixtures.COUNTY);
		long shiftId = dispatch.dispatch(order, draft(team, 3), villageStaff);
		Map<String, Object> row = row(order);
		assertThat(row.get("status")).isEqualTo("DISPATCHED");
		assertThat(row.get("team_id")).isEqualTo(team);
		assertThat(row.get("needed")).isEqualTo(3);
		assertThat(row.get("shift_id")).isEqualTo(shiftId);
		assertThat(row.get("dispatched_at")).isNotNull();
		assertThat(row.get("serve_due")).isNotNull();
		var shift = activities.shift(shiftId).orElseThrow();
		assertThat(shift.capacity()).isEqualTo(3);
		var activity = activities.find(shift.activityId()).orElseThrow();
		assertThat(activity.organizerTeamId()).isEqualTo(team);
		assertThat(activity.listed()).isFalse();
		assertThat(activity.waitlist()).isFalse();
		assertThat(activity.address()).isNull();
		assertThat(activity.regionCode()).isEqualTo(DispatchFixtures.VILLAGE);
		assertThat(activity.title() + activity.description()).doesNotContain("张阿婆").doesNotContain("电视机");
		assertThat(fx.events(order)).isEqualTo(1);
		assertThat(fx.notices(order)).isEqualTo(1);
	}

	@Test
	void badDispatchInputNamesTheFieldsAndStoresNothing() {
		long order = fx.order();
		long team = fx.team(DispatchFixtures.COUNTY);
		long activitiesBefore = jdbc.sql("select count(*) from activity").query(Long.class).single();
		assertThatThrownBy(() -> dispatch.dispatch(order, new DispatchDraft(null, 0, null, null), villageStaff))
			.isInstanceOfSatisfying(DispatchRefusedException.class, e -> assertThat(e.problems())
				.extracting(p -> p.field()).containsExactly("teamId", "needed", "startsAt", "endsAt"));
		assertThatThrownBy(() -> dispatch.dispatch(order, draft(team, 201), villageStaff))
			.isInstanceOfSatisfying(DispatchRefusedException.class,
					e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly("needed"));
		// a team of another county that does not serve this village and lies outside the dispatcher's scope
		long elsewhere = fx.team("441203");
		assertThatThrownBy(() -> dispatch.dispatch(order, draft(elsewhere, 2), villageStaff))
			.isInstanceOfSatisfying(DispatchRefusedException.class,
					e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly("teamId"));
		// a time in the past: the activity rules refuse it, named as the desk's field
		OffsetDateTime past = OffsetDateTime.now().minusHours(3);
		assertThatThrownBy(
				() -> dispatch.dispatch(order, new DispatchDraft(team, 2, past, past.plusHours(1)), villageStaff))
			.isInstanceOfSatisfying(DispatchRefusedException.class,
					e -> assertThat(e.problems()).extracting(p -> p.field()).contains("startsAt"));
		assertThat(fx.status(order)).isEqualTo("RECEIVED");
		assertThat(row(order).get("team_id")).isNull();
		assertThat(fx.events(order)).isZero();
		assertThat(fx.notices(order)).isZero();
		assertThat(jdbc.sql("select count(*) from activity").query(Long.class).single()).isEqualTo(activitiesBefore);
	}

	@Test
	void handBackByTheLeaderCancelsTheShiftAndPutsTheOrderBackInTheQueue() {
		long order = fx.order();
		long team = fx.team(DispatchFixtures.COUNTY);
		ScopedUser leader = fx.leader(team);
		long shiftId = dispatch.dispatch(order, draft(team, 2), villageStaff);
		long activity = activities.shift(shiftId).orElseThrow().activityId();
		// another team's leader may not
		ScopedUser otherLeader = fx.leader(fx.team(DispatchFixtures.COUNTY));
		assertThatThrownBy(() -> dispatch.handBack(order, "人手不足", otherLeader)).isInstanceOf(OutOfScopeException.class);
		assertThatThrownBy(() -> dispatch.handBack(order, "", leader)).isInstanceOf(DispatchRefusedException.class);
		assertThat(fx.status(order)).isEqualTo("DISPATCHED");

		dispatch.handBack(order, "队员临时有事，人手不足", leader);
		Map<String, Object> row = row(order);
		assertThat(row.get("status")).isEqualTo("HANDED_BACK");
		assertThat(row.get("shift_id")).isNull();
		assertThat(row.get("team_id")).isNull();
		assertThat(row.get("accept_due")).isNotNull();
		assertThat(activities.find(activity).orElseThrow().status()).isEqualTo(ActivityStatus.CANCELLED);
		Map<String, Object> event = jdbc.sql("select * from service_order_event where order_id = :id and kind = 'HANDED_BACK'")
			.param("id", order).query().singleRow();
		assertThat(event.get("team_id")).isEqualTo(team);
		assertThat(event.get("public_reason")).isEqualTo(true);
		assertThat(fx.notices(order)).isEqualTo(2);
		// back in the site's queue: dispatched again
		long again = dispatch.dispatch(order, draft(team, 2), villageStaff);
		assertThat(again).isNotEqualTo(shiftId);
		assertThat(fx.status(order)).isEqualTo("DISPATCHED");
		// a hand-back of an order not dispatched is a wrong state
		long received = fx.order();
		assertThatThrownBy(() -> dispatch.handBack(received, "理由", villageStaff))
			.isInstanceOf(DispatchRefusedException.class);
	}

	@Test
	void cancelByStaffNeedsAReasonAndCancelsAShiftToo() {
		long order = fx.order();
		long team = fx.team(DispatchFixtures.COUNTY);
		long shiftId = dispatch.dispatch(order, draft(team, 2), villageStaff);
		assertThatThrownBy(() -> dispatch.cancel(order, null, villageStaff)).isInstanceOf(DispatchRefusedException.class);
		dispatch.cancel(order, "群众已自行解决", villageStaff);
		assertThat(fx.status(order)).isEqualTo("CANCELLED");
		assertThat(activities.find(activities.shift(shiftId).orElseThrow().activityId()).orElseThrow().status())
			.isEqualTo(ActivityStatus.CANCELLED);
		assertThatThrownBy(() -> dispatch.cancel(order, "再撤一次", villageStaff))
			.isInstanceOf(DispatchRefusedException.class);
		assertThat(fx.events(order)).isEqualTo(2);
	}
}

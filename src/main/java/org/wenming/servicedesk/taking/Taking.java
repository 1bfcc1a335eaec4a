package org.wenming.servicedesk.taking;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.activity.Activities;
import org.wenming.activity.ActivityRefusedException;
import org.wenming.activity.RosterRow;
import org.wenming.activity.Shift;
import org.wenming.activity.Signup;
import org.wenming.activity.SignupStatus;
import org.wenming.activity.Signups;
import org.wenming.region.PracticeSite;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.servicedesk.OrderStatus;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.team.MemberRow;
import org.wenming.volunteer.team.MembershipStatus;
import org.wenming.volunteer.team.Team;
import org.wenming.volunteer.team.Teams;

/**
 * 接单: the open orders of a volunteer's teams (dispatched, the shift not started, places left) and taking a
 * place, which is signing up for the order's shift through the activity module ({@link Signups}): its row
 * lock counts the places, and with no waitlist a take after they are gone is refused with the reason.
 * A volunteer sees the village or community, the time, what is asked and the places left — never the
 * contact, the address or the position (the distance is rounded to a tenth of a kilometre). A leader of the
 * team (or staff in scope) may assign a member, and sees the team's dispatched orders with their takers.
 */
@Service
public class Taking {

	static final int LIMIT = 100;

	private final JdbcClient jdbc;

	private final OrderSteps steps;

	private final Signups signups;

	private final Activities activities;

	private final Teams teams;

	private final Regions regions;

	private final PracticeSites sites;

	private final Clock clock;

	Taking(JdbcClient jdbc, OrderSteps steps, Signups signups, Activities activities, Teams teams, Regions regions,
			PracticeSites sites, Clock clock) {
		this.jdbc = jdbc;
		this.steps = steps;
		this.signups = signups;
		this.activities = activities;
		this.teams = teams;
		this.regions = regions;
		this.sites = sites;
		this.clock = clock;
	}

	/** An order a volunteer may take: where (village or community), when, what, how many places are left. */
	public record Takeable(long orderId, String orderNumber, String category, String what, String villageName,
			String regionCode, String teamName, OffsetDateTime startsAt, OffsetDateTime endsAt, int needed,
			int placesLeft, boolean mine, BigDecimal distanceKm) {
	}

	/** The result of a take or an assignment. */
	public record Taken(long orderId, long signupId, int placesLeft) {
	}

	/** A taker as the leader sees them (name masked). */
	public record Taker(long volunteerId, String maskedName, String volunteerNumber, String status) {
	}

	/** A member the leader may assign (not already taking). */
	public record Member(long volunteerId, String maskedName) {
	}

	/** A dispatched (or served) order of a team the leader leads, with its takers. */
	public record TeamOrder(long orderId, String orderNumber, String category, String what, String villageName,
			OrderStatus status, long teamId, String teamName, OffsetDateTime startsAt, OffsetDateTime endsAt, int needed,
			int placesLeft, boolean started, List<Taker> takers, List<Member> members) {
	}

	/**
	 * The open orders of the teams the volunteer is a member of, nearest first when a position is given
	 * (the order's, else its village's station's), else soonest first. Empty for someone not a volunteer.
	 */
	public List<Takeable> takeable(ScopedUser me, BigDecimal latitude, BigDecimal longitude) {
		Optional<Volunteer> volunteer = signups.ownVolunteer(me);
		if (volunteer.isEmpty()) {
			return List.of();
		}
		List<Long> teamIds = teams.myMemberships(me).stream().filter(m -> m.status() == MembershipStatus.MEMBER)
			.map(m -> m.teamId()).distinct().toList();
		if (teamIds.isEmpty()) {
			return List.of();
		}
		record Row(long id, String number, String category, String what, String regionCode, BigDecimal lat,
				BigDecimal lon, long shiftId, int needed, String teamName) {
		}
		List<Row> rows = jdbc.sql("""
				select o.id, o.order_number, o.category, o.what, o.region_code, o.latitude, o.longitude, o.shift_id,
				    o.needed, t.name as team_name
				from service_order o join published_team t on t.id = o.team_id
				where o.status = 'DISPATCHED' and o.team_id in (:teams) and o.shift_id is not null
				order by o.dispatched_at, o.id limit :limit""").param("teams", teamIds).param("limit", LIMIT)
			.query((rs, i) -> new Row(rs.getLong("id"), rs.getString("order_number"), rs.getString("category"),
					rs.getString("what"), rs.getString("region_code"), rs.getBigDecimal("latitude"),
					rs.getBigDecimal("longitude"), rs.getLong("shift_id"), rs.getInt("needed"), rs.getString("team_name")))
			.list();
		Set<Long> mine = signups.liveSignups(volunteer.get().id(), rows.stream().map(Row::shiftId).toList()).stream()
			.map(Signup::shiftId).collect(Collectors.toSet());
		OffsetDateTime now = OffsetDateTime.now(clock);
		List<Takeable> open = new ArrayList<>();
		for (Row row : rows) {
			Optional<Shift> shift = activities.shift(row.shiftId());
			if (shift.isEmpty() || !shift.get().startsAt().isAfter(now)) {
				continue;
			}
			boolean taken = mine.contains(row.shiftId());
			if (shift.get().full() && !taken) {
				continue;
			}
			BigDecimal distance = null;
			if (latitude != null && longitude != null) {
				double[] at = position(row.lat(), row.lon(), row.regionCode());
				if (at != null) {
					distance = BigDecimal.valueOf(kilometres(latitude.doubleValue(), longitude.doubleValue(), at[0], at[1]))
						.setScale(1, RoundingMode.HALF_UP);
				}
			}
			open.add(new Takeable(row.id(), row.number(), row.category(), row.what(), villageName(row.regionCode()),
					row.regionCode(), row.teamName(), shift.get().startsAt(), shift.get().endsAt(), row.needed(),
					shift.get().placesLeft(), taken, distance));
		}
		Comparator<Takeable> order = Comparator.comparing(Takeable::distanceKm,
				Comparator.nullsLast(Comparator.naturalOrder()));
		open.sort(order.thenComparing(Takeable::startsAt).thenComparing(Takeable::orderId));
		return open;
	}

	/**
	 * 接单: the volunteer takes a place on the order's shift (first come, first served). Refused with the
	 * reason when they are not a member of the dispatched team (403), when the order is not open for taking
	 * or the places are gone (409); nothing is stored then.
	 */
	@Transactional
	public Taken take(long orderId, ScopedUser me) {
		Volunteer volunteer = signups.ownVolunteer(me)
			.orElseThrow(() -> ServiceRefusedException.forbidden("servicedesk.service.error.notVolunteer"));
		OrderSteps.Order order = steps.share(orderId);
		if (order.status() != OrderStatus.DISPATCHED || order.shiftId() == null) {
			throw ServiceRefusedException.conflict("servicedesk.service.error.notOpen");
		}
		if (!teams.isMember(order.teamId(), volunteer.id())) {
			throw ServiceRefusedException.forbidden("servicedesk.service.error.notMember");
		}
		Signup signup;
		try {
			signup = signups.signUp(order.shiftId(), volunteer);
		}
		catch (ActivityRefusedException ex) {
			throw ServiceRefusedException.of(ex);
		}
		steps.event(order, "TAKEN", order.status(), me.username(), null, false, clock.instant());
		return new Taken(orderId, signup.id(), placesLeft(order.shiftId()));
	}

	/**
	 * The leader assigns a member of the dispatched team to the order (a sign-up on their behalf, recorded
	 * with who assigned it); the same place rules as a take. Someone neither leading the team nor staff in
	 * scope: 404 and a security event.
	 */
	@Transactional
	public Taken assign(long orderId, Long volunteerId, ScopedUser leader) {
		if (volunteerId == null) {
			throw ServiceRefusedException.invalid("volunteerId", "servicedesk.service.error.required");
		}
		OrderSteps.Order order = steps.share(orderId);
		steps.requireTeamOrStaff(order, leader);
		if (order.status() != OrderStatus.DISPATCHED || order.shiftId() == null) {
			throw ServiceRefusedException.conflict("servicedesk.service.error.notOpen");
		}
		if (!teams.isMember(order.teamId(), volunteerId)) {
			throw ServiceRefusedException.invalid("volunteerId", "servicedesk.service.error.notMember");
		}
		Signup signup;
		try {
			signup = signups.assign(order.shiftId(), volunteerId, leader);
		}
		catch (ActivityRefusedException ex) {
			throw ServiceRefusedException.of(ex);
		}
		steps.event(order, "TAKEN", order.status(), leader.username(), "assigned volunteer " + volunteerId, false,
				clock.instant());
		return new Taken(orderId, signup.id(), placesLeft(order.shiftId()));
	}

	/** The dispatched and served orders of the teams the person leads, newest first, with their takers. */
	public List<TeamOrder> teamOrders(ScopedUser leader) {
		List<Long> led = leader == null ? List.of() : teams.ledTeamIds(leader.userId());
		if (led.isEmpty()) {
			return List.of();
		}
		record Row(long id, String number, String category, String what, String regionCode, OrderStatus status,
				long teamId, String teamName, long shiftId, int needed) {
		}
		List<Row> rows = jdbc.sql("""
				select o.id, o.order_number, o.category, o.what, o.region_code, o.status, o.team_id, t.name as team_name,
				    o.shift_id, o.needed
				from service_order o join published_team t on t.id = o.team_id
				where o.status in ('DISPATCHED', 'SERVED') and o.team_id in (:teams) and o.shift_id is not null
				order by o.dispatched_at desc, o.id desc limit :limit""").param("teams", led).param("limit", LIMIT)
			.query((rs, i) -> new Row(rs.getLong("id"), rs.getString("order_number"), rs.getString("category"),
					rs.getString("what"), rs.getString("region_code"), OrderStatus.valueOf(rs.getString("status")),
					rs.getLong("team_id"), rs.getString("team_name"), rs.getLong("shift_id"), rs.getInt("needed")))
			.list();
		OffsetDateTime now = OffsetDateTime.now(clock);
		List<TeamOrder> orders = new ArrayList<>();
		for (Row row : rows) {
			Shift shift = activities.shift(row.shiftId()).orElse(null);
			if (shift == null) {
				continue;
			}
			List<RosterRow> roster = signups.roster(row.shiftId(), 200);
			List<Taker> takers = roster.stream().filter(r -> r.status() == SignupStatus.CONFIRMED)
				.map(r -> new Taker(r.volunteerId(), r.maskedName(), r.volunteerNumber(), r.status().name())).toList();
			Set<Long> taking = takers.stream().map(Taker::volunteerId).collect(Collectors.toSet());
			List<Member> members = List.of();
			if (row.status() == OrderStatus.DISPATCHED && !shift.full() && shift.startsAt().isAfter(now)) {
				Team team = teams.find(row.teamId()).orElse(null);
				members = team == null ? List.of() : teams.memberRows(team, MembershipStatus.MEMBER, 200).stream()
					.filter(m -> !taking.contains(m.volunteerId()))
					.map(m -> new Member(m.volunteerId(), m.maskedName())).toList();
			}
			orders.add(new TeamOrder(row.id(), row.number(), row.category(), row.what(), villageName(row.regionCode()),
					row.status(), row.teamId(), row.teamName(), shift.startsAt(), shift.endsAt(), row.needed(),
					shift.placesLeft(), !shift.startsAt().isAfter(now), takers, members));
		}
		return orders;
	}

	/** Whether the signed-in person is a registered volunteer (the take page tells the others to register). */
	public boolean isVolunteer(ScopedUser user) {
		return signups.ownVolunteer(user).isPresent();
	}

	/** Whether the person leads any team (the leader's page is theirs). */
	public boolean leadsAny(ScopedUser user) {
		return user != null && !teams.ledTeamIds(user.userId()).isEmpty();
	}

	private int placesLeft(long shiftId) {
		return activities.shift(shiftId).map(Shift::placesLeft).orElse(0);
	}

	private String villageName(String code) {
		return regions.find(code).map(Region::name).orElse(code);
	}

	/** The order's own position, else that of its village's station (the nearest site that has one). */
	private double[] position(BigDecimal lat, BigDecimal lon, String regionCode) {
		if (lat != null && lon != null) {
			return new double[] { lat.doubleValue(), lon.doubleValue() };
		}
		return sites.networkSite(regionCode).filter(s -> s.latitude() != null && s.longitude() != null)
			.map((PracticeSite s) -> new double[] { s.latitude().doubleValue(), s.longitude().doubleValue() })
			.orElse(null);
	}

	static double kilometres(double lat1, double lon1, double lat2, double lon2) {
		double dLat = Math.toRadians(lat2 - lat1);
		double dLon = Math.toRadians(lon2 - lon1);
		double a = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(lat1))
				* Math.cos(Math.toRadians(lat2)) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
		return 6371.0 * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
	}
}

package org.wenming.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.ScopedUser;
import org.wenming.support.WenmingTest;

/**
 * The public directory's pages (the page's ids first, then their rows by key, and the count): the order, the
 * pages, the total and each row's names and places left, by start and nearest first.
 */
@WenmingTest
class ActivityDirectoryPagesTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Activities activities;

	long team;

	ScopedUser leader;

	/** A spot of its own (nobody else's activities lie within a kilometre of it) and a day of its own. */
	double lat;

	double lng;

	OffsetDateTime day;

	@BeforeEach
	void fiveActivitiesInARow() {
		ActivityFixtures fixtures = new ActivityFixtures(jdbc, regions);
		team = fixtures.team("目录分页测试队" + ActivityFixtures.tag(), "441202", ActivityFixtures.DUANZHOU_PATH);
		leader = fixtures.leader(team);
		lat = 21.60 + ThreadLocalRandom.current().nextInt(500) / 10_000.0;
		lng = 111.20;
		day = OffsetDateTime.now(CityTime.ZONE).plusDays(400 + ThreadLocalRandom.current().nextInt(300))
			.withHour(8).withMinute(0).withSecond(0).withNano(0);
	}

	/** Activity i: i × 111 m north of the spot, starting 5 − i hours into the day (the nearest starts last). */
	private List<Activity> published(int count) {
		List<Activity> made = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			OffsetDateTime start = day.plusHours(5 - i);
			ActivityDraft base = ActivityFixtures.draft("目录分页" + i + ActivityFixtures.tag(), team,
					List.of(ActivityFixtures.shift(start, 1, 3 + i)));
			ActivityDraft draft = new ActivityDraft(base.title(), base.description(), base.type(), null, null, null,
					null, team, null, null, base.address(), base.regionCode(),
					BigDecimal.valueOf(lat + i * 0.001).setScale(6, java.math.RoundingMode.HALF_UP),
					BigDecimal.valueOf(lng).setScale(6), null, false, base.shifts());
			made.add(activities.publish(activities.create(draft, leader).id(), leader));
		}
		return made;
	}

	@Test
	void nearestFirstPageByPageWithTheTotalNamesAndPlacesLeft() {
		List<Activity> made = published(5);
		List<Long> seen = new ArrayList<>();
		double last = -1;
		for (int page = 0; page < 3; page++) {
			ActivityPage found = activities.list(new ActivityQuery(null, null, null, null, lat, lng, 1.0, page, 2));
			assertThat(found.total()).isEqualTo(5);
			assertThat(found.items()).hasSize(page < 2 ? 2 : 1);
			for (ActivityListing item : found.items()) {
				assertThat(item.distanceKm()).isGreaterThanOrEqualTo(last);
				last = item.distanceKm();
				int i = made.stream().map(Activity::id).toList().indexOf(item.id());
				assertThat(i).as("one of this test's activities").isNotNegative();
				assertThat(item.placesLeft()).isEqualTo(3 + i);
				assertThat(item.organizerName()).startsWith("目录分页测试队");
				assertThat(item.regionName()).isEqualTo("端州区");
				assertThat(item.title()).isEqualTo(made.get(i).title());
				seen.add(item.id());
			}
		}
		// nearest first: the order they were placed in, each once
		assertThat(seen).containsExactlyElementsOf(made.stream().map(Activity::id).toList());
		assertThat(activities.list(new ActivityQuery(null, null, null, null, lat, lng, 1.0, 3, 2)).items()).isEmpty();
	}

	@Test
	void byStartPageByPageAndTheCountWithoutTheJoins() {
		List<Activity> made = published(4);
		LocalDate date = day.atZoneSameInstant(CityTime.ZONE).toLocalDate();
		ActivityQuery first = new ActivityQuery(ActivityFixtures.DUANZHOU_PATH, date, date, ActivityType.SERVICE, null,
				null, null, 0, 3);
		ActivityPage page = activities.list(first);
		assertThat(page.total()).isEqualTo(4);
		// soonest first: the last made starts first
		assertThat(page.items()).extracting(ActivityListing::id)
			.containsExactly(made.get(3).id(), made.get(2).id(), made.get(1).id());
		assertThat(page.items()).extracting(ActivityListing::distanceKm).containsOnlyNulls();
		ActivityPage second = activities.list(new ActivityQuery(ActivityFixtures.DUANZHOU_PATH, date, date,
				ActivityType.SERVICE, null, null, null, 1, 3));
		assertThat(second.items()).extracting(ActivityListing::id).containsExactly(made.get(0).id());
		assertThat(second.total()).isEqualTo(4);
		// the count follows the filters the page follows: another region, no match
		assertThat(activities.list(new ActivityQuery("44.4412.441203.", date, date, null, null, null, null, 0, 3)).total())
			.isZero();
	}
}

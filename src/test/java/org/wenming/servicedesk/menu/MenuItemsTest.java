package org.wenming.servicedesk.menu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.wenming.region.Regions;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * Menus on the real database: a station's staff, the county office above it and the system administrator
 * manage a station's items; another county's staff cannot; bad input is refused naming the fields with
 * nothing stored; edits are optimistic; a village is offered the active items of its station, its town's
 * institute and its county's centre, and nothing of a neighbouring village's station.
 */
@WenmingTest
class MenuItemsTest {

	static final String VILLAGE = "441202001002";

	static final String NEIGHBOUR = "441202001003";

	@Autowired
	MenuItems menus;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	TestUsers users;

	String tag;

	@BeforeEach
	void setUp() {
		users = new TestUsers(regions);
		tag = UUID.randomUUID().toString().substring(0, 8);
	}

	long site(String regionCode, String kind) {
		return jdbc.sql("select id from practice_site where region_code = :code and kind = :kind")
				.param("code", regionCode).param("kind", kind).query(Long.class).single();
	}

	long items() {
		return jdbc.sql("select count(*) from service_menu_item").query(Long.class).single();
	}

	MenuItemDraft draft(String name) {
		return new MenuItemDraft(name, "HOME_VISIT", "  每周上门探访独居老人 ", " 独居老人 ", 2, null, true);
	}

	@Test
	void staffOfTheScopeManageTheStationsMenu() {
		long station = site(VILLAGE, "STATION");
		ScopedUser stationStaff = users.staffPrincipal(VILLAGE, Roles.SITE_ADMIN);
		MenuItem item = menus.create(station, draft("探访" + tag), stationStaff);
		assertThat(item.siteId()).isEqualTo(station);
		assertThat(item.regionPath()).isEqualTo("44.4412.441202.441202001.441202001002.");
		assertThat(item.description()).isEqualTo("每周上门探访独居老人");
		assertThat(item.eligibility()).isEqualTo("独居老人");
		assertThat(item.atHome()).isTrue();
		assertThat(item.version()).isZero();

		ScopedUser county = users.staffPrincipal("441202", Roles.OFFICE_STAFF);
		MenuItem edited = menus.update(item.id(), 0, new MenuItemDraft("探访改" + tag, "DAILY_CARE", "", null, null,
				null, false), county).orElseThrow();
		assertThat(edited.name()).isEqualTo("探访改" + tag);
		assertThat(edited.category()).isEqualTo("DAILY_CARE");
		assertThat(edited.leadDays()).isNull();
		assertThat(edited.version()).isEqualTo(1);

		// an edit based on the old version is refused, not merged
		assertThatThrownBy(() -> menus.update(item.id(), 0, draft("旧版本" + tag), stationStaff))
				.isInstanceOf(StaleMenuItemException.class);
		assertThat(menus.find(item.id()).orElseThrow().name()).isEqualTo("探访改" + tag);

		ScopedUser admin = new TestUsers(regions).principal(1, VILLAGE, Roles.SYSTEM_ADMIN);
		MenuItem retired = menus.retire(item.id(), 1, admin).orElseThrow();
		assertThat(retired.status()).isEqualTo("RETIRED");
		assertThatThrownBy(() -> menus.retire(item.id(), 2, stationStaff)).isInstanceOf(StaleMenuItemException.class);
		assertThatThrownBy(() -> menus.update(item.id(), 2, draft("x"), stationStaff))
				.isInstanceOf(StaleMenuItemException.class);
	}

	@Test
	void anotherCountyOrAVolunteerCannotTouchIt() {
		long station = site(VILLAGE, "STATION");
		MenuItem item = menus.create(station, draft("探访" + tag), users.staffPrincipal("441202", Roles.OFFICE_STAFF));
		ScopedUser dinghu = users.staffPrincipal("441203", Roles.OFFICE_STAFF);
		ScopedUser neighbourStation = users.staffPrincipal(NEIGHBOUR, Roles.SITE_ADMIN);
		long before = items();
		assertThatThrownBy(() -> menus.create(station, draft("越权" + tag), dinghu))
				.isInstanceOf(OutOfScopeException.class);
		assertThatThrownBy(() -> menus.update(item.id(), 0, draft("越权" + tag), neighbourStation))
				.isInstanceOf(OutOfScopeException.class);
		assertThatThrownBy(() -> menus.retire(item.id(), 0, dinghu)).isInstanceOf(OutOfScopeException.class);
		assertThatThrownBy(() -> menus.create(station, draft("志愿者" + tag),
				users.staffPrincipal(VILLAGE, Roles.VOLUNTEER))).isInstanceOf(AccessDeniedException.class);
		assertThat(items()).isEqualTo(before);
		assertThat(menus.find(item.id()).orElseThrow().name()).isEqualTo("探访" + tag);
		assertThat(menus.find(item.id()).orElseThrow().status()).isEqualTo("ACTIVE");
	}

	@Test
	void badInputIsRefusedNamingEveryFieldAndNothingIsStored() {
		long station = site(VILLAGE, "STATION");
		ScopedUser staff = users.staffPrincipal(VILLAGE, Roles.SITE_ADMIN);
		long before = items();
		MenuItemDraft bad = new MenuItemDraft("  ", "NO_SUCH", "x".repeat(2001), "y".repeat(501), 400, -5L, false);
		assertThatThrownBy(() -> menus.create(station, bad, staff)).isInstanceOfSatisfying(MenuRefusedException.class,
				ex -> assertThat(ex.problems()).extracting(MenuProblem::field)
						.containsExactly("name", "category", "description", "eligibility", "leadDays", "teamId"));
		assertThatThrownBy(() -> menus.create(station, new MenuItemDraft("名".repeat(101), null, null, null, -1, null,
				false), staff)).isInstanceOfSatisfying(MenuRefusedException.class,
						ex -> assertThat(ex.problems()).containsExactly(
								new MenuProblem("name", "servicedesk.menu.error.nameTooLong"),
								new MenuProblem("category", "servicedesk.menu.error.categoryRequired"),
								new MenuProblem("leadDays", "servicedesk.menu.error.leadDaysRange")));
		assertThat(items()).isEqualTo(before);
	}

	@Test
	void aVillageIsOfferedItsStationItsInstituteAndItsCentre() {
		ScopedUser county = users.staffPrincipal("441202", Roles.OFFICE_STAFF);
		long station = site(VILLAGE, "STATION");
		long institute = site("441202001", "INSTITUTE");
		long centre = site("441202", "CENTRE");
		long neighbour = site(NEIGHBOUR, "STATION");
		long dinghuCentre = site("441203", "CENTRE");
		MenuItem atStation = menus.create(station, draft("站" + tag), county);
		MenuItem atInstitute = menus.create(institute, draft("所" + tag), county);
		MenuItem atCentre = menus.create(centre, draft("中心" + tag), county);
		MenuItem atNeighbour = menus.create(neighbour, draft("邻村" + tag), county);
		MenuItem retired = menus.create(station, draft("已下架" + tag), county);
		menus.retire(retired.id(), 0, county);
		MenuItem elsewhere = menus.create(dinghuCentre, draft("鼎湖" + tag),
				users.staffPrincipal("441203", Roles.OFFICE_STAFF));

		List<SiteOffer> offers = menus.offers(VILLAGE);
		assertThat(offers).extracting(SiteOffer::siteId).startsWith(station, institute, centre)
				.doesNotContain(neighbour, dinghuCentre);
		List<Long> offered = offers.stream().flatMap(o -> o.items().stream()).map(MenuItem::id).toList();
		assertThat(offered).contains(atStation.id(), atInstitute.id(), atCentre.id())
				.doesNotContain(atNeighbour.id(), retired.id(), elsewhere.id());
		assertThat(offers.get(0).items()).extracting(MenuItem::id).contains(atStation.id());
		assertThat(offers.get(0).items()).allMatch(i -> i.siteId() == station);

		// the neighbouring village gets the institute's and centre's items, not this station's
		List<Long> neighbours = menus.offers(NEIGHBOUR).stream().flatMap(o -> o.items().stream()).map(MenuItem::id)
				.toList();
		assertThat(neighbours).contains(atNeighbour.id(), atInstitute.id(), atCentre.id()).doesNotContain(atStation.id());
		assertThat(menus.offers("nonsense")).isEmpty();
		assertThat(menus.offers("4412")).isEmpty();
	}

	@Test
	void staffListTheSitesOfTheirScopeWithTheirItems() {
		ScopedUser stationStaff = users.staffPrincipal(VILLAGE, Roles.SITE_ADMIN);
		long station = site(VILLAGE, "STATION");
		MenuItem item = menus.create(station, draft("列表" + tag), stationStaff);
		List<SiteOffer> mine = menus.sitesInScope(null, 500, stationStaff);
		assertThat(mine).extracting(SiteOffer::siteId).contains(station);
		assertThat(mine).allMatch(o -> o.regionPath().startsWith("44.4412.441202.441202001.441202001002."));
		assertThat(mine.stream().filter(o -> o.siteId() == station).findFirst().orElseThrow().items())
				.extracting(MenuItem::id).contains(item.id());
		assertThatThrownBy(() -> menus.sitesInScope("441203", 500, stationStaff))
				.isInstanceOf(AccessDeniedException.class);
	}

	@Test
	void ancestorPathsStartAtTheCounty() {
		assertThat(MenuItems.ancestorPaths("44.4412.441202.441202001.441202001002.")).containsExactly("44.4412.441202.",
				"44.4412.441202.441202001.", "44.4412.441202.441202001.441202001002.");
	}
}

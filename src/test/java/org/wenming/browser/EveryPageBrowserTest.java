package org.wenming.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.wenming.account.AccountFixtures;
import org.wenming.activity.Activities;
import org.wenming.activity.ActivityDraft;
import org.wenming.activity.ActivityType;
import org.wenming.activity.ShiftDraft;
import org.wenming.assessment.observation.ObservationFixtures;
import org.wenming.browser.PageInventory.As;
import org.wenming.browser.PageInventory.Page;
import org.wenming.casework.CaseSource;
import org.wenming.casework.Cases;
import org.wenming.casework.NewCase;
import org.wenming.casework.statistics.CaseRankings;
import org.wenming.ledger.RecordKind;
import org.wenming.ledger.certificate.Certificates;
import org.wenming.ledger.internal.LedgerWriter;
import org.wenming.ledger.internal.NewRecord;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.Volunteers;

/**
 * Every page of {@link PageInventory}, opened by a real account of the role that reaches it (signed in
 * through {@code /login}, a fresh session per role), on a desk and on a phone: axe-core finds no serious or critical violation,
 * the page has its {@code <h1>} and {@code <html lang>}, answers the expected status, and nothing
 * makes a 375 px screen scroll sideways (wide tables scroll inside their own box). Problems of all
 * pages are gathered and reported together.
 */
@BrowserTest
class EveryPageBrowserTest {

	private static final String COUNTY = "441202";

	private static final String VILLAGE = "441202001002";

	private static Map<String, String> rows;

	private static Map<As, String> usernames;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	org.wenming.servicedesk.order.Orders serviceOrders;

	@Autowired
	org.wenming.honor.nomination.Nominations honorNominations;

	@Autowired
	org.wenming.honor.consent.Consents honorConsents;

	@Autowired
	org.wenming.honor.notice.Objections objections;

	@Autowired
	PasswordEncoder encoder;


	@Autowired
	Regions regions;

	@Autowired
	org.wenming.assessment.place.Places places;

	@Autowired
	org.wenming.assessment.round.Rounds assessmentRounds;

	@Autowired
	org.wenming.assessment.framework.Frameworks frameworks;

	@Autowired
	Volunteers volunteers;

	@Autowired
	Activities activities;

	@Autowired
	Cases cases;

	@Autowired
	CaseRankings rankings;

	@Autowired
	Certificates certificates;

	@Autowired
	LedgerWriter ledger;

	@Autowired
	org.wenming.volunteer.ContactSeal contactSeal;

	@ParameterizedTest
	@EnumSource(Viewport.class)
	void everyPageEachRoleReachesPassesAxeAndFitsThePhone(Viewport viewport, Browsers browsers) {
		makeRows();
		List<String> problems = new ArrayList<>();
		int opened = 0;
		// the team leader first: the volunteer's scan page needs the code the leader's screen shows
		List<As> order = new ArrayList<>(List.of(As.values()));
		order.remove(As.TEAM_LEADER);
		order.add(0, As.TEAM_LEADER);
		Browser browser = browsers.open(viewport);
		Accessibility.preload(browser);
		for (As as : order) {
			List<Page> pages = PageInventory.PAGES.stream().filter(p -> p.as() == as).toList();
			if (pages.isEmpty()) {
				continue;
			}
			// a fresh session for each role: one browser start instead of eight
			browser.driver().manage().deleteAllCookies();
			if (as != As.ANONYMOUS) {
				browser.signIn(usernames.get(as), AccountFixtures.PASSWORD);
			}
			if (as == As.TEAM_LEADER) {
				browser.open("/checkin/shifts/" + rows.get("shift") + "/code");
				String url = browser.decodeQr("main figure svg, main figure img");
				rows.put("checkinToken", url.substring(url.indexOf("t=") + 2));
			}
			for (Page page : pages) {
				String address = page.address(rows);
				browser.open(address);
				opened++;
				problems.addAll(check(browser, page, address));
			}
		}
		assertThat(opened).isEqualTo(PageInventory.PAGES.size());
		assertThat(problems).as("pages at %s", viewport).isEmpty();
	}

	private static List<String> check(Browser browser, Page page, String address) {
		List<String> problems = new ArrayList<>();
		String where = address + " as " + page.as() + ": ";
		// one round trip for what the page shows; the culprits of a sideways scroll only when there is one
		@SuppressWarnings("unchecked")
		Map<String, Object> seen = (Map<String, Object>) browser.script("""
				const n = performance.getEntriesByType('navigation')[0];
				const root = document.documentElement, w = root.clientWidth;
				const overflow = root.scrollWidth - w;
				// inside a scrolling box an element cannot widen the page, unless it is positioned out of it
				const contained = e => { if (['absolute', 'fixed'].includes(getComputedStyle(e).position)) return false;
				  for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
				    if (getComputedStyle(a).overflowX !== 'visible') return true; return false; };
				return {
				  status: n ? n.responseStatus : 0,
				  heading: [...document.querySelectorAll('h1')].some(h => h.offsetParent !== null && h.textContent.trim() !== ''),
				  lang: root.getAttribute('lang'),
				  overflow: overflow,
				  culprits: overflow <= 0 ? '' : [...document.querySelectorAll('body *')]
				    .filter(e => e.getBoundingClientRect().right > w + 1 && !contained(e)).slice(0, 3)
				    .map(e => e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')).join(', ')
				}""");
		int status = ((Number) seen.get("status")).intValue();
		if (status != page.status()) {
			problems.add(where + "answered " + status + ", not " + page.status());
			return problems;
		}
		if (!Boolean.TRUE.equals(seen.get("heading"))) {
			problems.add(where + "no visible <h1>");
		}
		if (!"zh-CN".equals(seen.get("lang"))) {
			problems.add(where + "<html lang=\"" + seen.get("lang") + "\">");
		}
		int overflow = ((Number) seen.get("overflow")).intValue();
		if (browser.viewport() == Viewport.PHONE && overflow > 0) {
			problems.add(where + overflow + " px wider than the phone: " + seen.get("culprits"));
		}
		problems.addAll(Accessibility.violations(browser, false).stream().map(v -> where + v).toList());
		return problems;
	}

	/** One set of rows for both widths: a person of each role and one of each record a page needs. */
	private synchronized void makeRows() {
		if (rows != null) {
			return;
		}
		AccountFixtures accounts = new AccountFixtures(jdbc, encoder);
		TestUsers users = new TestUsers(regions);
		Map<String, String> made = new HashMap<>();
		Map<As, String> names = new EnumMap<>(As.class);

		// the volunteer: registered themselves, with a login
		String volunteerName = AccountFixtures.unique("a11y-vol");
		Volunteer volunteer = volunteers.registerSelf(TestVolunteers.draft(TestVolunteers.name(),
				TestVolunteers.residentId(COUNTY), TestVolunteers.mobile(), VILLAGE), volunteerName, AccountFixtures.PASSWORD);
		names.put(As.VOLUNTEER, volunteerName);
		made.put("volunteer", String.valueOf(volunteer.id()));

		// a team and its leader, and a published activity of the team with one shift
		long team = jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, updated_by)
				values (:name, 'CORPS', 'PRACTICE', :region, :path, 'test') returning id""")
			.param("name", "无障碍测试队" + suffix()).param("region", COUNTY)
			.param("path", regions.find(COUNTY).orElseThrow().path()).query(Long.class).single();
		made.put("team", String.valueOf(team));
		String leaderName = AccountFixtures.unique("a11y-leader");
		long leaderId = accounts.user(leaderName, COUNTY, Roles.TEAM_LEADER);
		jdbc.sql("insert into team_leader (team_id, user_id, assigned_by) values (:team, :user, 'test')")
			.param("team", team).param("user", leaderId).update();
		names.put(As.TEAM_LEADER, leaderName);
		ScopedUser leader = users.principal(leaderId, COUNTY, Roles.TEAM_LEADER);
		OffsetDateTime start = OffsetDateTime.now(CityTime.ZONE).plusDays(3).withHour(9).withMinute(0).withSecond(0).withNano(0);
		long activity = activities.create(new ActivityDraft("无障碍测试活动" + suffix(), "测试活动", ActivityType.SERVICE, null,
				null, null, null, team, null, null, "端州区测试路1号", COUNTY, new BigDecimal("23.050000"),
				new BigDecimal("112.460000"), null, false,
				List.of(new ShiftDraft(start, start.plusHours(3), 10, null, List.of()))), leader).id();
		activities.publish(activity, leader);
		made.put("activity", String.valueOf(activity));
		made.put("shift", String.valueOf(activities.shifts(activity).get(0).id()));

		// a practice site and its administrator
		long site = jdbc.sql("""
				insert into practice_site (region_code, region_path, kind, name, address, updated_by)
				values (:region, :path, 'POINT', :name, '端州区测试路2号', 'test') returning id""")
			.param("region", COUNTY).param("path", regions.find(COUNTY).orElseThrow().path())
			.param("name", "无障碍测试点" + suffix()).query(Long.class).single();
		made.put("site", String.valueOf(site));
		// an item of its service menu
		made.put("menuItem", String.valueOf(jdbc.sql("""
				insert into service_menu_item (site_id, region_path, name, category, description, created_by, updated_by)
				values (:site, :path, :name, 'HOME_VISIT', '测试服务', 'test', 'test') returning id""")
			.param("site", site).param("path", regions.find(COUNTY).orElseThrow().path())
			.param("name", "无障碍测试服务" + suffix()).query(Long.class).single()));
		// a nomination (its follow link and a consent link to its nominee) for the honours pages
		org.wenming.honor.nomination.Submitted nomination = honorNominations.submit(
				new org.wenming.honor.nomination.NominationDraft("HELPING", "PERSON", "无障碍测试好人",
						org.wenming.volunteer.TestVolunteers.residentId("441202"), "13800138001", "441202001002",
						null, "无障碍测试事迹", "测试事迹材料", "PUBLIC", "陈街坊", null, "13800138000"),
				new org.wenming.honor.nomination.Nominations.Submitter(
						users.principal(volunteer.userId(), VILLAGE, Roles.VOLUNTEER), false, java.util.Locale.CHINA, ""),
				List.of());
		made.put("honorFollow", nomination.token());
		made.put("honorNomination", String.valueOf(nomination.id()));
		made.put("honorConsent", honorConsents.request(nomination.id(), null,
				users.principal(1, "4412", Roles.SYSTEM_ADMIN), java.util.Locale.CHINA, "").token());
		made.put("serviceFollow", serviceOrders.place(new org.wenming.servicedesk.order.OrderDraft(null, "WISH",
				"无障碍测试心愿", "441202001002", null, null, null, null, null, "陈阿姨", "13800138000", null),
				org.wenming.servicedesk.order.OrderChannel.WEB, null, java.util.Locale.CHINA).followToken());
		// an order the volunteer placed signed in (their own list; the staff's order page)
		org.wenming.servicedesk.order.PlacedOrder ownOrder = serviceOrders.place(
				new org.wenming.servicedesk.order.OrderDraft(null, "HOME_VISIT", "无障碍测试上门探访", "441202001002",
						"端州区测试路5号", null, null, null, null, "陈阿姨", "13800138000", null),
				org.wenming.servicedesk.order.OrderChannel.WEB,
				users.principal(volunteer.userId(), VILLAGE, Roles.VOLUNTEER), java.util.Locale.CHINA);
		made.put("serviceOrderNumber", ownOrder.orderNumber());
		made.put("serviceOrder", String.valueOf(ownOrder.id()));
		// honours: a nomination waiting at the city, a published entry of the roll (by SQL, as the honours tests do)
		org.wenming.honor.roll.RollFixtures honours = new org.wenming.honor.roll.RollFixtures(jdbc, regions, contactSeal);
		made.put("honorNomination", String.valueOf(honours.nomination(VILLAGE, "SUBMITTED", "CITY", "2026Q4")));
		made.put("honorEntry", String.valueOf(honours.published(VILLAGE, "2026Q3", "无障碍测试好人")));
		String siteAdmin = AccountFixtures.unique("a11y-site");
		accounts.user(siteAdmin, COUNTY, Roles.SITE_ADMIN);
		names.put(As.SITE_ADMIN, siteAdmin);

		// two orders in the village station's queue, one overdue, for the dispatch desk's cards
		for (int overdue = 0; overdue < 2; overdue++) {
			var contact = contactSeal.seal(org.wenming.servicedesk.SealedColumns.CONTACT, "13812345678");
			java.time.Instant received = java.time.Instant.now().minus(java.time.Duration.ofDays(overdue * 3L));
			jdbc.sql("""
					insert into service_order (order_number, category, what, region_code, region_path, contact_name,
					    contact_cipher, contact_masked, contact_key_id, channel, follow_token_hash, status, site_id,
					    received_at, accept_due)
					values (:number, 'SMALL_REPAIR', '帮忙修理电视机', :region, :path, '张阿婆', :cipher, :masked, :key, 'WEB',
					    :token, 'RECEIVED', (select id from practice_site where region_code = :region and kind = 'STATION'),
					    :received, :due)""").param("number", "SD-A11Y-" + suffix()).param("region", VILLAGE)
				.param("path", regions.find(VILLAGE).orElseThrow().path()).param("cipher", contact.cipher())
				.param("masked", contact.masked()).param("key", contact.keyId())
				.param("token", java.util.UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
				.param("received", received.atOffset(java.time.ZoneOffset.UTC))
				.param("due", received.plus(java.time.Duration.ofDays(1)).atOffset(java.time.ZoneOffset.UTC)).update();
		}

		// the city's office, a unit handler with a unit, an inspector, a system administrator
		String office = AccountFixtures.unique("a11y-office");
		made.put("user", String.valueOf(accounts.user(office, "4412", Roles.OFFICE_STAFF)));
		names.put(As.OFFICE_STAFF, office);
		String handler = AccountFixtures.unique("a11y-unit");
		long handlerId = accounts.user(handler, COUNTY, Roles.UNIT_HANDLER);
		long unit = jdbc.sql("""
				insert into responsible_unit (name, kind, region_code, region_path, updated_by)
				values (:n, 'BUREAU', :r, :p, 'test') returning id""").param("n", "无障碍测试局" + suffix())
			.param("r", COUNTY).param("p", regions.find(COUNTY).orElseThrow().path()).query(Long.class).single();
		jdbc.sql("insert into responsible_unit_member (unit_id, user_id) values (:u, :h)").param("u", unit)
			.param("h", handlerId).update();
		names.put(As.UNIT_HANDLER, handler);
		String inspector = AccountFixtures.unique("a11y-insp");
		long inspectorId = accounts.user(inspector, COUNTY, Roles.INSPECTOR);
		names.put(As.INSPECTOR, inspector);
		// an open assessment round with a place of the inspector's team
		ObservationFixtures assessment = new ObservationFixtures(jdbc, regions);
		long openRound = assessment.openRound(assessment.framework().id());
		long inspectedPlace = assessment.place("MAIN_ROAD", ObservationFixtures.LAT, ObservationFixtures.LON);
		assessment.sample(openRound, inspectedPlace, "MAIN_ROAD", assessment.team(openRound, inspectorId));
		made.put("openRound", String.valueOf(openRound));
		made.put("inspectedPlace", String.valueOf(inspectedPlace));
		String admin = AccountFixtures.unique("a11y-admin");
		accounts.user(admin, "44", Roles.SYSTEM_ADMIN);
		names.put(As.SYSTEM_ADMIN, admin);

		// a case the volunteer reported (their own list and the follow link) and a published ranking
		Cases.Reported reported = cases.report(new NewCase(CaseSource.CITIZEN, "PUBLIC_TOILET", "公厕门坏了，无障碍测试",
				"端州区测试路3号", new BigDecimal("23.050000"), new BigDecimal("112.460000"), COUNTY, volunteer.userId(),
				null, null, null), volunteerName);
		made.put("case", String.valueOf(reported.id()));
		made.put("caseNumber", reported.caseNumber());
		made.put("follow", reported.followToken());
		LocalDate today = LocalDate.now(CityTime.ZONE);
		made.put("ranking", String.valueOf(rankings.publishNow(today.minusDays(7), today.minusDays(1), office)));
		// field assessment: a place in the county and a round the city office has drawn
		org.wenming.shared.ScopedUser cityOffice = users.principal(Long.parseLong(made.get("user")), "4412",
				Roles.OFFICE_STAFF);
		made.put("place", String.valueOf(places.create(new org.wenming.assessment.place.PlaceDraft(
				org.wenming.assessment.PlaceType.MARKET, "无障碍测试市场" + suffix(), "端州区测试路4号", VILLAGE, null, null),
				cityOffice).id()));
		long framework = jdbc.sql("""
				insert into assessment_framework (name, version, status, created_by, created_at, published_at)
				values (:n, 1, 'PUBLISHED', 'test', now(), now()) returning id""").param("n", "无障碍测试体系" + suffix())
			.query(Long.class).single();
		long round = assessmentRounds.create(new org.wenming.assessment.round.RoundDraft("无障碍测试轮次" + suffix(),
				framework, today, today.plusDays(7), 1), cityOffice).id();
		assessmentRounds.draw(round, 1L, cityOffice);
		made.put("round", String.valueOf(round));
		// a published framework (the round's) and a draft with one criterion
		made.put("framework", String.valueOf(framework));
		long draft = frameworks.createDraft("无障碍测试草稿" + suffix(), null, office);
		frameworks.addItem(draft, "A01", "环境卫生");
		made.put("draftFramework", String.valueOf(draft));
		made.put("criterion", String.valueOf(frameworks.addCriterion(draft, new org.wenming.assessment.framework.CriterionDraft(
				"A01", "MARKET", "A01-01", "地面无垃圾、无积水", new BigDecimal("2"), "PASS_FAIL", null, null, "PUBLIC_TOILET"))));

		// hours in the ledger and a certificate over them
		OffsetDateTime served = today.minusDays(10).atTime(9, 0).atZone(CityTime.ZONE).toOffsetDateTime();
		long fakeShift = 8_000_000_000L + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
		ledger.append(List.of(new NewRecord(RecordKind.SERVICE, volunteer.id(), fakeShift, fakeShift, "SERVICE",
				"无障碍测试服务", served, served.plusHours(3), new BigDecimal("3.0"), "TEAM", team, "无障碍测试队",
				regions.find(COUNTY).orElseThrow().path(), "test", "test", null, null, null)));
		made.put("certificate", certificates.issueOwn(users.principal(volunteer.userId(), COUNTY, Roles.VOLUNTEER),
				today.minusDays(30).toString(), today.toString()).number());

		// an import job that refused its file
		made.put("importJob", String.valueOf(jdbc.sql("""
				insert into import_job (created_by_id, created_by, scope_path, file_name, locale, status, problem,
				    rows_read, errors_count, finished_at)
				values (:by, :name, '44.4412.', 'volunteers.csv', 'zh-CN', 'REFUSED', 'volunteer.import.refused.noRows',
				    0, 0, now()) returning id""").param("by", Long.parseLong(made.get("user"))).param("name", office)
			.query(Long.class).single()));

		// honours part D: a roll entry with a care measure of the city, a brand project of the team and its award
		long rollEntry = org.wenming.honor.HonorTestRows.rollEntry(jdbc, "无障碍好人" + suffix(), VILLAGE,
				org.wenming.honor.Honour.CITY_GOOD, "2026Q3", "GIVEN");
		made.put("rollEntry", String.valueOf(rollEntry));
		made.put("careMeasure", String.valueOf(jdbc.sql("""
				insert into honor_care_measure (region_code, code, kind, name, created_by, created_at)
				values ('4412', :code, 'HEALTH_CHECK', '无障碍测试体检', 'test', now()) returning id""")
			.param("code", "A11Y" + suffix()).query(Long.class).single()));
		long brandProject = jdbc.sql("""
				insert into honor_brand_project (name, team_id, region_code, region_path, created_by, created_at)
				values (:name, :team, :region, :path, 'test', now()) returning id""")
			.param("name", "无障碍品牌项目" + suffix()).param("team", team).param("region", COUNTY)
			.param("path", regions.find(COUNTY).orElseThrow().path()).query(Long.class).single();
		made.put("brandProject", String.valueOf(brandProject));
		made.put("award", String.valueOf(jdbc.sql("""
				insert into honor_award (project_id, title, issuer, level, year, region_path, recorded_by, recorded_at)
				values (:project, '无障碍测试奖', '测试单位', 'CITY', 2025, :path, 'test', now()) returning id""")
			.param("project", brandProject).param("path", regions.find(COUNTY).orElseThrow().path())
			.query(Long.class).single()));
		// the government-service catalogue: an item of the county
		String catalogueCode = "A11Y-" + suffix();
		made.put("catalogueItem", catalogueCode);
		made.put("catalogueItemId", String.valueOf(jdbc.sql("""
				insert into catalogue_item (city_code, code, name, department, level, region_code, region_path, materials,
				    time_limit_days, fee, scopes, partners, search_tokens, updated_by)
				values ('4412', :code, '无障碍测试居民身份证换领', '公安局', 'COUNTY', :region, :path, '居民户口簿', 20, '免费',
				    '{CITY_WIDE,CROSS_PROVINCE}', '{佛山市}', '{}', 'test') returning id""")
			.param("code", catalogueCode).param("region", COUNTY).param("path", regions.find(COUNTY).orElseThrow().path())
			.query(Long.class).single()));
		// honours' notice: a consented nominee in an open period (made by SQL, as the notice's tests do), and an
		// objection's private link
		long noticeNominee = new org.wenming.honor.notice.NoticeFixtures(jdbc).openNominee("无障碍测试候选人");
		made.put("noticeNominee", String.valueOf(noticeNominee));
		made.put("honorObjection", objections.file(noticeNominee, "无障碍测试异议", "测试人", "13800138000",
				java.util.Locale.CHINA).token());

		// the newsroom: a published article (made by SQL) and its version
		long newsArticle = jdbc.sql("""
				insert into news_article (number, region_code, region_path, status, title, lead, body_html, tags, reporters,
				    created_by, created_at, updated_at, submitted_by, reviewed_by, published_at, version)
				values ('N2026-' || lpad(nextval('news_article_number_seq')::text, 6, '0'), :region, :path, 'PUBLISHED',
				    :title, '无障碍测试导语', '<p>无障碍测试正文</p>', '{测试}', '{测试记者}', 'test', now(), now(), 'test',
				    'test-reviewer', now(), 1) returning id""")
			.param("region", COUNTY).param("path", regions.find(COUNTY).orElseThrow().path())
			.param("title", "无障碍测试新闻" + suffix()).query(Long.class).single();
		jdbc.sql("""
				insert into news_article_version (article_id, version, title, body_html, body_sha256, published_at, published_by)
				select id, 1, title, body_html, repeat('0', 64), published_at, 'test-reviewer' from news_article where id = :id""")
			.param("id", newsArticle).update();
		made.put("newsArticleId", String.valueOf(newsArticle));
		made.put("newsArticle", jdbc.sql("select number from news_article where id = :id").param("id", newsArticle)
			.query(String.class).single());

		// the volunteer's record: a commendation, a rating-free shift, and a complaint to respond to
		jdbc.sql("""
				insert into commendation (volunteer_id, title, issuer, level, awarded_on, region_path, recorded_by, recorded_at)
				values (:v, '无障碍测试优秀志愿者', '肇庆市文明办', 'CITY', current_date, :path, 'test', now())""")
			.param("v", volunteer.id()).param("path", regions.find(VILLAGE).orElseThrow().path()).update();
		long complaint = jdbc.sql("""
				insert into complaint (volunteer_id, region_path, complainant_kind, complainant_name, summary, status,
				    received_by, received_at)
				values (:v, :path, 'RESIDENT', '无障碍测试投诉人', '无障碍测试投诉内容', 'RECEIVED', 'test', now()) returning id""")
			.param("v", volunteer.id()).param("path", regions.find(VILLAGE).orElseThrow().path()).query(Long.class).single();
		jdbc.sql("""
				insert into complaint_step (complaint_id, to_status, reason, acted_by, acted_at)
				values (:c, 'RECEIVED', '', 'test', now())""").param("c", complaint).update();
		made.put("complaint", String.valueOf(complaint));

		// training: an upcoming first-aid course of the county, one the volunteer completed, one from elsewhere
		long course = jdbc.sql("""
				insert into training_course (title, provider, hours, starts_on, place, certificate, qualification,
				    validity_months, region_code, region_path, created_by, created_at)
				values ('无障碍测试急救培训', '肇庆市红十字会', 16, current_date + 10, '端州区', true, 'FIRST_AID', 36, :county,
				    :path, 'test', now()) returning id""")
			.param("county", COUNTY).param("path", regions.find(COUNTY).orElseThrow().path()).query(Long.class).single();
		long completedCourse = jdbc.sql("""
				insert into training_course (title, provider, hours, starts_on, place, certificate, qualification,
				    region_code, region_path, created_by, created_at)
				values ('无障碍测试消防培训', '端州区消防大队', 4, current_date - 30, '端州区', true, 'FIRE_SAFETY', :county,
				    :path, 'test', now()) returning id""")
			.param("county", COUNTY).param("path", regions.find(COUNTY).orElseThrow().path()).query(Long.class).single();
		jdbc.sql("""
				insert into training_enrolment (course_id, volunteer_id, status, completed_on, certificate_number, enrolled_at,
				    recorded_by, recorded_at)
				values (:c, :v, 'COMPLETED', current_date - 30, 'XF-001', now(), 'test', now())""")
			.param("c", completedCourse).param("v", volunteer.id()).update();
		jdbc.sql("""
				insert into training_external (volunteer_id, source, source_ref, title, provider, hours, completed_on, place,
				    certificate, qualification, valid_until, recorded_at)
				values (:v, '无障碍测试来源', :ref, '红十字救护员', '广州市红十字会', 16, current_date - 400, '广州', true,
				    'FIRST_AID', current_date - 10, now())""")
			.param("v", volunteer.id()).param("ref", "a11y-" + suffix()).update();
		made.put("trainingCourse", String.valueOf(course));

		usernames = names;
		rows = made;
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 6);
	}
}

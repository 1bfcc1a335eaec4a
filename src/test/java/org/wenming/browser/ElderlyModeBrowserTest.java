package org.wenming.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.wenming.account.AccountFixtures;
import org.wenming.casework.CaseSource;
import org.wenming.casework.Cases;
import org.wenming.casework.NewCase;
import org.wenming.shared.Roles;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.Volunteers;

/**
 * The elderly mode on a 375 px phone: the public pages, a volunteer's pages (through a real check-in
 * code) and a resident's, each with body text of at least 18 px, nothing written smaller, every
 * visible target at least 48 × 48 px, nothing wider than the screen, and axe-core's blocking rules
 * plus the enhanced 7:1 contrast.
 */
@BrowserTest
class ElderlyModeBrowserTest {

	private static final String DUANZHOU = "441202";

	private static final String PASSWORD = "Care-mode-2026";

	/** Sizes of what is on screen now: the body's font, text under 18 px, targets under 48 × 48 px. */
	private static final String MEASURE = """
			const small = [], targets = [];
			document.querySelectorAll('body *').forEach(e => {
			  const r = e.getBoundingClientRect(), st = getComputedStyle(e);
			  if (r.width === 0 || r.height === 0 || st.visibility === 'hidden' || r.right <= 0 || r.bottom <= 0) return;
			  const ownText = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
			  if (ownText && parseFloat(st.fontSize) < 18)
			    small.push(e.tagName + ' ' + st.fontSize + ' "' + e.textContent.trim().slice(0, 30) + '"');
			  if (e.matches('a[href], button, input:not([type=hidden]), select, textarea, summary')
			      && (r.width < 47.5 || r.height < 47.5))
			    targets.push(e.tagName + ' ' + Math.round(r.width) + 'x' + Math.round(r.height) + ' "'
			      + (e.textContent || e.name || e.id || '').trim().slice(0, 30) + '"');
			});
			return {care: document.documentElement.classList.contains('care'),
			  body: parseFloat(getComputedStyle(document.body).fontSize),
			  overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
			  small: small, targets: targets};
			""";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	Volunteers volunteers;

	@Autowired
	Cases cases;

	@Autowired
	org.wenming.servicedesk.order.Orders serviceOrders;

	@Autowired
	org.wenming.region.Regions regions;

	@Test
	void thePublicPagesWorkInTheElderlyModeOnAPhone(Browsers browsers) {
		Browser browser = browsers.open(Viewport.PHONE);
		browser.open("/?care=on");
		for (String page : List.of("/", "/sites", "/teams", "/activities", "/login", "/volunteers/register",
				"/dashboard", "/certificates", "/casework/rankings", "/service?region=441202001002", "/service/order", "/sitemap",
				"/ledger/transparency")) {
			assertElderlyPage(browser.open(page));
		}
		// the shortened menu keeps the rest one tap away, without JavaScript
		browser.open("/");
		assertThat(browser.find(".masthead details").getAttribute("open")).isNull();
		browser.click(".masthead details > summary");
		assertThat(browser.find(".masthead details a[href='/sites']").isDisplayed()).isTrue();
		// and the switch turns it off again
		browser.clickToNextPage(".care-switch a");
		assertThat(browser.find("html").getAttribute("class")).isNullOrEmpty();
		assertThat(browser.has(".masthead details")).isFalse();
	}

	@Test
	void aVolunteersPagesWorkInTheElderlyModeOnAPhone(Browsers browsers) {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String username = "care-" + tag;
		Volunteer volunteer = volunteers.registerSelf(TestVolunteers.draft(TestVolunteers.name(),
				TestVolunteers.residentId(DUANZHOU), TestVolunteers.mobile(), DUANZHOU), username, PASSWORD);
		String leader = "care-lead-" + tag;
		long leaderId = new AccountFixtures(jdbc, encoder).user(leader, DUANZHOU, Roles.TEAM_LEADER);
		long shift = shiftNow(tag, leaderId, volunteer.id());
		long activity = jdbc.sql("select activity_id from shift where id = :id").param("id", shift)
			.query(Long.class).single();

		Browser organizer = browsers.open(Viewport.PHONE);
		organizer.signIn(leader, AccountFixtures.PASSWORD);
		organizer.open("/checkin/shifts/" + shift + "/code");
		String scanned = organizer.decodeQr("svg.qr");
		assertThat(scanned).contains("/checkin?t=" + shift + ".");

		// a service order the volunteer placed signed in: their own orders and its steps
		String order = serviceOrders.place(new org.wenming.servicedesk.order.OrderDraft(null, "HOME_VISIT", "陪我去医院",
				"441202001002", null, null, null, null, null, "陈阿姨", "13800138000", null),
				org.wenming.servicedesk.order.OrderChannel.WEB,
				new org.wenming.support.TestUsers(regions).principal(volunteer.userId(), DUANZHOU, Roles.VOLUNTEER),
				java.util.Locale.CHINA).orderNumber();

		Browser phone = browsers.open(Viewport.PHONE);
		phone.signIn(username, PASSWORD);
		phone.open("/?care=on");
		for (String page : List.of("/me/volunteer", "/me/hours", "/me/activities", "/me/certificates",
				"/activities/" + activity, "/me/orders", "/me/orders/" + order)) {
			assertElderlyPage(phone.open(page));
		}
		assertElderlyPage(phone.open(scanned));
		assertThat(phone.text()).contains("签到");
		// the switch keeps the scanned code: turning the mode off stays on the same check-in
		phone.clickToNextPage(".care-switch a");
		assertThat(phone.path()).startsWith("/checkin?t=" + shift + ".").endsWith("care=off");
		assertThat(phone.text()).contains("签到");
	}

	@Autowired
	org.wenming.servicedesk.dispatch.Dispatch dispatch;

	@Autowired
	org.wenming.volunteer.ContactSeal seal;

	@Autowired
	org.wenming.region.PracticeSites sites;

	/** 接单 on a phone in the elderly mode: the team's open order (village, time, places), taken with one tap. */
	@Test
	void aVolunteerTakesAServiceOrderInTheElderlyModeOnAPhone(Browsers browsers) {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String username = "care-take-" + tag;
		Volunteer volunteer = volunteers.registerSelf(TestVolunteers.draft(TestVolunteers.name(),
				TestVolunteers.residentId(DUANZHOU), TestVolunteers.mobile(), DUANZHOU), username, PASSWORD);
		String village = "441202001002";
		long team = jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, updated_by)
				values (:name, 'CORPS', 'PRACTICE', '441202', '44.4412.441202.', 'test') returning id""")
			.param("name", "长辈模式接单队" + tag).query(Long.class).single();
		jdbc.sql("insert into team_member (team_id, volunteer_id, status, decided_at, decided_by) values (:t, :v, 'MEMBER', now(), 'test')")
			.param("t", team).param("v", volunteer.id()).update();
		var contact = seal.seal(org.wenming.servicedesk.SealedColumns.CONTACT, "13655556666");
		long order = jdbc.sql("""
				insert into service_order (order_number, category, what, region_code, region_path, contact_name, contact_cipher,
				    contact_masked, contact_key_id, channel, follow_token_hash, status, site_id, received_at)
				values (:number, 'HOME_VISIT', '帮忙换灯泡', :region, :path, '林阿公', :cipher, :masked, :key, 'WEB',
				    decode(md5(:number), 'hex'), 'RECEIVED', :site, now()) returning id""")
			.param("number", "SD-CARE-" + tag).param("region", village)
			.param("path", regions.find(village).orElseThrow().path()).param("cipher", contact.cipher())
			.param("masked", contact.masked()).param("key", contact.keyId())
			.param("site", sites.networkSite(village).orElseThrow().id()).query(Long.class).single();
		var staff = new org.wenming.support.TestUsers(regions).principal(
				new AccountFixtures(jdbc, encoder).user("care-station-" + tag, village, Roles.SITE_ADMIN), village,
				Roles.SITE_ADMIN);
		java.time.OffsetDateTime start = java.time.OffsetDateTime.now().plusDays(2).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
		dispatch.dispatch(order, new org.wenming.servicedesk.dispatch.DispatchDraft(team, 2, start, start.plusHours(2)),
				staff);

		Browser phone = browsers.open(Viewport.PHONE);
		phone.signIn(username, PASSWORD);
		phone.open("/?care=on");
		assertElderlyPage(phone.open("/me/service-orders"));
		assertThat(phone.text()).contains("帮忙换灯泡").contains(regions.find(village).orElseThrow().name())
			.doesNotContain("13655556666").doesNotContain("林阿公");
		phone.clickToNextPage("#order-" + order + " form button[type=submit]");
		assertElderlyPage(phone);
		assertThat(phone.text()).contains("接单成功").contains("我已接单");
		assertThat(jdbc.sql("select count(*) from signup where volunteer_id = :v and status = 'CONFIRMED'")
			.param("v", volunteer.id()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void aResidentsPagesWorkInTheElderlyModeOnAPhone(Browsers browsers) {
		Cases.Reported reported = cases.report(new NewCase(CaseSource.CITIZEN, "OVERHEAD_CABLES", "电线垂落在人行道上",
				"端州区测试路1号", new BigDecimal("23.05"), new BigDecimal("112.46"), DUANZHOU, null, null, null, null),
				"citizen");
		Browser browser = browsers.open(Viewport.PHONE);
		browser.open("/?care=on");
		assertElderlyPage(browser.open("/cases/report"));
		assertElderlyPage(browser.open("/cases/follow/" + reported.followToken()));
		assertThat(browser.text()).contains(reported.caseNumber());
	}

	static void assertElderlyPage(Browser browser) {
		@SuppressWarnings("unchecked")
		Map<String, Object> m = (Map<String, Object>) browser.script(MEASURE);
		String page = browser.path();
		assertThat(m.get("care")).as("html.care on %s", page).isEqualTo(Boolean.TRUE);
		assertThat(((Number) m.get("body")).doubleValue()).as("body font size on %s", page).isGreaterThanOrEqualTo(18);
		assertThat((List<?>) m.get("small")).as("text under 18 px on %s", page).isEmpty();
		assertThat((List<?>) m.get("targets")).as("targets under 48 × 48 px on %s", page).isEmpty();
		assertThat(((Number) m.get("overflow")).intValue()).as("horizontal overflow on %s", page).isLessThanOrEqualTo(0);
		assertThat(Accessibility.violations(browser, true)).as("axe-core with 7:1 contrast on %s", page).isEmpty();
	}

	/** A published activity of a team the leader leads, with a shift running now that the volunteer is confirmed for. */
	private long shiftNow(String tag, long leaderId, long volunteerId) {
		long team = jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, updated_by)
				values (:name, 'CORPS', 'PRACTICE', :region, '44.4412.441202.', 'test') returning id""")
			.param("name", "长辈模式测试队" + tag).param("region", DUANZHOU).query(Long.class).single();
		jdbc.sql("insert into team_leader (team_id, user_id, assigned_by) values (:team, :user, 'test')")
			.param("team", team).param("user", leaderId).update();
		Instant start = Instant.now().minus(Duration.ofMinutes(10));
		long activity = jdbc.sql("""
				insert into activity (title, type, organizer_team_id, address, region_code, region_path, status, created_by,
				    published_at, starts_at, ends_at)
				values (:title, 'SERVICE', :team, '端州区测试路1号', :region, '44.4412.441202.', 'PUBLISHED', 'test', now(),
				    :start, :end)
				returning id""")
			.param("title", "长辈模式测试活动" + tag).param("team", team).param("region", DUANZHOU)
			.param("start", Timestamp.from(start)).param("end", Timestamp.from(start.plus(Duration.ofHours(3))))
			.query(Long.class).single();
		long shift = jdbc.sql("""
				insert into shift (activity_id, starts_at, ends_at, capacity, confirmed_count)
				values (:activity, :start, :end, 20, 1) returning id""")
			.param("activity", activity).param("start", Timestamp.from(start))
			.param("end", Timestamp.from(start.plus(Duration.ofHours(3)))).query(Long.class).single();
		jdbc.sql("""
				insert into signup (shift_id, volunteer_id, status, decided_at, decided_by, shift_day)
				select :shift, :v, 'CONFIRMED', now(), 'test', starts_on from shift where id = :shift""").param("shift", shift).param("v", volunteerId).update();
		return shift;
	}
}

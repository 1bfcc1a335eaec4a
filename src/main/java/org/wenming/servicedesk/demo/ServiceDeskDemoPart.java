package org.wenming.servicedesk.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.demo.CopyRows;
import org.wenming.demo.DemoCityPart;
import org.wenming.demo.DemoCityRun;
import org.wenming.demo.DemoScale;
import org.wenming.demo.DemoScenario;
import org.wenming.demo.DemoTables;
import org.wenming.platform.SecretTokens;
import org.wenming.region.CityGeography;
import org.wenming.servicedesk.OrderStatus;
import org.wenming.servicedesk.SealedColumns;
import org.wenming.volunteer.ContactSeal;
import org.wenming.volunteer.team.DemoTeams;

/**
 * The service desk's part of the demo city: service menus of the centres, institutes and stations (the
 * eleven categories), and a year of residents' orders at the scale's share (tiny: 40, small: 3,000, full:
 * 100,000), each taken through the steps {@link OrderStatus} allows with its clock — received, accepted,
 * dispatched to a team of the village, town or county (sometimes handed back and dispatched again),
 * served, then rated (mostly 4–5 stars, some 1–2 with a follow-up for the site) or not rated within
 * 7 days; some declined or cancelled; the last days' orders still open. Every step is an event row; the
 * contact's mobile is sealed with {@link ContactSeal}. Among them, a resident of a village of 鼎湖区 whose
 * private link is printed in the run's progress.
 *
 * <p>Written with COPY. Stage due times are approximate (calendar days, not the working calendar: reading
 * the calendar per order would cost a query each), the dispatched orders have no activity shift (the
 * shift is the activity module's, generated there or not at all), and order numbers are
 * {@code SD-yyyy-D<city>-000001}
 * so that the ordering's per-year counter never meets them.
 */
@Component
class ServiceDeskDemoPart implements DemoCityPart {

	private static final String[] CATEGORIES = { "HOME_VISIT", "DAILY_CARE", "SMALL_REPAIR", "LEGAL_ADVICE",
			"HEALTH", "LECTURE", "CULTURE", "MARKET_DAY", "STUDY_AID", "ENVIRONMENT", "WISH" };

	/** How often each category is ordered (same order as {@link #CATEGORIES}). */
	private static final int[] CATEGORY_WEIGHTS = { 22, 18, 14, 6, 12, 4, 6, 4, 4, 4, 6 };

	private static final String[] MENU_NAMES = { "上门探访独居老人", "助餐助浴、代买代办", "家电维修、小修小补", "法律咨询与调解",
			"健康义诊、量血压", "理论政策宣讲进村", "文艺演出、广场舞辅导", "圩日便民服务", "助学辅导、困难学生帮扶", "环境整治、清理卫生死角",
			"微心愿认领" };

	private static final String[] WHAT = { "家里老人独居，想请志愿者每周来看看", "帮忙买菜、代缴水电费", "电视机没有信号，帮忙看看",
			"宅基地纠纷想咨询一下", "想给老人量量血压、测血糖", "村里想请人讲讲新政策", "想请老师教广场舞", "圩日想理个发、修个伞",
			"孩子数学跟不上，想找人辅导", "村口垃圾堆积，想一起清理", "想要一台旧电脑给孩子上网课" };

	private static final String[] DECLINE = { "该事项不在本站服务范围，已告知可拨打12345", "重复点单，已合并到前一单" };

	private static final String[] HAND_BACK = { "当天队伍人手不足，请重新派单", "服务时间与队伍活动冲突" };

	private final JdbcClient jdbc;

	private final ContactSeal seal;

	ServiceDeskDemoPart(JdbcClient jdbc, ContactSeal seal) {
		this.jdbc = jdbc;
		this.seal = seal;
	}

	@Override
	public int order() {
		return 650;
	}

	@Override
	public void prepare(DemoCityRun run) {
		// nobody else writes these tables while the city is loaded, so the ids taken stay free
		jdbc.sql("""
				lock table service_menu_item, service_order, service_order_event, service_rating, service_followup
				in share row exclusive mode""").update();
	}

	@Override
	public void load(DemoCityRun run) {
		run.step("service menus", () -> menus(run));
		run.step("service orders", () -> orders(run));
		run.atEnd(() -> DemoTables.moveSequencesPast(jdbc,
				List.of("service_menu_item", "service_order", "service_order_event")));
		// the statistics' triggers (V50) counted every copied order and rating as a change: fold them into the
		// cells now rather than at the next scheduled fold
		run.step("service statistics cells", () -> jdbc.sql("select service_stat_fold()").query(Long.class).single());
		DemoTables.analyze(jdbc, List.of("service_menu_item", "service_order", "service_order_event", "service_rating",
				"service_stat_cell", "service_stat_stage_cell"));
	}

	static int orders(DemoScale scale) {
		return switch (scale) {
			case TINY -> 40;
			case SMALL -> 3_000;
			case FULL -> 100_000;
		};
	}

	/** A centre offers all eleven categories, an institute three, a station two. */
	private void menus(DemoCityRun run) {
		long t0 = System.nanoTime();
		CityGeography city = run.get(CityGeography.class);
		SplittableRandom random = run.random("service menus");
		long id = DemoTables.nextId(jdbc, "service_menu_item");
		List<CityGeography.Site> sites = city.siteByRegion().values().stream()
			.sorted(java.util.Comparator.comparingLong(CityGeography.Site::id)).toList();
		try (CopyRows copy = run.copy("service_menu_item", List.of("id", "site_id", "region_path", "name", "category",
				"description", "lead_days", "at_home", "status", "created_by", "updated_by"))) {
			for (CityGeography.Site site : sites) {
				int items = switch (site.kind()) {
					case "CENTRE" -> CATEGORIES.length;
					case "INSTITUTE" -> 3;
					default -> 2;
				};
				int first = random.nextInt(CATEGORIES.length);
				for (int k = 0; k < items; k++) {
					int c = (first + k) % CATEGORIES.length;
					copy.value(id++).value(site.id()).value(site.path()).value(MENU_NAMES[c]).value(CATEGORIES[c])
						.value(site.name() + "：" + MENU_NAMES[c]).value(1 + random.nextInt(7))
						.value(c <= 2).value("ACTIVE").value("demo").value("demo");
					copy.end();
				}
			}
			run.counted("service_menu_item", copy.finish(), t0);
		}
	}

	private record Row(long id, String number, String category, String what, CityGeography.Village village, long siteId,
			String contactName, String mobile, String status, Long teamId, Integer needed, Instant received,
			Instant accepted, Instant dispatched, Instant served, Instant closed, Integer stars) {
	}

	private void orders(DemoCityRun run) {
		long t0 = System.nanoTime();
		CityGeography city = run.get(CityGeography.class);
		DemoTeams teams = run.get(DemoTeams.class);
		SplittableRandom random = run.random("service orders");
		int count = orders(run.scale());
		int[] villageWeights = city.villageWeights(DemoScenario::countyPopulation);
		int[] categoryWeights = new int[CATEGORY_WEIGHTS.length];
		for (int i = 0, sum = 0; i < CATEGORY_WEIGHTS.length; i++) {
			sum += CATEGORY_WEIGHTS[i];
			categoryWeights[i] = sum;
		}
		LocalDate asOf = run.plan().asOf();
		Instant end = DemoScenario.at(asOf, 0);
		long orderId = DemoTables.nextId(jdbc, "service_order");
		long eventId = DemoTables.nextId(jdbc, "service_order_event");
		int dinghu = dinghuVillage(city);
		String dinghuToken = null;
		List<Object[]> events = new ArrayList<>();
		List<Row> rated = new ArrayList<>();
		try (CopyRows copy = run.copy("service_order", List.of("id", "order_number", "menu_item_id", "category", "what",
				"region_code", "region_path", "contact_name", "contact_cipher", "contact_masked", "contact_key_id",
				"channel", "follow_token_hash", "status", "site_id", "team_id", "needed", "received_at", "accepted_at",
				"dispatched_at", "served_at", "closed_at", "accept_due", "serve_due"))) {
			for (int i = 0; i < count; i++) {
				int v = i == 0 && dinghu >= 0 ? dinghu : DemoScenario.pick(villageWeights, random);
				CityGeography.Village village = city.villages().get(v);
				int c = DemoScenario.pick(categoryWeights, random);
				// a tenth in the last two weeks, so that open orders are in every queue; the rest over the year
				LocalDate day = asOf.minusDays(random.nextInt(10) == 0 ? 1 + random.nextInt(14) : 1 + random.nextInt(365));
				Instant received = DemoScenario.at(day, 7 * 60 + random.nextInt(13 * 60));
				Row row = order(random, orderId++, i, village, v, c, received, end, city, teams);
				if (i == 0 && dinghu >= 0) {
					// the resident of 鼎湖区: served and rated, so the whole story shows on the follow page
					row = new Row(row.id(), row.number(), row.category(), row.what(), village, row.siteId(), "陈玉梅",
							row.mobile(), "RATED", row.teamId(), row.needed(), received, received.plusSeconds(3 * 3600),
							received.plusSeconds(5 * 3600), received.plus(Duration.ofDays(2)),
							received.plus(Duration.ofDays(3)), 5);
					if (!row.closed().isBefore(end)) {
						row = new Row(row.id(), row.number(), row.category(), row.what(), village, row.siteId(),
								row.contactName(), row.mobile(), "ACCEPTED", null, null, received, row.accepted(), null,
								null, null, null);
					}
				}
				String token = SecretTokens.random(24);
				if (i == 0 && dinghu >= 0) {
					dinghuToken = token;
				}
				ContactSeal.SealedContact contact = seal.seal(SealedColumns.CONTACT, row.mobile());
				copy.value(row.id()).value(row.number()).value(null).value(row.category()).value(row.what())
					.value(village.code()).value(village.path()).value(row.contactName()).sealed(contact.cipher())
					.value(contact.masked()).value(contact.keyId());
				copy.value("WEB").sealed(SecretTokens.sha256(token)).value(row.status()).value(row.siteId())
					.value(row.teamId()).value(row.needed()).value(row.received()).value(row.accepted())
					.value(row.dispatched()).value(row.served()).value(row.closed())
					.value(row.received().plus(Duration.ofDays(1)))
					.value(row.dispatched() == null ? null : row.dispatched().plus(Duration.ofDays(5)));
				copy.end();
				eventId = events(events, eventId, row, random);
				if (row.stars() != null) {
					rated.add(row);
				}
			}
			run.counted("service_order", copy.finish(), t0);
		}
		long t1 = System.nanoTime();
		try (CopyRows copy = run.copy("service_order_event", List.of("id", "order_id", "at", "kind", "from_status",
				"to_status", "actor", "site_id", "team_id", "reason", "public_reason"))) {
			for (Object[] event : events) {
				for (Object value : event) {
					copy.value(value);
				}
				copy.end();
			}
			run.counted("service_order_event", copy.finish(), t1);
		}
		long t2 = System.nanoTime();
		try (CopyRows copy = run.copy("service_rating", List.of("order_id", "stars", "comment", "rated_at"))) {
			for (Row row : rated) {
				copy.value(row.id()).value(row.stars())
					.value(row.stars() >= 4 ? "志愿者很耐心，谢谢！" : row.stars() <= 2 ? "来晚了，没有解决问题" : "还可以")
					.value(row.closed());
				copy.end();
			}
			run.counted("service_rating", copy.finish(), t2);
		}
		try (CopyRows copy = run.copy("service_followup", List.of("order_id", "site_id", "created_at", "resolved_by",
				"resolved_at", "note"))) {
			for (Row row : rated) {
				if (row.stars() <= 2) {
					boolean resolved = row.closed().plus(Duration.ofDays(3)).isBefore(end);
					copy.value(row.id()).value(row.siteId()).value(row.closed()).value(resolved ? "demo" : null)
						.value(resolved ? row.closed().plus(Duration.ofDays(2)) : null)
						.value(resolved ? "已回访群众，重新安排服务" : null);
					copy.end();
				}
			}
			copy.finish();
		}
		if (dinghuToken != null) {
			run.progress("    a resident of 鼎湖区 follows her order at /service/follow/" + dinghuToken);
		}
	}

	/** The first village of 鼎湖区 (441203) in the city, or -1 in another city. */
	private static int dinghuVillage(CityGeography city) {
		for (int v = 0; v < city.villages().size(); v++) {
			if (city.villages().get(v).code().startsWith("441203")) {
				return v;
			}
		}
		return -1;
	}

	/** One order's life, stopped where the clock of the run's day stops it. */
	private Row order(SplittableRandom random, long id, int i, CityGeography.Village village, int v, int c,
			Instant received, Instant end, CityGeography city, DemoTeams teams) {
		// the city in the number: a second demo city's orders never meet the first's
		String number = "SD-" + received.atZone(org.wenming.shared.CityTime.ZONE).getYear() + "-D" + city.cityCode()
				+ "-" + String.format("%06d", i + 1);
		long siteId = site(city, village);
		String name = org.wenming.demo.ChineseNames.name(random, random.nextBoolean());
		String mobile = "139" + String.format("%08d", random.nextInt(100_000_000));
		int draw = random.nextInt(100);
		Instant accepted = received.plusSeconds(1800 + random.nextInt(20 * 3600));
		if (draw < 4 || !accepted.isBefore(end)) {
			// declined (4 %), or still waiting at the site
			boolean declined = draw < 4 && accepted.isBefore(end);
			return new Row(id, number, CATEGORIES[c], WHAT[c], village, siteId, name, mobile,
					declined ? "DECLINED" : "RECEIVED", null, null, received, null, null, null, declined ? accepted : null,
					null);
		}
		if (draw < 7) {
			return new Row(id, number, CATEGORIES[c], WHAT[c], village, siteId, name, mobile, "CANCELLED", null, null,
					received, accepted, null, null, accepted.plusSeconds(3600), null);
		}
		Instant dispatched = accepted.plusSeconds(3600 + random.nextInt(24 * 3600));
		long team = team(teams, city, village, v);
		int needed = 1 + random.nextInt(4);
		if (!dispatched.isBefore(end)) {
			return new Row(id, number, CATEGORIES[c], WHAT[c], village, siteId, name, mobile, "ACCEPTED", null, null,
					received, accepted, null, null, null, null);
		}
		Instant served = dispatched.plusSeconds(6 * 3600 + random.nextInt(5 * 24 * 3600));
		if (!served.isBefore(end)) {
			return new Row(id, number, CATEGORIES[c], WHAT[c], village, siteId, name, mobile, "DISPATCHED", team, needed,
					received, accepted, dispatched, null, null, null);
		}
		Instant ratedAt = served.plusSeconds(3600 + random.nextInt(6 * 24 * 3600));
		boolean rates = random.nextInt(100) < 78;
		if (rates && ratedAt.isBefore(end)) {
			int s = random.nextInt(100);
			int stars = s < 68 ? 5 : s < 88 ? 4 : s < 94 ? 3 : s < 97 ? 2 : 1;
			return new Row(id, number, CATEGORIES[c], WHAT[c], village, siteId, name, mobile, "RATED", team, needed,
					received, accepted, dispatched, served, ratedAt, stars);
		}
		Instant unrated = served.plus(Duration.ofDays(7));
		boolean closed = !rates && unrated.isBefore(end);
		return new Row(id, number, CATEGORIES[c], WHAT[c], village, siteId, name, mobile, closed ? "UNRATED" : "SERVED",
				team, needed, received, accepted, dispatched, served, closed ? unrated : null, null);
	}

	/** The village's station, else its town's institute, else its county's centre. */
	private static long site(CityGeography city, CityGeography.Village village) {
		CityGeography.Site site = city.siteByRegion().get(village.code());
		if (site == null) {
			site = city.siteByRegion().get(city.towns().get(village.town()).code());
		}
		if (site == null) {
			site = city.siteByRegion().get(city.counties().get(village.county()).code());
		}
		if (site == null) {
			throw new IllegalStateException("no practice site above village " + village.code());
		}
		return site.id();
	}

	/** The village's squad, else its town's branch, else its county's corps. */
	private static long team(DemoTeams teams, CityGeography city, CityGeography.Village village, int v) {
		List<Long> squads = teams.villageSquads().get(v);
		if (squads != null && !squads.isEmpty()) {
			return squads.get(0);
		}
		long branch = teams.townBranch()[village.town()];
		return branch > 0 ? branch : teams.countyCorps()[village.county()];
	}

	/** The order's steps as events, in the order they happened. */
	private static long events(List<Object[]> events, long eventId, Row row, SplittableRandom random) {
		String station = "demo-site-" + row.siteId();
		events.add(event(eventId++, row, row.received(), "RECEIVED", null, "RECEIVED", "resident", null, false));
		if (row.status().equals("DECLINED")) {
			events.add(event(eventId++, row, row.closed(), "DECLINED", "RECEIVED", "DECLINED", station,
					DECLINE[random.nextInt(DECLINE.length)], true));
			return eventId;
		}
		if (row.accepted() == null) {
			return eventId;
		}
		events.add(event(eventId++, row, row.accepted(), "ACCEPTED", "RECEIVED", "ACCEPTED", station, null, false));
		if (row.status().equals("CANCELLED")) {
			events.add(event(eventId++, row, row.closed(), "CANCELLED", "ACCEPTED", "CANCELLED", "resident", "不需要了",
					true));
			return eventId;
		}
		if (row.dispatched() == null) {
			return eventId;
		}
		String from = "ACCEPTED";
		if (random.nextInt(100) < 4) {
			// the first team could not serve it: handed back, then dispatched again
			Instant first = row.accepted().plus(Duration.between(row.accepted(), row.dispatched()).dividedBy(3));
			Instant back = row.accepted().plus(Duration.between(row.accepted(), row.dispatched()).dividedBy(2));
			events.add(event(eventId++, row, first, "DISPATCHED", from, "DISPATCHED", station, null, false));
			events.add(event(eventId++, row, back, "HANDED_BACK", "DISPATCHED", "HANDED_BACK", "demo-leader",
					HAND_BACK[random.nextInt(HAND_BACK.length)], true));
			from = "HANDED_BACK";
		}
		events.add(event(eventId++, row, row.dispatched(), "DISPATCHED", from, "DISPATCHED", station, null, false));
		if (row.served() == null) {
			return eventId;
		}
		events.add(event(eventId++, row, row.served(), "SERVED", "DISPATCHED", "SERVED", "demo-leader", null, false));
		if (row.status().equals("RATED")) {
			events.add(event(eventId++, row, row.closed(), "RATED", "SERVED", "RATED", "resident", null, false));
		}
		else if (row.status().equals("UNRATED")) {
			events.add(event(eventId++, row, row.closed(), "UNRATED", "SERVED", "UNRATED", "system", null, false));
		}
		return eventId;
	}

	private static Object[] event(long id, Row row, Instant at, String kind, String from, String to, String actor,
			String reason, boolean shown) {
		return new Object[] { id, row.id(), at, kind, from, to, actor, row.siteId(), row.teamId(), reason, shown };
	}
}

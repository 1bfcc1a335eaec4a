package org.wenming.honor.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import org.wenming.honor.HonorCategory;
import org.wenming.honor.SealedColumns;
import org.wenming.platform.SecretTokens;
import org.wenming.region.CityGeography;
import org.wenming.volunteer.ContactSeal;

/**
 * The honours of the demo city (the product brief's figures): 831 身边好人 published over the quarters of
 * 2019–2026, 72 of them picked as 广东好人 and 15 of those as 中国好人, 65 city moral models and one provincial
 * moral model, every one with the nominee's consent given, spread over the counties and the five categories;
 * names and stories generated from the seed (invented, short, no real person). The tiny scale keeps every
 * honour with fewer people. Beside them, nominations in progress at every stage of the current quarter:
 * waiting at the town, the county and the city, returned, shortlisted (consented or not yet), in an open
 * notice period, in review after a closed one, rejected. Written with COPY.
 */
@Component
class HonorDemoPart implements DemoCityPart {

	/** Counts by scale: city good people, province's picks, nation's picks, city moral models, provincial. */
	record Figures(int cityGood, int provinceGood, int nationGood, int cityModels, int provinceModels) {
	}

	static Figures figures(DemoScale scale) {
		return scale == DemoScale.TINY ? new Figures(40, 6, 2, 5, 1) : new Figures(831, 72, 15, 65, 1);
	}

	static final int FIRST_YEAR = 2019;

	private static final String[] SURNAMES = { "陈", "李", "黄", "梁", "张", "林", "何", "罗", "吴", "冯", "邓", "谭", "苏", "莫",
			"叶", "余", "彭", "麦", "区", "伍", "卢", "曾", "郭", "杨", "刘", "周", "钟", "温", "欧阳", "司徒" };

	private static final String[] GIVEN = { "伟", "芳", "敏", "强", "丽", "军", "秀", "平", "华", "红", "明", "燕", "建", "玉",
			"志", "海", "桂", "英", "国", "文", "晓", "春", "德", "金", "凤", "荣", "振", "淑", "锦", "永", "嘉", "雪", "宏", "俊" };

	private static final String[][] TITLES = {
			{ "二十年如一日照料孤寡老人", "义务为村民理发十五年", "自费修路方便村民出行", "坚持为留守儿童辅导功课", "扶助困难邻里渡难关" },
			{ "跳入河中救起落水儿童", "冲进火场救出被困老人", "勇斗歹徒保护群众财产", "暴雨中转移被困群众", "高速路上救助遇险司机" },
			{ "拾金不昧归还巨款", "替亡夫还清欠款", "诚信经营三十年不涨价", "坚守承诺照料工友家属", "退还多发的补偿款" },
			{ "扎根山区教学三十年", "乡村医生守护村民健康", "坚守护林一线二十年", "社区网格员日夜值守", "退休后义务调解纠纷" },
			{ "悉心照料瘫痪婆婆十八年", "背着母亲去上学", "独自照顾三位老人", "放弃进城工作照料病父", "带着患病弟弟求医" } };

	private static final String[][] STORIES = {
			{ "{0}家住{1}，多年来坚持上门看望村里的孤寡老人，帮忙买菜、打扫、陪诊，从不间断。", "邻里有困难，{0}总是第一个赶到。{1}的村民都说，有事找{0}准没错。" },
			{ "那天傍晚，{0}在{1}附近听到呼救，没有犹豫便冲上前去，把遇险的人救了出来，自己却受了伤。", "面对危险，{0}挺身而出。获救者的家人专程来到{1}道谢，{0}只说：换了谁都会这样做。" },
			{ "{0}在{1}捡到一个装有现金和证件的包，在原地等了两个多小时，终于把它交还失主。", "{0}在{1}经营小店多年，童叟无欺，说过的话一定做到，街坊都信得过。" },
			{ "{0}在{1}默默工作了几十年，把最好的年华献给了这片土地和这里的乡亲。", "不论刮风下雨，{0}都守在岗位上。{1}的群众说，{0}是大家的贴心人。" },
			{ "{0}家住{1}，多年来悉心照料卧病在床的亲人，端水喂饭、擦身按摩，从无怨言。", "{0}用柔弱的肩膀撑起一个家，孝老爱亲的故事在{1}传为佳话。" } };

	private static final String[] NOMINATORS = { "村（居）委会", "镇（街道）文明办", "县（市、区）志愿者联合会", "所在单位工会", "热心群众" };

	private final JdbcClient jdbc;

	private final ContactSeal seal;

	HonorDemoPart(JdbcClient jdbc, ContactSeal seal) {
		this.jdbc = jdbc;
		this.seal = seal;
	}

	@Override
	public int order() {
		return 660;
	}

	@Override
	public void prepare(DemoCityRun run) {
		jdbc.sql("""
				lock table honor_nomination, honor_consent, honor_vetting, honor_notice, honor_notice_entry,
				    honor_roll_entry in share row exclusive mode""").update();
	}

	@Override
	public boolean isEmpty() {
		return !jdbc.sql("select exists (select 1 from honor_nomination)").query(Boolean.class).single();
	}

	@Override
	public void load(DemoCityRun run) {
		run.step("honours", () -> honours(run));
		run.atEnd(() -> DemoTables.moveSequencesPast(jdbc, List.of("honor_nomination", "honor_consent",
				"honor_vetting", "honor_notice", "honor_roll_entry")));
		DemoTables.analyze(jdbc, List.of("honor_nomination", "honor_consent", "honor_vetting", "honor_notice",
				"honor_notice_entry", "honor_roll_entry"));
	}

	/** A nomination as generated. */
	record Nomination(long id, String number, HonorCategory category, boolean group, String name, String title,
			String story, CityGeography.Village village, String quarter, String status, String vettingLevel,
			Instant submitted, String consent) {
	}

	/** A quarter's text and its first day. */
	static String quarter(LocalDate day) {
		return day.getYear() + "Q" + ((day.getMonthValue() - 1) / 3 + 1);
	}

	static LocalDate firstDay(String quarter) {
		return LocalDate.of(Integer.parseInt(quarter.substring(0, 4)), (quarter.charAt(5) - '1') * 3 + 1, 1);
	}

	/** The quarters from 2019Q1 to the quarter before {@code asOf} (at least one). */
	static List<String> quarters(LocalDate asOf) {
		List<String> quarters = new ArrayList<>();
		String current = quarter(asOf);
		for (LocalDate d = LocalDate.of(FIRST_YEAR, 1, 1); !quarter(d).equals(current) && d.isBefore(asOf);
				d = d.plusMonths(3)) {
			quarters.add(quarter(d));
		}
		if (quarters.isEmpty()) {
			quarters.add(current);
		}
		return quarters;
	}

	private static String name(SplittableRandom random) {
		String surname = SURNAMES[random.nextInt(SURNAMES.length)];
		String given = GIVEN[random.nextInt(GIVEN.length)];
		return random.nextInt(3) == 0 ? surname + given : surname + given + GIVEN[random.nextInt(GIVEN.length)];
	}

	private void honours(DemoCityRun run) {
		long t0 = System.nanoTime();
		CityGeography city = run.get(CityGeography.class);
		SplittableRandom random = run.random("honours");
		Figures f = figures(run.scale());
		LocalDate asOf = run.plan().asOf();
		List<String> quarters = quarters(asOf);
		String now = quarter(asOf);
		long id = DemoTables.nextId(jdbc, "honor_nomination");
		long seed = run.plan().seed();
		List<Nomination> all = new ArrayList<>();
		// published good people: spread evenly over the quarters, by chance over villages and categories
		for (int i = 0; i < f.cityGood(); i++) {
			String q = quarters.get((int) ((long) i * quarters.size() / f.cityGood()));
			all.add(nomination(id++, i, random, city, q, "PUBLISHED", null, "GIVEN", seed));
		}
		// moral models: their own nominations, published, elected in the odd years
		for (int i = 0; i < f.cityModels(); i++) {
			String q = quarters.get(random.nextInt(quarters.size()));
			all.add(nomination(id++, f.cityGood() + i, random, city, q, "PUBLISHED", null, "GIVEN", seed));
		}
		// in progress, this quarter
		String[][] stages = { { "SUBMITTED", "TOWN", null }, { "SUBMITTED", "TOWN", null }, { "SUBMITTED", "COUNTY", null },
				{ "SUBMITTED", "COUNTY", null }, { "SUBMITTED", "CITY", null }, { "SUBMITTED", "CITY", null },
				{ "RETURNED", "TOWN", null }, { "SHORTLISTED", null, "GIVEN" }, { "SHORTLISTED", null, "REQUESTED" },
				{ "IN_NOTICE", null, "GIVEN" }, { "IN_NOTICE", null, "GIVEN" }, { "IN_NOTICE", null, "GIVEN" },
				{ "REVIEW", null, "GIVEN" }, { "REVIEW", null, "GIVEN" }, { "REJECTED", null, null } };
		int base = f.cityGood() + f.cityModels();
		for (int k = 0; k < stages.length; k++) {
			all.add(nomination(id++, base + k, random, city, now, stages[k][0], stages[k][1], stages[k][2], seed));
		}
		writeNominations(run, all, seed);
		writeConsents(run, all);
		writeVetting(run, all, city);
		writeNotices(run, all, asOf, now);
		writeRoll(run, all, f, DemoScenario.at(asOf.minusDays(1), 9 * 60));
		run.counted("honor_nomination", all.size(), t0);
		run.progress("    honours: " + f.nationGood() + " 中国好人, " + f.provinceGood() + " 广东好人, " + f.cityGood()
				+ " 身边好人, " + f.cityModels() + " 市道德模范, " + f.provinceModels() + " 省道德模范");
	}

	private Nomination nomination(long id, int index, SplittableRandom random, CityGeography city, String quarter,
			String status, String level, String consent, long seed) {
		CityGeography.Village village = city.villages().get(random.nextInt(city.villages().size()));
		int c = random.nextInt(HonorCategory.values().length);
		HonorCategory category = HonorCategory.values()[c];
		boolean group = index % 37 == 36;
		String place = village.shortName();
		String name = group ? place + "志愿服务队" : name(random);
		String title = TITLES[c][random.nextInt(TITLES[c].length)];
		String story = STORIES[c][random.nextInt(STORIES[c].length)].replace("{0}", name).replace("{1}", place);
		LocalDate first = firstDay(quarter);
		Instant submitted = DemoScenario.at(first.plusDays(random.nextInt(60)), 8 * 60 + random.nextInt(600));
		String number = "HR-" + quarter.substring(0, 4) + "-D" + city.cityCode() + "-" + String.format("%05d", index + 1);
		return new Nomination(id, number, category, group, name, title, story, village, quarter, status, level,
				submitted, consent);
	}

	private void writeNominations(DemoCityRun run, List<Nomination> all, long seed) {
		try (CopyRows copy = run.copy("honor_nomination", List.of("id", "number", "category", "kind", "nominee_name",
				"nominee_id_hash", "group_key", "region_code", "region_path", "title", "story", "nominator_kind",
				"nominator_name", "nominator_unit", "nominator_mobile_cipher", "nominator_mobile_masked",
				"nominator_mobile_key_id", "follow_token_hash", "quarter", "status", "vetting_level", "submitted_at",
				"updated_at"))) {
			for (Nomination n : all) {
				ContactSeal.SealedContact mobile = seal.seal(SealedColumns.NOMINATOR_MOBILE,
						DemoScenario.phone(900_000 + n.id(), seed));
				boolean unit = n.id() % 3 != 0;
				copy.value(n.id()).value(n.number()).value(n.category().name()).value(n.group() ? "GROUP" : "PERSON")
					.value(n.name()).sealed(n.group() ? null : sha256("demo-nominee:" + seed + ":" + n.number()))
					.value(n.group() ? n.name() : null).value(n.village().code()).value(n.village().path())
					.value(n.title()).value(n.story()).value(unit ? "UNIT" : "PUBLIC")
					.value(unit ? n.village().shortName() + NOMINATORS[(int) (n.id() % 3)] : "热心群众")
					.value(unit ? NOMINATORS[(int) (n.id() % NOMINATORS.length)] : null).sealed(mobile.cipher())
					.value(mobile.masked()).value(mobile.keyId()).sealed(SecretTokens.sha256(SecretTokens.random(24)))
					.value(n.quarter()).value(n.status()).value(n.vettingLevel()).value(n.submitted())
					.value(n.submitted().plus(Duration.ofDays(20)));
				copy.end();
			}
			copy.finish();
		}
	}

	private void writeConsents(DemoCityRun run, List<Nomination> all) {
		long id = DemoTables.nextId(jdbc, "honor_consent");
		try (CopyRows copy = run.copy("honor_consent", List.of("id", "nomination_id", "status", "snapshot",
				"snapshot_sha256", "channel", "given_by", "requested_by", "requested_at", "decided_at"))) {
			for (Nomination n : all) {
				if (n.consent() == null) {
					continue;
				}
				String snapshot = "{\"name\": \"" + n.name() + "\", \"category\": \"" + n.category().name()
						+ "\", \"title\": \"" + n.title() + "\", \"story\": \"" + n.story() + "\", \"region\": \""
						+ n.village().shortName() + "\"}";
				Instant asked = n.submitted().plus(Duration.ofDays(10));
				boolean given = "GIVEN".equals(n.consent());
				copy.value(id++).value(n.id()).value(n.consent()).value(snapshot).sealed(sha256(snapshot))
					.value(n.id() % 4 == 0 ? "PAPER" : "LINK").value(given ? "NOMINEE" : null).value(DemoScenario.ACTOR)
					.value(asked).value(given ? asked.plus(Duration.ofDays(2)) : null);
				copy.end();
			}
			copy.finish();
		}
	}

	/** The decisions a nomination has been through: each level's PASS below where it is. */
	private void writeVetting(DemoCityRun run, List<Nomination> all, CityGeography city) {
		long id = DemoTables.nextId(jdbc, "honor_vetting");
		try (CopyRows copy = run.copy("honor_vetting", List.of("id", "nomination_id", "level", "office_region",
				"decision", "reason", "decided_by", "decided_at"))) {
			for (Nomination n : all) {
				int passed = switch (n.status()) {
					case "SUBMITTED" -> "TOWN".equals(n.vettingLevel()) ? 0 : "COUNTY".equals(n.vettingLevel()) ? 1 : 2;
					case "RETURNED", "REJECTED" -> 0;
					default -> 3;
				};
				String[] levels = { "TOWN", "COUNTY", "CITY" };
				String[] offices = { city.towns().get(n.village().town()).code(),
						city.counties().get(n.village().county()).code(), city.cityCode() };
				for (int l = 0; l < passed; l++) {
					copy.value(id++).value(n.id()).value(levels[l]).value(offices[l]).value("PASS")
						.value(l == 2 ? "事迹属实，群众认可，同意入围。" : "经核实，事迹属实，同意上报。").value(DemoScenario.ACTOR)
						.value(n.submitted().plus(Duration.ofDays(3L * (l + 1))));
					copy.end();
				}
				if (!"SUBMITTED".equals(n.status()) && passed == 0) {
					boolean returned = "RETURNED".equals(n.status());
					copy.value(id++).value(n.id()).value("TOWN").value(offices[0]).value(returned ? "RETURN" : "REJECT")
						.value(returned ? "请补充事迹发生时间和现场照片。" : "经核实，所述事迹与事实不符。").value(DemoScenario.ACTOR)
						.value(n.submitted().plus(Duration.ofDays(3)));
					copy.end();
				}
			}
			copy.finish();
		}
	}

	/** An open notice period with the nominations in notice; a closed one with those in review. */
	private void writeNotices(DemoCityRun run, List<Nomination> all, LocalDate asOf, String quarter) {
		long id = DemoTables.nextId(jdbc, "honor_notice");
		CityGeography city = run.get(CityGeography.class);
		Instant openStarts = DemoScenario.at(asOf.minusDays(2), 9 * 60);
		Instant closedStarts = DemoScenario.at(asOf.minusDays(20), 9 * 60);
		long open = id;
		long closed = id + 1;
		try (CopyRows copy = run.copy("honor_notice", List.of("id", "region_code", "quarter", "title", "starts_at",
				"ends_at", "closed_at", "created_by", "created_at"))) {
			copy.value(open).value(city.cityCode()).value(quarter).value(city.cityName() + quarter + "“身边好人”候选人公示")
				.value(openStarts).value(openStarts.plus(Duration.ofDays(7))).value(null).value(DemoScenario.ACTOR)
				.value(openStarts.minus(Duration.ofDays(1)));
			copy.end();
			copy.value(closed).value(city.cityCode()).value(quarter).value(city.cityName() + quarter + "“身边好人”候选人公示（第一批）")
				.value(closedStarts).value(closedStarts.plus(Duration.ofDays(7)))
				.value(closedStarts.plus(Duration.ofDays(7)).plusSeconds(600)).value(DemoScenario.ACTOR)
				.value(closedStarts.minus(Duration.ofDays(1)));
			copy.end();
			copy.finish();
		}
		try (CopyRows copy = run.copy("honor_notice_entry", List.of("notice_id", "nomination_id", "position"))) {
			int openPos = 1;
			int closedPos = 1;
			for (Nomination n : all) {
				if ("IN_NOTICE".equals(n.status())) {
					copy.value(open).value(n.id()).value(openPos++);
					copy.end();
				}
				else if ("REVIEW".equals(n.status())) {
					copy.value(closed).value(n.id()).value(closedPos++);
					copy.end();
				}
			}
			copy.finish();
		}
	}

	/** The roll: every published good person's city entry, the province's and the nation's picks, models. */
	private void writeRoll(DemoCityRun run, List<Nomination> all, Figures f, Instant latest) {
		long id = DemoTables.nextId(jdbc, "honor_roll_entry");
		try (CopyRows copy = run.copy("honor_roll_entry", List.of("id", "nomination_id", "honour", "period",
				"decision_document", "published_by", "published_at"))) {
			// the province picks every 11th or so of the city's good people, spread over the years
			int step = Math.max(1, f.cityGood() / f.provinceGood());
			int picked = 0;
			for (int i = 0; i < f.cityGood(); i++) {
				Nomination n = all.get(i);
				Instant published = before(DemoScenario.at(firstDay(n.quarter()).plusMonths(3).minusDays(5), 10 * 60),
						latest);
				copy.value(id++).value(n.id()).value("CITY_GOOD").value(n.quarter()).value(null)
					.value(DemoScenario.ACTOR).value(published);
				copy.end();
				if (i % step == 0 && picked < f.provinceGood()) {
					int year = Integer.parseInt(n.quarter().substring(0, 4));
					copy.value(id++).value(n.id()).value("PROVINCE_GOOD").value(n.quarter())
						.value("粤文明办〔" + year + "〕" + (10 + picked % 40) + "号").value(DemoScenario.ACTOR)
						.value(before(published.plus(Duration.ofDays(20)), latest));
					copy.end();
					if (picked % Math.max(1, f.provinceGood() / f.nationGood()) == 0 && picked / Math.max(1,
							f.provinceGood() / f.nationGood()) < f.nationGood()) {
						copy.value(id++).value(n.id()).value("NATION_GOOD").value(n.quarter())
							.value("文明办函〔" + year + "〕" + (100 + picked) + "号").value(DemoScenario.ACTOR)
							.value(before(published.plus(Duration.ofDays(50)), latest));
						copy.end();
					}
					picked++;
				}
			}
			for (int m = 0; m < f.cityModels(); m++) {
				Nomination n = all.get(f.cityGood() + m);
				int year = Integer.parseInt(n.quarter().substring(0, 4));
				Instant published = before(DemoScenario.at(LocalDate.of(year, 12, 10), 10 * 60), latest);
				copy.value(id++).value(n.id()).value("CITY_MORAL_MODEL").value(String.valueOf(year))
					.value(run.get(CityGeography.class).cityName() + "文明委〔" + year + "〕" + (1 + m % 9) + "号")
					.value(DemoScenario.ACTOR).value(published);
				copy.end();
				if (m < f.provinceModels()) {
					copy.value(id++).value(n.id()).value("PROVINCE_MORAL_MODEL").value(String.valueOf(year))
						.value("粤文明委〔" + year + "〕" + (3 + m) + "号").value(DemoScenario.ACTOR)
						.value(before(published.plus(Duration.ofDays(30)), latest));
					copy.end();
				}
			}
			copy.finish();
		}
	}

	private static Instant before(Instant at, Instant latest) {
		return at.isAfter(latest) ? latest : at;
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}

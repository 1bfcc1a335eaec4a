package org.wenming.honor.brand.demo;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.demo.DemoCityPart;
import org.wenming.demo.DemoCityRun;
import org.wenming.demo.DemoScenario;
import org.wenming.region.CityGeography;
import org.wenming.volunteer.team.DemoTeams;

/**
 * Honours part D's share of the demo city: the city office's care measures (免费体检, 公交卡, 景区免票, 困难帮扶
 * 2,000–5,000 yuan), volunteer service brand projects of the counties' corps, lecture teams and centres
 * (志愿服务大擂台, 文明实践大讲堂, 便民集市 and a few more written for this project) with their awards (a national
 * demonstration project, provincial gold awards, city awards, a team's and a centre's), and care grants to
 * the roll entries the honours' demo made before (order 670, after part B's 660): a health check for every
 * 中国好人, a transit card for every 广东好人, hardship aid for some 身边好人 — none when the roll is empty.
 * Tens of rows: plain inserts, and the digest takes names, never generated ids.
 */
@Component
class CareAndBrandsDemoPart implements DemoCityPart {

	/** A brand project: its name, what it does, whose it is (the county corps, the lecture team, the centre). */
	private record Project(String name, String description, String runBy, int since) {
	}

	static final List<Project> PROJECTS = List.of(
			new Project("志愿服务大擂台", "各支队伍同台比服务、比项目、比成效，以赛促练，评出年度优秀志愿服务项目", "CORPS", 2019),
			new Project("文明实践大讲堂", "百姓宣讲团进村入户，用群众语言讲政策、讲身边好人故事", "LECTURE", 2018),
			new Project("便民集市", "圩日在实践中心门前摆开义诊、义剪、家电维修、法律咨询等摊位", "CENTRE", 2020),
			new Project("长者饭堂助餐行动", "志愿者为独居、高龄老人送餐上门，每周探访一次", "CORPS", 2021),
			new Project("四点半课堂", "放学后为留守儿童辅导作业、开展阅读和手工活动", "CENTRE", 2019),
			new Project("护河志愿行", "沿河巡查、清理垃圾、宣传节水护水", "CORPS", 2022));

	private final JdbcClient jdbc;

	CareAndBrandsDemoPart(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 670;
	}

	@Override
	public boolean isEmpty() {
		return !jdbc.sql("select exists (select 1 from honor_care_measure) or exists (select 1 from honor_brand_project)")
				.query(Boolean.class).single();
	}

	@Override
	public void prepare(DemoCityRun run) {
		jdbc.sql("lock table honor_care_measure, honor_care_grant, honor_brand_project, honor_award in share row exclusive mode")
				.update();
	}

	@Override
	public void load(DemoCityRun run) {
		CityGeography city = run.get(CityGeography.class);
		run.step("honours: care measures and grants", () -> care(run, city));
		run.step("honours: brand projects and awards", () -> brands(run, city));
	}

	private record Measure(String code, String kind, String name, String description, BigDecimal amount) {
	}

	private void care(DemoCityRun run, CityGeography city) {
		long t0 = System.nanoTime();
		List<Measure> measures = List.of(
				new Measure("HEALTH_CHECK", "HEALTH_CHECK", "免费体检", "每年一次免费健康体检（定点医院）", null),
				new Measure("TRANSIT", "TRANSIT", "公交卡", "免费乘坐市内公交，凭卡乘车", null),
				new Measure("SCENIC", "SCENIC", "景区免票", "市内国有景区免费游览（本人及一名陪同）", null),
				new Measure("HARDSHIP_AID", "HARDSHIP_AID", "困难帮扶", "生活困难的好人每人2000至5000元帮扶金", null));
		java.util.Map<String, Long> ids = new java.util.HashMap<>();
		for (Measure m : measures) {
			jdbc.sql("""
					insert into honor_care_measure (region_code, code, kind, name, description, default_amount, created_by,
					    created_at)
					values (:region, :code, :kind, :name, :description, :amount, :by, now())
					on conflict (region_code, code) do nothing""").param("region", city.cityCode()).param("code", m.code())
					.param("kind", m.kind()).param("name", m.name()).param("description", m.description())
					.param("amount", m.amount(), java.sql.Types.NUMERIC).param("by", DemoScenario.ACTOR).update();
			ids.put(m.code(), jdbc.sql("select id from honor_care_measure where region_code = :r and code = :c")
					.param("r", city.cityCode()).param("c", m.code()).query(Long.class).single());
			run.digest(("measure:" + m.code() + ":" + m.name()).getBytes(StandardCharsets.UTF_8));
		}
		run.counted("honor_care_measure", measures.size(), t0);
		// the roll the honours' demo made: grants only to existing entries of the city
		long t1 = System.nanoTime();
		SplittableRandom random = run.random("honours care grants");
		LocalDate asOf = run.plan().asOf();
		List<Object[]> entries = jdbc.sql("""
				select e.id, e.honour, n.region_path, n.nominee_name from honor_roll_entry e
				join honor_nomination n on n.id = e.nomination_id
				where n.region_path >= :lower and n.region_path < :upper order by e.id""")
				.param("lower", city.cityPath()).param("upper", CityGeography.upper(city.cityPath()))
				.query((rs, i) -> new Object[] { rs.getLong("id"), rs.getString("honour"), rs.getString("region_path"),
						rs.getString("nominee_name") })
				.list();
		int grants = 0;
		int cityGood = 0;
		for (Object[] e : entries) {
			String honour = (String) e[1];
			List<Object[]> rows = new ArrayList<>();
			switch (honour) {
				case "NATION_GOOD", "NATION_MORAL_MODEL", "PROVINCE_MORAL_MODEL" -> {
					rows.add(new Object[] { ids.get("HEALTH_CHECK"), null, "年度免费体检" });
					rows.add(new Object[] { ids.get("SCENIC"), null, null });
				}
				case "PROVINCE_GOOD", "CITY_MORAL_MODEL" -> rows.add(new Object[] { ids.get("TRANSIT"), null, "办理公交卡" });
				default -> {
					if (cityGood++ % 12 == 0) {
						BigDecimal amount = BigDecimal.valueOf(2000 + 100L * random.nextInt(31)).setScale(2);
						rows.add(new Object[] { ids.get("HARDSHIP_AID"), amount, "春节走访慰问" });
					}
				}
			}
			for (Object[] r : rows) {
				LocalDate day = asOf.minusDays(1 + random.nextInt(300));
				jdbc.sql("""
						insert into honor_care_grant (roll_entry_id, measure_id, region_path, amount, granted_on, note,
						    recorded_by, recorded_at)
						values (:entry, :measure, :path, :amount, :day, :note, :by, now())""").param("entry", e[0])
						.param("measure", r[0]).param("path", e[2]).param("amount", r[1], java.sql.Types.NUMERIC)
						.param("day", day).param("note", r[2], java.sql.Types.VARCHAR).param("by", DemoScenario.ACTOR)
						.update();
				run.digest(("grant:" + e[3] + ":" + r[0].equals(ids.get("HARDSHIP_AID")) + ":" + r[1] + ":" + day)
						.getBytes(StandardCharsets.UTF_8));
				grants++;
			}
		}
		run.counted("honor_care_grant", grants, t1);
		if (entries.isEmpty()) {
			run.progress("    no care grants: the city's roll is empty");
		}
	}

	private void brands(DemoCityRun run, CityGeography city) {
		long t0 = System.nanoTime();
		DemoTeams teams = run.get(DemoTeams.class);
		String office = city.cityName() + "文明办";
		int year = run.plan().asOf().getYear();
		int projects = 0;
		int awards = 0;
		int counties = city.counties().size();
		for (int i = 0; i < PROJECTS.size() && counties > 0; i++) {
			Project p = PROJECTS.get(i);
			int c = i % counties;
			CityGeography.County county = city.counties().get(c);
			CityGeography.Site centre = city.siteByRegion().get(county.code());
			Long team = switch (p.runBy()) {
				case "CORPS" -> c < teams.countyCorps().length ? teams.countyCorps()[c] : null;
				case "LECTURE" -> c < teams.countyLectureTeam().length ? teams.countyLectureTeam()[c] : null;
				default -> null;
			};
			if (team != null && team <= 0) {
				team = null;
			}
			Long site = centre == null ? null : centre.id();
			String name = county.name() + p.name();
			long id = jdbc.sql("""
					insert into honor_brand_project (name, description, team_id, site_id, region_code, region_path, since_year,
					    created_by, created_at)
					values (:name, :description, :team, :site, :region, :path, :since, :by, now()) returning id""")
					.param("name", name).param("description", p.description()).param("team", team, java.sql.Types.BIGINT)
					.param("site", site, java.sql.Types.BIGINT).param("region", county.code()).param("path", county.path())
					.param("since", p.since()).param("by", DemoScenario.ACTOR).query(Long.class).single();
			run.digest(("project:" + name).getBytes(StandardCharsets.UTF_8));
			projects++;
			switch (i) {
				case 0 -> awards += award(run, "project_id", id, county.path(), "全国志愿服务示范项目", "中央文明办", "NATION", year - 1);
				case 1, 2 -> awards += award(run, "project_id", id, county.path(), "广东志愿服务金奖", "广东省志愿服务联合会",
						"PROVINCE", year - 1 - i % 2);
				default -> awards += award(run, "project_id", id, county.path(), city.cityName() + "最佳志愿服务项目", office,
						"CITY", year - 1);
			}
			if (i == 1) {
				awards += award(run, "project_id", id, county.path(), city.cityName() + "最佳志愿服务项目", office, "CITY",
						year - 3);
			}
		}
		// a county corps and a centre with awards of their own
		if (counties > 0 && teams.countyCorps().length > 0 && teams.countyCorps()[0] > 0) {
			awards += award(run, "team_id", teams.countyCorps()[0], city.counties().get(0).path(),
					city.cityName() + "优秀志愿服务组织", office, "CITY", year - 1);
		}
		CityGeography.Site centre = counties > 0 ? city.siteByRegion().get(city.counties().get(0).code()) : null;
		if (centre != null) {
			awards += award(run, "site_id", centre.id(), centre.path(), city.cityName() + "新时代文明实践示范阵地", office,
					"CITY", year - 2);
		}
		run.counted("honor_brand_project", projects, t0);
		run.counted("honor_award", awards, t0);
	}

	private int award(DemoCityRun run, String column, long subject, String path, String title, String issuer,
			String level, int year) {
		jdbc.sql("insert into honor_award (" + column + ", title, issuer, level, year, region_path, recorded_by, recorded_at)"
				+ " values (:subject, :title, :issuer, :level, :year, :path, :by, now())").param("subject", subject)
				.param("title", title).param("issuer", issuer).param("level", level).param("year", year)
				.param("path", path).param("by", DemoScenario.ACTOR).update();
		run.digest(("award:" + column + ":" + title + ":" + level + ":" + year).getBytes(StandardCharsets.UTF_8));
		return 1;
	}
}

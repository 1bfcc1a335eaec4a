package org.wenming.volunteer.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.demo.ChineseNames;
import org.wenming.demo.CopyRows;
import org.wenming.demo.DemoCityPart;
import org.wenming.demo.DemoCityRun;
import org.wenming.demo.DemoScale;
import org.wenming.demo.DemoScenario;
import org.wenming.demo.DemoTables;
import org.wenming.region.CityGeography;
import org.wenming.volunteer.team.DemoTeams;

/**
 * The teams of the demo city (the volunteer module's first part): per county a 新时代文明实践志愿服务总队
 * and a 百姓宣讲团, a 支队 per town, 分队 in the villages, then the five city-wide kinds, each a city
 * 总队 with a 支队 per county and squads under it. Left to later parts as {@link DemoTeams}.
 */
@Component
class TeamsDemoPart implements DemoCityPart {

	private final JdbcClient jdbc;

	TeamsDemoPart(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Teams as they are written, in id order. */
	private static final class Tally {

		final Map<Long, DemoTeams.TeamRow> byId = new LinkedHashMap<>();

		int practice;
	}

	@Override
	public int order() {
		return 200;
	}

	@Override
	public void prepare(DemoCityRun run) {
		// nobody else writes these tables while the city is loaded, so the ids taken here stay free
		jdbc.sql("lock table team in share row exclusive mode").update();
	}

	@Override
	public void load(DemoCityRun run) {
		run.step("teams", () -> teams(run));
	}

	private void teams(DemoCityRun run) {
		long t0 = System.nanoTime();
		CityGeography city = run.get(CityGeography.class);
		List<CityGeography.County> counties = city.counties();
		List<CityGeography.Town> towns = city.towns();
		List<CityGeography.Village> villages = city.villages();
		Map<String, CityGeography.Site> siteByRegion = city.siteByRegion();
		DemoScale scale = run.scale();
		SplittableRandom random = run.random("teams");
		long id = DemoTables.nextId(jdbc, "team");
		Instant created = DemoScenario.at(run.plan().firstDay(), 9 * 60);
		long[] townBranch = new long[towns.size()];
		long[] countyCorps = new long[counties.size()];
		long[] countyLectureTeam = new long[counties.size()];
		Map<Integer, List<Long>> villageSquads = new HashMap<>();
		Map<Integer, List<Long>> countyOtherTeams = new HashMap<>();
		Tally tally = new Tally();
		String[][] otherTypes = { { "PROFESSIONAL", "医疗卫生" }, { "YOUTH", "青年" }, { "ENTERPRISE", "企业" },
				{ "COMMUNITY", "巾帼" }, { "OTHER", "文明交通" } };
		try (CopyRows copy = run.copy("team", List.of("id", "name", "parent_id", "level", "type",
				"region_code", "region_path", "practice_site_id", "contact_name", "contact_phone", "description",
				"status", "created_at", "updated_at", "updated_by", "version"))) {
			for (int c = 0; c < counties.size(); c++) {
				CityGeography.County county = counties.get(c);
				CityGeography.Site centre = siteByRegion.get(county.code());
				countyCorps[c] = id;
				team(copy, tally, id++, county.name() + "新时代文明实践志愿服务总队", null, "CORPS", "PRACTICE", county.code(),
						county.path(), centre, c, created, random, true);
				countyLectureTeam[c] = id;
				team(copy, tally, id++, county.name() + "百姓宣讲团", countyCorps[c], "BRANCH", "PRACTICE", county.code(),
						county.path(), centre, c, created, random, true);
				for (int t : county.towns()) {
					CityGeography.Town town = towns.get(t);
					townBranch[t] = id;
					team(copy, tally, id++, town.name() + "新时代文明实践志愿服务支队", countyCorps[c], "BRANCH", "PRACTICE",
							town.code(), town.path(), siteByRegion.get(town.code()), c, created, random, true);
				}
			}
			// village squads (分队): one per village, and a second (巾帼, 青年 …) in about two villages of three,
			// so that the county-level practice teams come to the newspaper's 2,742 at full scale
			String[] second = { "巾帼", "青年", "关爱", "护河", "敬老" };
			for (int v = 0; v < villages.size(); v++) {
				CityGeography.Village village = villages.get(v);
				int squads = 1 + (random.nextInt(1000) < 674 ? 1 : 0);
				for (int s = 0; s < squads; s++) {
					if (random.nextDouble() >= scale.squadShare()) {
						continue;
					}
					String name = village.shortName() + (s == 0 ? "" : second[random.nextInt(second.length)])
							+ "志愿服务分队";
					villageSquads.computeIfAbsent(v, k -> new ArrayList<>()).add(id);
					team(copy, tally, id++, name, townBranch[village.town()], "SQUAD", "PRACTICE", village.code(),
							village.path(), siteByRegion.get(village.code()), village.county(), created, random, true);
				}
			}
			// other teams: a city corps per kind, a branch per county, squads under it
			String cityPath = city.cityPath();
			for (String[] kind : otherTypes) {
				long corps = id;
				team(copy, tally, id++, city.cityName() + kind[1] + "志愿服务总队", null, "CORPS", kind[0], city.cityCode(), cityPath, null,
						-1, created, random, false);
				for (int c = 0; c < counties.size(); c++) {
					CityGeography.County county = counties.get(c);
					long branch = id;
					team(copy, tally, id++, county.name() + kind[1] + "志愿服务支队", corps, "BRANCH", kind[0], county.code(),
							county.path(), null, c, created, random, false);
					countyOtherTeams.computeIfAbsent(c, k -> new ArrayList<>()).add(branch);
					int squads = (int) Math.round(56 * scale.squadShare());
					for (int s = 1; s <= squads; s++) {
						CityGeography.Town town = towns.get(county.towns().get(random.nextInt(county.towns().size())));
						long squad = id;
						team(copy, tally, id++, town.name() + kind[1] + "志愿服务第" + s + "分队", branch, "SQUAD", kind[0],
								town.code(), town.path(), null, c, created, random, false);
						countyOtherTeams.get(c).add(squad);
					}
				}
			}
			run.counted("team", copy.finish(), t0);
		}
		run.put(DemoTeams.class, new DemoTeams(tally.byId, countyCorps, countyLectureTeam, townBranch, villageSquads,
				countyOtherTeams));
		run.tally().teams(tally.byId.size(), tally.practice);
		run.atEnd(() -> DemoTables.moveSequencesPast(jdbc, List.of("team")));
		DemoTables.analyze(jdbc, List.of("team"));
	}

	private void team(CopyRows copy, Tally tally, long id, String name, Long parent, String level, String type, String regionCode,
			String regionPath, CityGeography.Site site, int county, Instant created, SplittableRandom random, boolean practice) {
		String contact = ChineseNames.name(random, random.nextBoolean());
		copy.value(id).value(name).value(parent).value(level).value(type).value(regionCode).value(regionPath)
				.value(site == null ? null : site.id()).value(contact)
				.value("0758-" + (2_000_000 + random.nextInt(7_000_000))).value(null).value("ACTIVE")
				.value(created).value(created).value(DemoScenario.ACTOR).value(0).end();
		tally.byId.put(id, new DemoTeams.TeamRow(id, name, regionPath, county));
		if (practice) {
			tally.practice++;
		}
	}
}

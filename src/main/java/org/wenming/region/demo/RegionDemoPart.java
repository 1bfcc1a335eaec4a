package org.wenming.region.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.demo.DemoCityPart;
import org.wenming.demo.DemoCityRun;
import org.wenming.demo.DemoRefusedException;
import org.wenming.demo.DemoScenario;
import org.wenming.region.CityGeography;
import org.wenming.region.CityGeography.County;
import org.wenming.region.CityGeography.Site;
import org.wenming.region.CityGeography.Town;
import org.wenming.region.CityGeography.Village;
import org.wenming.region.PracticeSites;
import org.wenming.region.RegionProperties;

/**
 * The region module's part of the demo city: reads the city's divisions and practice network (the
 * module made them at start) for the later parts, and marks about 200 demonstration sites (示范点).
 * Another city of the catalogue (the plan's city, as load for a province-scale database) gets its
 * practice network here, set up exactly as the installation's own city's is at start.
 */
@Component
class RegionDemoPart implements DemoCityPart {

	private final JdbcClient jdbc;

	private final PracticeSites sites;

	private final String installationCity;

	RegionDemoPart(JdbcClient jdbc, PracticeSites sites, RegionProperties regions) {
		this.jdbc = jdbc;
		this.sites = sites;
		this.installationCity = regions.city();
	}

	@Override
	public int order() {
		return 100;
	}

	@Override
	public void prepare(DemoCityRun run) {
		String cityCode = run.plan().city() == null ? installationCity : run.plan().city();
		run.tally().city(cityCode);
		String cityPath = jdbc.sql("select path from region where code = :code").param("code", cityCode)
				.query(String.class).optional()
				.orElseThrow(() -> new DemoRefusedException("database", "demo.refused.regions", cityCode));
		String cityName = jdbc.sql("select name from region where code = :code").param("code", cityCode)
				.query(String.class).single();
		List<County> counties = new ArrayList<>();
		List<Town> towns = new ArrayList<>();
		List<Village> villages = new ArrayList<>();
		Map<String, Integer> villageByCode = new HashMap<>();
		jdbc.sql("""
				select code, name, level, path from region
				where path >= :lower and path < :upper and level between 3 and 5 order by path""")
				.param("lower", cityPath).param("upper", CityGeography.upper(cityPath)).query((rs, n) -> {
					int level = rs.getInt("level");
					String code = rs.getString("code");
					if (level == 3) {
						counties.add(new County(code, rs.getString("name"), rs.getString("path"), new ArrayList<>()));
					}
					else if (level == 4 && !counties.isEmpty()) {
						counties.get(counties.size() - 1).towns().add(towns.size());
						towns.add(new Town(code, rs.getString("name"), rs.getString("path"), counties.size() - 1,
								new ArrayList<>()));
					}
					else if (level == 5 && !towns.isEmpty()) {
						Town town = towns.get(towns.size() - 1);
						town.villages().add(villages.size());
						villageByCode.put(code, villages.size());
						villages.add(new Village(code, rs.getString("name"), rs.getString("path"), towns.size() - 1,
								town.county()));
					}
					return 1;
				}).list();
		if (counties.isEmpty() || villages.isEmpty()) {
			throw new DemoRefusedException("database", "demo.refused.regions", cityCode);
		}
		if (!cityCode.equals(installationCity)) {
			// in the run's transaction: a refused or failed run leaves no network behind either
			sites.generateNetwork(cityCode);
		}
		Map<String, Site> siteByRegion = new HashMap<>();
		jdbc.sql("""
				select id, region_code, region_path, kind, name from practice_site
				where region_path >= :lower and region_path < :upper and kind in ('CENTRE', 'INSTITUTE', 'STATION')""")
				.param("lower", cityPath).param("upper", CityGeography.upper(cityPath))
				.query((rs, n) -> new Site(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5)))
				.list().forEach(s -> siteByRegion.put(s.regionCode(), s));
		if (siteByRegion.isEmpty()) {
			throw new DemoRefusedException("database", "demo.refused.network", cityCode);
		}
		run.put(CityGeography.class, new CityGeography(cityCode, cityName, cityPath, counties, towns, villages,
				siteByRegion, villageByCode));
		run.progress(String.format("  city %s: %d counties, %d towns, %d villages, %d practice sites", cityCode,
				counties.size(), towns.size(), villages.size(), siteByRegion.size()));
	}

	@Override
	public void load(DemoCityRun run) {
		run.step("sites", () -> demonstrationSites(run));
	}

	/** About 200 demonstration sites (示范点): every county centre, then institutes and stations by draw. */
	private void demonstrationSites(DemoCityRun run) {
		CityGeography city = run.get(CityGeography.class);
		SplittableRandom random = run.random("sites");
		List<Long> chosen = new ArrayList<>();
		List<Site> all = city.siteByRegion().values().stream().sorted(Comparator.comparing(Site::path)).toList();
		for (Site s : all) {
			boolean pick = switch (s.kind()) {
				case "CENTRE" -> true;
				case "INSTITUTE" -> random.nextInt(100) < 50;
				default -> random.nextInt(1000) < 85;
			};
			if (pick && chosen.size() < 205) {
				chosen.add(s.id());
				run.digest(Long.toString(s.id()).getBytes());
			}
		}
		jdbc.sql("""
				update practice_site set demonstration = true, updated_at = now(), updated_by = :by,
				    version = version + 1
				where id in (:ids) and not demonstration""")
				.param("by", DemoScenario.ACTOR).param("ids", chosen).update();
		int demonstrationSites = jdbc.sql("""
				select count(*) from practice_site where demonstration and region_path >= :lower and region_path < :upper""")
				.param("lower", city.cityPath()).param("upper", CityGeography.upper(city.cityPath()))
				.query(Integer.class).single();
		run.tally().demonstrationSites(demonstrationSites);
		run.progress("    demonstration sites  " + demonstrationSites);
	}
}

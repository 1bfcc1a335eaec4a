package org.wenming.casework.demo;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.demo.DemoCityPart;
import org.wenming.demo.DemoCityRun;
import org.wenming.demo.DemoScenario;
import org.wenming.demo.DemoTables;
import org.wenming.region.CityGeography;

/**
 * Casework's first part of the demo city: per county the five responsible units (责任单位) cases are
 * dispatched to. Early in the run, where the scenario's digest has always had them.
 */
@Component
class ResponsibleUnitsDemoPart implements DemoCityPart {

	/** A unit by county code and purpose ("441202:URBAN"), for the cases part. */
	record DemoUnits(Map<String, Unit> byCountyAndPurpose) {
	}

	record Unit(long id, String name) {
	}

	private final JdbcClient jdbc;

	ResponsibleUnitsDemoPart(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 150;
	}

	@Override
	public void prepare(DemoCityRun run) {
		// nobody else writes the table while the city is loaded, so the ids taken here stay free
		jdbc.sql("lock table responsible_unit in share row exclusive mode").update();
	}

	@Override
	public void load(DemoCityRun run) {
		run.step("units", () -> units(run));
	}

	private void units(DemoCityRun run) {
		long t0 = System.nanoTime();
		CityGeography city = run.get(CityGeography.class);
		Map<String, Unit> units = new HashMap<>();
		int added = 0;
		// ids taken here rather than from the sequence, so a rolled-back run gives the next one the same ids
		long next = DemoTables.nextId(jdbc, "responsible_unit");
		for (CityGeography.County c : city.counties()) {
			String[][] kinds = { { "URBAN", c.name() + "城市管理和综合执法局", "BUREAU" },
					{ "HOUSING", c.name() + "住房和城乡建设局", "BUREAU" }, { "TRAFFIC", c.name() + "交通运输局", "BUREAU" },
					{ "POWER", "广东电网" + c.name() + "供电局", "UTILITY" },
					{ "TELECOM", "中国电信" + c.name() + "分公司", "UTILITY" } };
			for (String[] k : kinds) {
				int inserted = jdbc.sql("""
						insert into responsible_unit (id, name, kind, region_code, region_path, updated_by)
						values (:id, :name, :kind, :code, :path, :by) on conflict (name) do nothing""")
						.param("id", next).param("name", k[1]).param("kind", k[2]).param("code", c.code())
						.param("path", c.path()).param("by", DemoScenario.ACTOR).update();
				added += inserted;
				next += inserted;
				long id = jdbc.sql("select id from responsible_unit where name = :name").param("name", k[1])
						.query(Long.class).single();
				units.put(c.code() + ":" + k[0], new Unit(id, k[1]));
				run.digest(k[1].getBytes(StandardCharsets.UTF_8));
			}
		}
		run.put(DemoUnits.class, new DemoUnits(units));
		run.counted("responsible_unit", added, t0);
	}
}

package org.wenming.assessment.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.assessment.PlaceType;
import org.wenming.demo.CopyRows;
import org.wenming.demo.DemoCityPart;
import org.wenming.demo.DemoCityRun;
import org.wenming.demo.DemoScale;
import org.wenming.demo.DemoScenario;
import org.wenming.demo.DemoTables;
import org.wenming.region.CityGeography;
import org.wenming.region.CityGeography.County;
import org.wenming.region.CityGeography.Town;
import org.wenming.region.CityGeography.Village;
import org.wenming.shared.CityTime;

/**
 * The field assessment's registry of places for the demo city: about 2,000 places for Zhaoqing
 * (fewer at the tiny scale), every one of the 14 types in every county, named from the county's own
 * towns and villages ("城东农贸市场", "杏花社区新时代文明实践站", "睦岗中心小学周边"), deterministic
 * by the run's seed.
 *
 * <p>The region module keeps no centre point for a division, so positions are spread around each
 * county's seat, which the demo knows for the eight counties of Zhaoqing; another city's places are
 * generated without a position.
 */
@Component
class PlacesDemoPart implements DemoCityPart {

	/** Places per county at the full and small scales (8 counties: 1,968 in all). */
	static final Map<PlaceType, Integer> PER_COUNTY = new EnumMap<>(Map.ofEntries(Map.entry(PlaceType.MAIN_ROAD, 25),
			Map.entry(PlaceType.COMMERCIAL_STREET, 8), Map.entry(PlaceType.BACK_ALLEY, 30),
			Map.entry(PlaceType.RESIDENTIAL_COMPOUND, 40), Map.entry(PlaceType.MARKET, 12),
			Map.entry(PlaceType.PARK_SQUARE, 10), Map.entry(PlaceType.BUS_STOP, 30), Map.entry(PlaceType.HOSPITAL, 6),
			Map.entry(PlaceType.SCHOOL_SURROUNDINGS, 20), Map.entry(PlaceType.SERVICE_WINDOW, 8),
			Map.entry(PlaceType.STATION, 3), Map.entry(PlaceType.CULTURAL_FACILITY, 6),
			Map.entry(PlaceType.CONSTRUCTION_SITE, 8), Map.entry(PlaceType.PRACTICE_STATION, 40)));

	/** The county seats of Zhaoqing (latitude, longitude). */
	static final Map<String, double[]> SEATS = Map.of("441202", new double[] { 23.0515, 112.4849 }, "441203",
			new double[] { 23.1585, 112.5666 }, "441204", new double[] { 23.0258, 112.4578 }, "441223",
			new double[] { 23.6346, 112.4406 }, "441224", new double[] { 23.9117, 112.1840 }, "441225",
			new double[] { 23.4246, 111.5123 }, "441226", new double[] { 23.1432, 111.7856 }, "441284",
			new double[] { 23.3270, 112.7341 });

	private static final String[] ROAD_WORDS = { "建设", "人民", "解放", "朝阳", "新华", "文明", "和平", "中山", "府前", "江滨",
			"星湖", "康乐", "东风", "团结", "光明", "跃进", "幸福", "振兴", "迎宾", "环城", "滨江", "广场", "学府", "育才", "健康" };

	private static final String[] ROAD_ENDS = { "路", "大道", "大街", "一路", "二路", "东路", "西路", "南路", "北路", "中路" };

	private static final String[] COMPOUND_WORDS = { "锦绣", "翠湖", "碧水", "金域", "御景", "阳光", "怡景", "华府", "丽苑",
			"嘉园", "名都", "雅居", "龙湾", "江畔", "星河", "桃源", "紫荆", "榕树", "荔园", "富康" };

	private static final String[] COMPOUND_ENDS = { "花园", "小区", "苑", "新村", "公寓", "雅居", "家园" };

	private final JdbcClient jdbc;

	PlacesDemoPart(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public int order() {
		return 620;
	}

	@Override
	public void prepare(DemoCityRun run) {
		// nobody else writes the table while the city is loaded, so the ids taken here stay free
		jdbc.sql("lock table assessment_place in share row exclusive mode").update();
	}

	@Override
	public boolean isEmpty() {
		return !jdbc.sql("select exists (select 1 from assessment_place)").query(Boolean.class).single();
	}

	@Override
	public void load(DemoCityRun run) {
		run.step("assessment places", () -> places(run));
		run.atEnd(() -> DemoTables.moveSequencesPast(jdbc, List.of("assessment_place")));
	}

	/** How many places of a type a county gets at a scale (at least two, so a round can draw its usual quota). */
	static int perCounty(PlaceType type, DemoScale scale) {
		int full = PER_COUNTY.get(type);
		return scale == DemoScale.TINY ? Math.max(2, full / 8) : full;
	}

	private void places(DemoCityRun run) {
		long t0 = System.nanoTime();
		CityGeography city = run.get(CityGeography.class);
		SplittableRandom random = run.random("assessment places");
		long id = DemoTables.nextId(jdbc, "assessment_place");
		Instant at = run.plan().goLive().atTime(LocalTime.of(9, 0)).atZone(CityTime.ZONE).toInstant();
		Set<String> taken = new HashSet<>();
		jdbc.sql("select region_code || '|' || place_type || '|' || name from assessment_place").query(String.class)
				.list().forEach(taken::add);
		try (CopyRows copy = run.copy("assessment_place", List.of("id", "place_type", "name", "address", "region_code",
				"region_path", "latitude", "longitude", "active", "created_by", "created_at", "updated_at"))) {
			for (County county : city.counties()) {
				List<Village> villages = new ArrayList<>();
				for (int t : county.towns()) {
					city.towns().get(t).villages().forEach(v -> villages.add(city.villages().get(v)));
				}
				if (villages.isEmpty()) {
					continue;
				}
				double[] seat = SEATS.get(county.code());
				for (PlaceType type : PlaceType.values()) {
					int wanted = perCounty(type, run.scale());
					for (int i = 0; i < wanted; i++) {
						// another village for each attempt: a name taken in one village is usually free in the next
						Village village = null;
						Town town = null;
						String name = null;
						for (int attempt = 0; attempt < 20 && name == null; attempt++) {
							village = villages.get(random.nextInt(villages.size()));
							town = city.towns().get(village.town());
							String candidate = name(type, county, town, village, random, attempt < 10 ? 0 : attempt);
							if (taken.add(village.code() + "|" + type.name() + "|" + candidate)) {
								name = candidate;
							}
						}
						if (name == null) {
							continue;
						}
						String address = county.name() + town.name() + village.shortName() + (1 + random.nextInt(199)) + "号";
						BigDecimal lat = null;
						BigDecimal lon = null;
						if (seat != null) {
							lat = BigDecimal.valueOf(seat[0] + (random.nextDouble() - 0.5) * 0.12).setScale(6,
									RoundingMode.HALF_UP);
							lon = BigDecimal.valueOf(seat[1] + (random.nextDouble() - 0.5) * 0.12).setScale(6,
									RoundingMode.HALF_UP);
						}
						copy.value(id++).value(type.name()).value(name).value(address).value(village.code())
								.value(village.path()).value(lat).value(lon).value(true).value(DemoScenario.ACTOR)
								.value(at).value(at);
						copy.end();
					}
				}
			}
			run.counted("assessment_place", copy.finish(), t0);
		}
	}

	/** A name as the county's people would say it, made from its own town and village names. */
	static String name(PlaceType type, County county, Town town, Village village, SplittableRandom random,
			int attempt) {
		String c = stem(county.name());
		String t = stem(town.name());
		String v = stem(village.shortName());
		String n = attempt == 0 ? "" : String.valueOf(attempt + 1);
		return switch (type) {
			case MAIN_ROAD -> pick(random, t, ROAD_WORDS[random.nextInt(ROAD_WORDS.length)], c)
					+ ROAD_ENDS[random.nextInt(ROAD_ENDS.length)] + n;
			case COMMERCIAL_STREET -> t + pick(random, "商业步行街", "商业街", "美食街", "商贸城") + n;
			case BACK_ALLEY -> v + (1 + random.nextInt(12)) + pick(random, "巷", "坊", "里") + n;
			case RESIDENTIAL_COMPOUND -> pick(random, v, COMPOUND_WORDS[random.nextInt(COMPOUND_WORDS.length)])
					+ COMPOUND_ENDS[random.nextInt(COMPOUND_ENDS.length)] + n;
			case MARKET -> pick(random, t, v) + pick(random, "农贸市场", "综合市场", "肉菜市场") + n;
			case PARK_SQUARE -> pick(random, t, v) + pick(random, "文化广场", "公园", "休闲广场", "滨水公园") + n;
			case BUS_STOP -> pick(random, v, t + ROAD_WORDS[random.nextInt(ROAD_WORDS.length)] + "路口") + "公交站" + n;
			case HOSPITAL -> pick(random, c + "人民医院", c + "中医院", c + "妇幼保健院", t + "卫生院", v + "卫生站") + n;
			case SCHOOL_SURROUNDINGS -> pick(random, t + "中心小学", t + "中学", v + "小学", t + "中心幼儿园") + "周边" + n;
			case SERVICE_WINDOW -> pick(random, c + "政务服务中心", t + "便民服务中心", t + "党群服务中心", c + "不动产登记中心")
					+ "窗口" + n;
			case STATION -> pick(random, c + "汽车客运站", t + "客运站", c + "火车站", c + "公交总站") + n;
			case CULTURAL_FACILITY -> pick(random, c + "图书馆", c + "文化馆", c + "博物馆", t + "综合文化站") + n;
			case CONSTRUCTION_SITE -> pick(random, t + "安置房项目", v + "道路改造工程", t + "学校扩建工程", c + "城市更新项目")
					+ "工地" + n;
			case PRACTICE_STATION -> village.shortName() + n + "新时代文明实践站";
		};
	}

	/** "端州区" → "端州", "城东街道" → "城东", "杏花社区" → "杏花"; a one-character stem keeps its suffix. */
	static String stem(String name) {
		String s = name.replaceAll("(街道办事处|街道|镇|乡|区|县|市|社区|村)$", "");
		return s.length() >= 2 ? s : name;
	}

	private static String pick(SplittableRandom random, String... choices) {
		return choices[random.nextInt(choices.length)];
	}
}

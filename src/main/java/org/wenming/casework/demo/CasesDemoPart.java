package org.wenming.casework.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.casework.CaseHistoryReplay;
import org.wenming.casework.CaseHistoryReplay.Action;
import org.wenming.casework.CaseHistoryReplay.Step;
import org.wenming.casework.CaseSource;
import org.wenming.casework.CaseStatisticsCells;
import org.wenming.casework.CaseStatus;
import org.wenming.demo.CopyRows;
import org.wenming.demo.DemoCityPart;
import org.wenming.demo.DemoCityRun;
import org.wenming.demo.DemoPlan;
import org.wenming.demo.DemoScenario;
import org.wenming.demo.DemoTables;
import org.wenming.region.CityGeography;
import org.wenming.shared.CityTime;

/**
 * Casework's part of the demo city: rectification cases (整改案件) of the scenario's categories, each
 * replayed through the workflow's own guarded steps ({@link CaseHistoryReplay}) with its full history,
 * due times on the working calendar; then the statistics' cells recounted from them.
 */
@Component
class CasesDemoPart implements DemoCityPart {

	private static final DateTimeFormatter CASE_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

	private final JdbcClient jdbc;

	private final CaseHistoryReplay cases;

	private final CaseStatisticsCells caseCells;

	CasesDemoPart(JdbcClient jdbc, CaseHistoryReplay cases, CaseStatisticsCells caseCells) {
		this.jdbc = jdbc;
		this.cases = cases;
		this.caseCells = caseCells;
	}

	@Override
	public int order() {
		return 600;
	}

	@Override
	public void prepare(DemoCityRun run) {
		// nobody else writes these tables while the city is loaded, so the ids and numbers taken stay free
		jdbc.sql("lock table rectification_case, case_event in share row exclusive mode").update();
	}

	@Override
	public void load(DemoCityRun run) {
		long[] nextCaseNumber = new long[1];
		run.step("cases", () -> nextCaseNumber[0] = cases(run));
		run.atEnd(() -> {
			DemoTables.moveSequencesPast(jdbc, List.of("rectification_case", "case_event", "responsible_unit"));
			jdbc.sql("select setval('case_number_seq', greatest(pg_sequence_last_value('case_number_seq'), :n - 1, 1))")
					.param("n", nextCaseNumber[0]).query((rs, n) -> 1).list();
		});
		run.step("case cells", () -> {
			// the rows above bypassed the workflow's saves: the statistics' cells are recounted from them
			long t1 = System.nanoTime();
			caseCells.rebuild();
			long t2 = System.nanoTime();
			DemoTables.analyze(jdbc, List.of("rectification_case", "case_event"));
			run.progress(String.format("    casework cells %,d ms, planner statistics %,d ms", (t2 - t1) / 1_000_000,
					(System.nanoTime() - t2) / 1_000_000));
		});
	}

	/** category, found, closed, unit, open statuses for the rest */
	private record CasePlan(String category, int found, int closed, String unit, boolean rejectSome) {
	}

	private long cases(DemoCityRun run) {
		long t0 = System.nanoTime();
		DemoPlan plan = run.plan();
		CityGeography city = run.get(CityGeography.class);
		ResponsibleUnitsDemoPart.DemoUnits units = run.get(ResponsibleUnitsDemoPart.DemoUnits.class);
		SplittableRandom random = run.random("cases");
		int d = plan.scale().caseDivisor();
		List<CasePlan> plans = List.of(new CasePlan("OVERHEAD_CABLES", 2047 / d, 1912 / d, "TELECOM", false),
				new CasePlan("OLD_COMPOUND", 759 / d, 736 / d, "HOUSING", false),
				new CasePlan("BACK_ALLEY", 242 / d, 242 / d, "HOUSING", false),
				new CasePlan("PUBLIC_TOILET", Math.max(1, 7 / d), Math.max(1, 7 / d), "URBAN", false),
				new CasePlan("BARRIER_FREE", 71 / d, 71 / d, "HOUSING", false),
				new CasePlan("SANITATION", 640 / d, 560 / d, "URBAN", true),
				new CasePlan("TRAFFIC_ORDER", 310 / d, 270 / d, "TRAFFIC", true),
				new CasePlan("BUILDING_FACADE", 150 / d, 126 / d, "URBAN", true),
				new CasePlan("PUBLIC_BEHAVIOUR", 260 / d, 228 / d, "URBAN", true));
		long caseId = DemoTables.nextId(jdbc, "rectification_case");
		long eventId = DemoTables.nextId(jdbc, "case_event");
		// past every number given so far (read from the rows, so a rolled-back run does not move it)
		long number = jdbc.sql("""
				select coalesce(max(cast(substring(case_number from '[0-9]+$') as bigint)), 0) + 1
				from rectification_case""").query(Long.class).single();
		int[] villageWeights = city.villageWeights(DemoScenario::countyPopulation);
		CaseHistoryReplay.Session replay = cases.session();
		List<String[]> caseRows = new ArrayList<>();
		List<Object[]> eventRows = new ArrayList<>();
		LocalDate start = LocalDate.of(plan.referenceYear(), 1, 1);
		int closedSpan = (int) (plan.today() - 90 - start.toEpochDay());
		for (CasePlan p : plans) {
			int closed = 0;
			for (int k = 0; k < p.found(); k++) {
				CityGeography.Village village = city.villages().get(DemoScenario.pick(villageWeights, random));
				CityGeography.County county = city.counties().get(village.county());
				String unitKey = p.unit().equals("TELECOM") && random.nextBoolean() ? "POWER" : p.unit();
				ResponsibleUnitsDemoPart.Unit unit = units.byCountyAndPurpose().get(county.code() + ":" + unitKey);
				boolean willClose = k < p.closed();
				boolean reject = !willClose && p.rejectSome() && random.nextInt(100) < 30;
				LocalDate day = willClose ? start.plusDays(random.nextInt(Math.max(1, closedSpan)))
						: plan.asOf().minusDays(1 + random.nextInt(40));
				Instant reported = DemoScenario.at(day, 8 * 60 + random.nextInt(10 * 60));
				CaseSource source = new CaseSource[] { CaseSource.PATROL, CaseSource.PATROL, CaseSource.CITIZEN,
						CaseSource.HOTLINE, CaseSource.STAFF }[random.nextInt(5)];
				String office = "demo-office-" + county.code();
				String handler = "demo-unit-" + unit.id();
				List<Step> steps = new ArrayList<>();
				Instant t = reported.plusSeconds(1800 + random.nextInt(20 * 3600));
				if (reject) {
					steps.add(new Step(Action.REJECT, t, office, "经核实不属于整改范围", null, null));
				}
				else {
					steps.add(new Step(Action.REGISTER, t, office, null, null, null));
					int stage = willClose ? 9 : p.category().equals("OLD_COMPOUND") ? 2 : random.nextInt(4);
					if (stage >= 1) {
						t = t.plusSeconds(1800 + random.nextInt(8 * 3600));
						steps.add(new Step(Action.DISPATCH, t, office, null, unit.id(), unit.name()));
						Instant dispatched = t;
						if (stage >= 2) {
							t = t.plusSeconds(3600 + random.nextInt(20 * 3600));
							steps.add(new Step(Action.ACCEPT, t, handler, null, null, null));
						}
						if (stage >= 3) {
							Instant due = replay.replay(p.category(), village.path(), source, reported, DemoScenario.ACTOR, steps)
									.dueAt();
							long window = Math.max(3600, due.getEpochSecond() - dispatched.getEpochSecond());
							// most fixes come in before the due time, some after
							double share = random.nextInt(100) < 90 ? 0.2 + 0.75 * random.nextDouble()
									: 1.05 + 0.5 * random.nextDouble();
							Instant fix = dispatched.plusSeconds((long) (window * share));
							t = fix.isAfter(t) ? fix : t.plusSeconds(3600);
							steps.add(new Step(Action.SUBMIT_FIX, t, handler, "已整改完毕，附整改后照片", null, null));
							if (willClose) {
								if (random.nextInt(100) < 8) {
									t = t.plusSeconds(7200 + random.nextInt(48 * 3600));
									steps.add(new Step(Action.RETURN, t, office, "整改不彻底，请返工", null, null));
									t = t.plusSeconds(7200 + random.nextInt(48 * 3600));
									steps.add(new Step(Action.SUBMIT_FIX, t, handler, "已返工整改", null, null));
								}
								t = t.plusSeconds(7200 + random.nextInt(48 * 3600));
								steps.add(new Step(Action.VERIFY, t, office, "核查通过", null, null));
							}
						}
					}
				}
				Instant scenarioNow = DemoScenario.at(plan.asOf(), 0);
				// an open case has only the steps taken by now
				steps.removeIf(s -> s.at().isAfter(scenarioNow));
				CaseHistoryReplay.Replayed r = replay.replay(p.category(), village.path(), source, reported,
						source == CaseSource.CITIZEN ? "citizen" : "demo-inspector", steps);
				if (r.status() == CaseStatus.CLOSED) {
					closed++;
				}
				long id = caseId++;
				String caseNumber = city.cityCode() + "-" + CASE_DATE.format(reported.atZone(CityTime.ZONE)) + "-"
						+ String.format("%06d", number++);
				Instant updated = r.history().get(r.history().size() - 1).at();
				caseRows.add(new String[] { Long.toString(id), caseNumber, source.name(), p.category(),
						r.status().name(), description(p.category(), village), village.shortName() + "附近",
						village.code(), village.path(), iso(reported),
						source == CaseSource.CITIZEN ? "citizen" : "demo-inspector", iso(r.registeredAt()),
						r.unitId() == null ? null : r.unitId().toString(), iso(r.dispatchedAt()), iso(r.dueAt()),
						iso(r.fixSubmittedAt()), r.fixSubmittedBy(), iso(r.closedAt()),
						r.closedOnTime() == null ? null : r.closedOnTime().toString(), Integer.toString(r.reworkCount()),
						iso(updated), Integer.toString(r.history().size() - 1) });
				for (CaseHistoryReplay.HistoryEntry e : r.history()) {
					eventRows.add(new Object[] { eventId++, id, e.kind(), e.from() == null ? null : e.from().name(),
							e.to() == null ? null : e.to().name(), e.actor(), e.reason(), e.detailJson(), e.at() });
				}
			}
			run.tally().cases(p.category(), p.found(), closed);
		}
		try (CopyRows copy = run.copy("rectification_case", List.of("id", "case_number", "source",
				"category_code", "status", "description", "address", "region_code", "region_path", "reported_at",
				"reported_by", "registered_at", "unit_id", "dispatched_at", "due_at", "fix_submitted_at",
				"fix_submitted_by", "closed_at", "closed_on_time", "rework_count", "updated_at", "version"))) {
			for (String[] row : caseRows) {
				for (String value : row) {
					copy.value(value);
				}
				copy.end();
			}
			run.counted("rectification_case", copy.finish(), t0);
		}
		long t1 = System.nanoTime();
		try (CopyRows copy = run.copy("case_event", List.of("id", "case_id", "kind", "from_status",
				"to_status", "actor", "reason", "detail", "occurred_at"))) {
			for (Object[] row : eventRows) {
				for (Object value : row) {
					copy.value(value);
				}
				copy.end();
			}
			run.counted("case_event", copy.finish(), t1);
		}
		return number;
	}

	private String iso(Instant instant) {
		return instant == null ? null
				: DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00'").withZone(ZoneOffset.UTC)
						.format(instant);
	}

	private String description(String category, CityGeography.Village village) {
		String where = village.shortName();
		return switch (category) {
			case "OVERHEAD_CABLES" -> where + "路段电力、通信线缆乱拉乱挂，部分垂落影响通行";
			case "OLD_COMPOUND" -> where + "老旧小区楼道管线老化、外墙破损，需整体改造";
			case "BACK_ALLEY" -> where + "背街小巷路面破损、照明缺失";
			case "PUBLIC_TOILET" -> where + "公厕设施损坏，卫生状况差";
			case "BARRIER_FREE" -> where + "无障碍停车位缺失或被占用";
			case "SANITATION" -> where + "垃圾堆放未及时清运";
			case "TRAFFIC_ORDER" -> where + "非机动车乱停乱放，占用人行道";
			case "BUILDING_FACADE" -> where + "沿街建筑立面广告牌破损";
			default -> where + "占道经营、乱贴乱画";
		};
	}
}

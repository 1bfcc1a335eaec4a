package org.wenming.ledger.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.activity.DemoActivities;
import org.wenming.demo.DemoCityPart;
import org.wenming.demo.DemoCityRun;
import org.wenming.demo.DemoPlan;
import org.wenming.demo.DemoScale;
import org.wenming.demo.DemoScenario;
import org.wenming.ledger.LedgerBulkLoad;
import org.wenming.ledger.LedgerBulkLoad.BulkRecord;
import org.wenming.ledger.RecordKind;
import org.wenming.volunteer.DemoVolunteers;
import org.wenming.volunteer.team.DemoTeams;

/**
 * The ledger's part of the demo city, through {@link LedgerBulkLoad} (each record hashed and chained
 * as the ledger writes one, in its own bulk-load window): MANUAL records migrated for the years before
 * the current one, then one SERVICE record per counted attendance of this year. Then names the adult
 * demo volunteer with the most hours for the demo login ({@link DemoVolunteers.MostHours}).
 */
@Component
class LedgerDemoPart implements DemoCityPart {

	private final JdbcClient jdbc;

	private final LedgerBulkLoad ledger;

	LedgerDemoPart(JdbcClient jdbc, LedgerBulkLoad ledger) {
		this.jdbc = jdbc;
		this.ledger = ledger;
	}

	@Override
	public int order() {
		return 500;
	}

	@Override
	public void load(DemoCityRun run) {
		run.step("ledger", () -> ledgerRecords(run));
		run.put(DemoVolunteers.MostHours.class, mostHours(run));
	}

	/** The adult demo volunteer with the most hours (ties: the lowest id), or 0 when none has any. */
	private DemoVolunteers.MostHours mostHours(DemoCityRun run) {
		DemoVolunteers volunteers = run.get(DemoVolunteers.class);
		long adultBorn = run.plan().asOf().minusYears(18).toEpochDay();
		// minors are one in twenty: a few pages of the ranking find an adult
		for (int offset = 0; offset < volunteers.count(); offset += 1000) {
			List<Long> ranked = jdbc.sql("""
					select volunteer_id from volunteer_hours where volunteer_id >= :first and volunteer_id < :first + :n
					order by hours desc, volunteer_id limit 1000 offset :offset""")
					.param("first", volunteers.firstId()).param("n", volunteers.count()).param("offset", offset)
					.query(Long.class).list();
			for (long id : ranked) {
				if (volunteers.birth()[(int) (id - volunteers.firstId())] <= adultBorn) {
					return new DemoVolunteers.MostHours(id);
				}
			}
			if (ranked.size() < 1000) {
				break;
			}
		}
		return new DemoVolunteers.MostHours(0);
	}

	private void ledgerRecords(DemoCityRun run) {
		long t0 = System.nanoTime();
		DemoPlan plan = run.plan();
		DemoScale scale = plan.scale();
		DemoTeams teams = run.get(DemoTeams.class);
		DemoVolunteers volunteers = run.get(DemoVolunteers.class);
		List<DemoActivities.Held> activities = run.get(DemoActivities.class).activities();
		int[] registered = volunteers.registered();
		float[] activity = volunteers.activityLevel();
		long[] primaryTeam = volunteers.primaryTeam();
		long[] secondTeam = volunteers.secondTeam();
		long volunteerBase = volunteers.firstId();
		int n = volunteers.count();
		LocalDate goLive = plan.goLive();
		int currentYear = plan.currentYear();
		long service = 0;
		for (DemoActivities.Held a : activities) {
			for (DemoActivities.HeldShift s : a.shifts()) {
				for (boolean came : s.came()) {
					service += came ? 1 : 0;
				}
			}
		}
		long manualTarget = Math.max(0, scale.records() - service);
		int goLiveDay = (int) goLive.toEpochDay();
		int first = (int) plan.firstDay().toEpochDay();
		double weightSum = 0;
		for (int i = 0; i < n; i++) {
			weightSum += activity[i] * Math.max(0, goLiveDay - Math.max(first, registered[i]));
		}
		double perWeight = weightSum == 0 ? 0 : manualTarget / weightSum;
		SplittableRandom random = run.random("ledger");
		Instant migratedAt = DemoScenario.at(goLive, 2 * 60);
		final long serviceCount = service;
		LedgerBulkLoad.Loaded loaded = ledger.loadLarge(append -> {
			for (int i = 0; i < n; i++) {
				int from = Math.max(first, registered[i]);
				int span = goLiveDay - from;
				if (span <= 0) {
					continue;
				}
				double expected = activity[i] * span * perWeight;
				int count = (int) expected + (random.nextDouble() < expected - (int) expected ? 1 : 0);
				count = Math.min(count, span);
				if (count == 0) {
					continue;
				}
				int[] days = distinctDays(random, from, span, count);
				DemoTeams.TeamRow team = teams.team(secondTeam[i] != 0 && random.nextInt(4) == 0 ? secondTeam[i]
						: primaryTeam[i]);
				for (int day : days) {
					LocalDate date = LocalDate.ofEpochDay(day);
					int steps = Math.min(16, 2 + (int) (-Math.log(1 - random.nextDouble()) * 4.75));
					BigDecimal h = ledger.roundHours(BigDecimal.valueOf(steps * 5L, 1));
					Instant start = DemoScenario.at(date, 8 * 60 + 30 * random.nextInt(16));
					String[] kinds = { "SERVICE", "SERVICE", "SERVICE", "CAMPAIGN", "MARKET", "COURSE", "LECTURE" };
					String type = kinds[random.nextInt(kinds.length)];
					String reason = date.getYear() <= currentYear - 4 ? "迁移自纸质签到表" : "迁移自原志愿服务信息系统";
					append.append(new BulkRecord(RecordKind.MANUAL, volunteerBase + i, null, null, type,
							title(type, random), OffsetDateTime.ofInstant(start, ZoneOffset.UTC),
							OffsetDateTime.ofInstant(start.plusSeconds(steps * 1800L), ZoneOffset.UTC), h, "TEAM",
							team.id(), team.name(), team.regionPath(), "migration", "migration", reason,
							OffsetDateTime.ofInstant(migratedAt, ZoneOffset.UTC)));
				}
			}
			for (DemoActivities.Held a : activities) {
				for (DemoActivities.HeldShift s : a.shifts()) {
					for (int k = 0; k < s.volunteers().length; k++) {
						if (!s.came()[k]) {
							continue;
						}
						Instant in = s.start().plusSeconds(60L * s.inOffset()[k]);
						Instant out = s.end().plusSeconds(60L * s.outOffset()[k]);
						append.append(new BulkRecord(RecordKind.SERVICE, volunteerBase + s.volunteers()[k], a.id(), s.id(),
								a.type(), a.title(), OffsetDateTime.ofInstant(in, ZoneOffset.UTC),
								OffsetDateTime.ofInstant(out, ZoneOffset.UTC), ledger.round(in, out),
								a.organizerTeamId() != null ? "TEAM" : "SITE",
								a.organizerTeamId() != null ? a.organizerTeamId() : a.organizerSiteId(),
								a.organizationName(), a.organizationPath(), DemoScenario.ACTOR, DemoScenario.ACTOR, null,
								OffsetDateTime.ofInstant(s.attendanceConfirmedAt(), ZoneOffset.UTC)));
					}
				}
			}
		});
		run.tally().records(loaded.records(), loaded.hours());
		run.digest(Long.toString(loaded.records()).getBytes());
		run.digest(loaded.hours().toPlainString().getBytes());
		byte[] head = jdbc.sql("select last_hash from ledger_head").query(byte[].class).single();
		run.digest(head);
		run.counted("service_record", loaded.records(), t0);
		run.progress(String.format("    %,d SERVICE records from attendance, %,d MANUAL migrated; %s hours",
				serviceCount, loaded.records() - serviceCount, loaded.hours().toPlainString()));
		run.progress(String.format("    COPY %,d ms (of which waiting for the database %,d ms), totals %,d ms,"
				+ " indexes and checks %,d ms", loaded.copyMillis(), loaded.sendingMillis(), loaded.totalsMillis(),
				loaded.indexMillis()));
	}

	private int[] distinctDays(SplittableRandom random, int from, int span, int count) {
		if (count * 3 > span) {
			// dense: walk the span and keep each day with the right probability
			int[] days = new int[count];
			int kept = 0;
			for (int d = 0; d < span && kept < count; d++) {
				if (random.nextInt(span - d) < count - kept) {
					days[kept++] = from + d;
				}
			}
			return Arrays.copyOf(days, kept);
		}
		Set<Integer> chosen = new TreeSet<>();
		while (chosen.size() < count) {
			chosen.add(from + random.nextInt(span));
		}
		return chosen.stream().mapToInt(Integer::intValue).toArray();
	}

	private String title(String type, SplittableRandom random) {
		return switch (type) {
			case "CAMPAIGN" -> "我们的节日主题活动";
			case "MARKET" -> "志愿服务集市";
			case "COURSE" -> "公益课堂";
			case "LECTURE" -> "理论宣讲";
			default -> new String[] { "社区环境清洁志愿服务", "关爱空巢老人走访", "文明交通劝导", "河道巡护" }[random.nextInt(4)];
		};
	}
}

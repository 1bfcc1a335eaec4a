package org.wenming.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.WenmingApplication;
import org.wenming.commendation.Commendations;
import org.wenming.ledger.ManualRecordDraft;
import org.wenming.ledger.RecordTransfer;
import org.wenming.ledger.ServiceLedger;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.Volunteers;

import tools.jackson.databind.json.JsonMapper;

/**
 * Two Wenming installations, each with its own database on the suite's PostgreSQL: the test's application is
 * "Zhaoqing" (A), a second application started here on a fresh database is "another city" (B), which trusts A's
 * ledger key. A volunteer with hours of two activity types (one record corrected, one brought from a third city
 * earlier) and a commendation moves from A to B: A exports, B imports for the same person registered there, and
 * every figure is equal — total hours, records, hours per type, commendations, completed courses (a first-aid
 * course: B then holds the qualification); importing again adds nothing.
 */
@WenmingTest
class ExchangeRoundTripTest {

	@TempDir
	Path folder;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Volunteers volunteers;

	@Autowired
	ServiceLedger ledger;

	@Autowired
	RecordTransfer transfer;

	@Autowired
	RecordExchange exchange;

	@Autowired
	Commendations commendations;

	@Autowired
	JsonMapper json;

	@Autowired
	org.springframework.context.ApplicationContext context;

	@Test
	void aVolunteerMovingToAnotherWenmingKeepsEveryFigure() throws Exception {
		TestUsers users = new TestUsers(regions);
		ScopedUser staffA = users.staffPrincipal("441202", Roles.OFFICE_STAFF);
		String name = TestVolunteers.name();
		String idNumber = TestVolunteers.residentId("441202");
		var draft = TestVolunteers.draft(name, idNumber, TestVolunteers.mobile(), "441202");
		Volunteer a = volunteers.registerSelf(draft, "trip-" + UUID.randomUUID().toString().substring(0, 8), "Trip-2026-pw");
		long team = new org.wenming.complaint.RecordFixtures(jdbc, volunteers, regions).team("441202").teamId();
		LocalDate today = LocalDate.now(CityTime.ZONE);
		ledger.recordManual(new ManualRecordDraft(a.volunteerNumber(), ManualRecordDraft.OrganizationKind.TEAM, team,
				"SERVICE", "社区服务", today.minusDays(5), LocalTime.of(9, 0), LocalTime.of(12, 0), "张队长"), staffA);
		ledger.recordManual(new ManualRecordDraft(a.volunteerNumber(), ManualRecordDraft.OrganizationKind.TEAM, team,
				"LECTURE", "理论宣讲", today.minusDays(4), LocalTime.of(14, 0), LocalTime.of(16, 30), "张队长"), staffA);
		// the lecture's record corrected from 2.5 to 2.0 hours (a CORRECTION record: the file carries 2.0)
		ScopedUser me = users.principal(a.userId(), "441202", Roles.VOLUNTEER);
		long lecture = jdbc.sql("select max(seq) from service_record where volunteer_id = :v").param("v", a.id())
			.query(Long.class).single();
		ledger.approve(ledger.requestCorrection(new org.wenming.ledger.CorrectionDraft(lecture, new java.math.BigDecimal("2.0"),
				"签到表记错了时间", null, null, null, null, null), me), staffA);
		// a record from a third city, imported into A earlier: it travels on with its first source
		Path third = folder.resolve("third.jsonl");
		Files.writeString(third, new ExchangeFiles(json).file(a, List.of(ExchangeFiles.record("t1", today.minusDays(30), 9,
				13, "4.0"))));
		assertThat(exchange.importFile(third, a.volunteerNumber(), true, staffA).added()).isEqualTo(1);
		commendations.create(new Commendations.Draft(a.volunteerNumber(), null, "优秀志愿者", "肇庆市文明办", "CITY",
				today.minusDays(20).toString()), null, staffA);
		// the first-aid course from the third city
		org.wenming.training.Trainings trainings = context.getBean(org.wenming.training.Trainings.class);
		trainings.recordExternal(a.id(), "test-third-city", "course-1", new org.wenming.training.CompletedCourse("急救员培训",
				"外市红十字会", new java.math.BigDecimal("16.0"), today.minusDays(60), "外市", true, "HJ-2026-001",
				org.wenming.training.Qualification.FIRST_AID, "test-third-city"));
		RecordTransfer.Figures inA = transfer.figures(a.id());
		assertThat(inA.totalHours()).isEqualByComparingTo("9.0");
		assertThat(inA.hoursByType()).containsEntry("LECTURE", new java.math.BigDecimal("2.0"));

		ByteArrayOutputStream file = new ByteArrayOutputStream();
		exchange.exportOne(a, "转入外市，本人申请转移接续", staffA, "https://a.example.cn", file);
		Path exported = folder.resolve("a.jsonl");
		Files.write(exported, file.toByteArray());

		int port = jdbc.sql("select inet_server_port()").query(Integer.class).single();
		String database = "wenming_trip_" + UUID.randomUUID().toString().substring(0, 8);
		jdbc.sql("create database " + database).update();
		try (ConfigurableApplicationContext b = SpringApplication.run(WenmingApplication.class,
				"--spring.profiles.active=test", "--server.port=0", "--spring.main.banner-mode=off",
				"--wenming.scheduling.enabled=false", "--wenming.db.key-lookup-pool-size=2",
				"--wenming.db.url=jdbc:postgresql://localhost:" + port + "/" + database, "--wenming.db.username=postgres",
				"--wenming.db.password=", "--wenming.db.embedded-directory=" + folder.resolve("not-used"),
				"--wenming.ledger.signing.key-file=" + folder.resolve("b-signing.key"),
				"--wenming.checkin.secret=Zm0Qb0h3c2V4YW1wbGUta2V5LW9mLXRoaXJ0eS10d28tYnl0ZXM=",
				"--wenming.honor.notice.secret=Zm0Qb0h3c2V4YW1wbGUta2V5LW9mLXRoaXJ0eS10d28tYnl0ZXM=",
				"--wenming.exchange.installation-id=wenming-other", "--wenming.exchange.city-name=乙市",
				"--wenming.exchange.trusted-sources[wenming-zhaoqing]=" + exchange.identity().publicKeyPem())) {
			Volunteers volunteersB = b.getBean(Volunteers.class);
			RecordExchange exchangeB = b.getBean(RecordExchange.class);
			RecordTransfer transferB = b.getBean(RecordTransfer.class);
			ServiceLedger ledgerB = b.getBean(ServiceLedger.class);
			ScopedUser staffB = users.staffPrincipal("441202", Roles.OFFICE_STAFF);
			// the same person registers in B (same name, ID number, birth date)
			Volunteer there = volunteersB.registerSelf(draft, "moved-" + UUID.randomUUID().toString().substring(0, 8),
					"Trip-2026-pw");

			var report = exchangeB.importFile(exported, there.volunteerNumber(), true, staffB);
			assertThat(report.errors()).isEmpty();
			assertThat(report.added()).isEqualTo(3);
			assertThat(report.commendationsAdded()).isEqualTo(1);
			assertThat(report.coursesAdded()).isEqualTo(1);
			var trainingsB = b.getBean(org.wenming.training.Trainings.class);
			assertThat(trainingsB.completedBy(there.id()))
				.extracting(c -> c.title() + "/" + c.provider() + "/" + c.hours().stripTrailingZeros().toPlainString() + "/"
						+ c.completedOn() + "/" + c.qualification() + "/" + c.certificateNumber())
				.containsExactlyElementsOf(trainings.completedBy(a.id()).stream()
					.map(c -> c.title() + "/" + c.provider() + "/" + c.hours().stripTrailingZeros().toPlainString() + "/"
							+ c.completedOn() + "/" + c.qualification() + "/" + c.certificateNumber())
					.toList());
			assertThat(trainingsB.holds(there.id(), org.wenming.training.Qualification.FIRST_AID, today)).isTrue();

			RecordTransfer.Figures inB = transferB.figures(there.id());
			assertThat(inB.totalHours()).isEqualByComparingTo(inA.totalHours());
			assertThat(inB.records()).isEqualTo(inA.records());
			assertThat(inB.hoursByType()).isEqualTo(inA.hoursByType());
			// in B all of it was served elsewhere
			assertThat(inB.externalHours()).isEqualByComparingTo(inA.totalHours());
			assertThat(ledgerB.totals(there.id()).orElseThrow().hours()).isEqualByComparingTo(inA.totalHours());
			assertThat(b.getBean(Commendations.class).ofVolunteer(there.id()))
				.extracting(c -> c.title() + "/" + c.issuer() + "/" + c.level() + "/" + c.awardedOn())
				.containsExactlyElementsOf(commendations.ofVolunteer(a.id()).stream()
					.map(c -> c.title() + "/" + c.issuer() + "/" + c.level() + "/" + c.awardedOn()).toList());
			// the third city's record keeps its first source; A's own ones name A
			assertThat(b.getBean(JdbcClient.class).sql("""
					select x.source || ':' || x.source_ref from service_record_external x join service_record r on r.seq = x.seq
					where r.volunteer_id = :v order by r.started_at""").param("v", there.id()).query(String.class).list())
				.hasSize(3).first().isEqualTo("test-other-city:t1");
			// again: nothing new
			var again = exchangeB.importFile(exported, there.volunteerNumber(), true, staffB);
			assertThat(again.added()).isZero();
			assertThat(again.skipped()).isEqualTo(3);
			assertThat(again.commendationsAdded()).isZero();
			assertThat(again.coursesAdded()).isZero();
			assertThat(transferB.figures(there.id())).isEqualTo(inB);
			// B's whole chain and totals hold
			assertThat(ledgerB.verify(n -> { }).intact()).isTrue();
			assertThat(ledgerB.checkTotals()).isEmpty();
		}
		finally {
			jdbc.sql("drop database if exists " + database + " with (force)").update();
		}
	}
}

package org.wenming.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.complaint.RecordFixtures;
import org.wenming.exchange.internal.RecordFile;
import org.wenming.ledger.ManualRecordDraft;
import org.wenming.ledger.RecordTransfer;
import org.wenming.ledger.ServiceLedger;
import org.wenming.ledger.internal.ChainVerifier;
import org.wenming.ledger.internal.TotalsCheck;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.Volunteer;
import org.wenming.volunteer.Volunteers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Record transfer against the real database: the volunteer's own export and staff exports (scope, reason,
 * recorded), files whole and signed; imports from a trusted city — preview stores nothing, stored once however
 * often imported, the chain and the totals verify after it, external hours kept apart from the dashboards and
 * certificates; every kind of bad input refused by line and row with nothing stored.
 */
@WenmingTest
class ExchangeTest {

	@Autowired
	MockMvc mvc;

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
	ChainVerifier verifier;

	@Autowired
	TotalsCheck totals;

	@Autowired
	JsonMapper json;

	RecordFixtures fixtures;

	ExchangeFiles files;

	RequestPostProcessor duanzhou;

	RequestPostProcessor dinghu;

	ScopedUser duanzhouStaff;

	@BeforeEach
	void setUp() {
		fixtures = new RecordFixtures(jdbc, volunteers, regions);
		files = new ExchangeFiles(json);
		duanzhou = fixtures.users().staff(RecordFixtures.DUANZHOU, Roles.OFFICE_STAFF);
		dinghu = fixtures.users().staff(RecordFixtures.DINGHU, Roles.OFFICE_STAFF);
		duanzhouStaff = fixtures.users().staffPrincipal(RecordFixtures.DUANZHOU, Roles.OFFICE_STAFF);
	}

	static String body(MvcResult result) {
		return new String(result.getResponse().getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	JsonNode tree(MvcResult result) {
		return json.readTree(body(result));
	}

	Volunteer volunteer(RecordFixtures.Person p) {
		return volunteers.find(p.volunteerId()).orElseThrow();
	}

	/** A manual record of the team for the volunteer, on a day from 9:00 to the end hour. */
	void manual(RecordFixtures.Person p, long teamId, LocalDate day, int fromHour, int toHour) {
		ledger.recordManual(new ManualRecordDraft(p.volunteerNumber(), ManualRecordDraft.OrganizationKind.TEAM, teamId,
				"SERVICE", "社区服务", day, LocalTime.of(fromHour, 0), LocalTime.of(toHour, 0), "张队长"), duanzhouStaff);
	}

	MvcResult importing(String file, String volunteerNumber, boolean store) throws Exception {
		var request = post("/api/v1/exchange/imports").with(duanzhou).with(csrf()).param("store", String.valueOf(store))
			.contentType("application/x-ndjson").content(file.getBytes(StandardCharsets.UTF_8));
		if (volunteerNumber != null) {
			request.param("volunteerNumber", volunteerNumber);
		}
		return mvc.perform(request).andReturn();
	}

	long records(long volunteerId) {
		return jdbc.sql("select count(*) from service_record where volunteer_id = :v").param("v", volunteerId)
			.query(Long.class).single();
	}

	static LocalDate daysAgo(int days) {
		return LocalDate.now(CityTime.ZONE).minusDays(days);
	}

	@Test
	void aVolunteerExportsTheirOwnRecordAndStaffExportInScopeWithAReason() throws Exception {
		RecordFixtures.Person a = fixtures.volunteer(RecordFixtures.DUANZHOU);
		long team = fixtures.team(RecordFixtures.DUANZHOU).teamId();
		manual(a, team, daysAgo(3), 9, 12);
		manual(a, team, daysAgo(2), 14, 16);

		MvcResult own = mvc.perform(get("/api/v1/me/record").with(a.signedIn())).andReturn();
		assertThat(own.getResponse().getStatus()).isEqualTo(200);
		assertThat(own.getResponse().getContentType()).startsWith("application/x-ndjson");
		String[] lines = body(own).split("\n");
		assertThat(lines).hasSize(3);
		JsonNode header = json.readTree(lines[0]);
		assertThat(header.get("format").asString()).isEqualTo("wenming-record/1");
		assertThat(header.get("source").get("installationId").asString()).isEqualTo("wenming-zhaoqing");
		JsonNode v = json.readTree(lines[1]).get("volunteer");
		assertThat(v.get("basic").get("volunteerNumber").asString()).isEqualTo(a.volunteerNumber());
		// never the full ID number: the masked one only
		assertThat(v.get("basic").get("idNumberMasked").asString()).contains("*");
		assertThat(v.get("service").get("totalHours").decimalValue()).isEqualByComparingTo("5.0");
		assertThat(v.get("service").get("records")).hasSize(2);
		assertThat(v.get("service").get("records").get(0).get("sourceSystem").asString()).isEqualTo("wenming-zhaoqing");
		JsonNode trailer = json.readTree(lines[2]).get("trailer");
		byte[] signed = (lines[0] + "\n" + lines[1] + "\n").getBytes(StandardCharsets.UTF_8);
		assertThat(trailer.get("sha256").asString())
			.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(signed)));
		assertThat(trailer.get("volunteers").asInt()).isEqualTo(1);
		assertThat(jdbc.sql("""
				select count(*) from exchange_event where direction = 'EXPORT' and volunteer_id = :v and reason is null""")
			.param("v", a.volunteerId()).query(Long.class).single()).isEqualTo(1);

		// the same as one flat CSV file with a section column, its trailer row over every byte before it
		MvcResult csv = mvc.perform(get("/api/v1/me/record").param("format", "csv").with(a.signedIn())).andReturn();
		assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
		String text = body(csv);
		String[] rows = text.split("\r\n");
		assertThat(rows[0]).startsWith("section,volunteer_number,format");
		assertThat(Arrays.stream(rows).map(r -> r.substring(0, r.indexOf(','))).toList())
			.containsExactly("section", "file", "basic", "service", "service", "trailer");
		String beforeTrailer = text.substring(0, text.indexOf("\r\ntrailer,") + 2);
		assertThat(rows[5]).contains(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
			.digest(beforeTrailer.getBytes(StandardCharsets.UTF_8))));
		MvcResult badFormat = mvc.perform(get("/api/v1/me/record").param("format", "xml").with(a.signedIn())).andReturn();
		assertThat(badFormat.getResponse().getStatus()).isEqualTo(400);
		assertThat(body(badFormat)).contains("\"field\":\"format\"");

		// staff: another county's office does not find the volunteer; no reason, no file; a volunteer may not
		String exportBody = "{\"volunteerNumber\":\"" + a.volunteerNumber() + "\",\"reason\":\"转入外市，本人申请转移接续\"}";
		MvcResult outside = mvc.perform(post("/api/v1/exchange/exports").with(dinghu).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(exportBody)).andReturn();
		assertThat(outside.getResponse().getStatus()).isEqualTo(400);
		assertThat(body(outside)).contains("volunteerNumber");
		MvcResult noReason = mvc.perform(post("/api/v1/exchange/exports").with(duanzhou).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"volunteerNumber\":\"" + a.volunteerNumber() + "\",\"reason\":\"x\"}")).andReturn();
		assertThat(noReason.getResponse().getStatus()).isEqualTo(400);
		assertThat(body(noReason)).contains("\"field\":\"reason\"");
		assertThat(mvc.perform(post("/api/v1/exchange/exports").with(a.signedIn()).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(exportBody)).andReturn().getResponse().getStatus())
			.isEqualTo(403);
		MvcResult staff = mvc.perform(post("/api/v1/exchange/exports").with(duanzhou).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(exportBody)).andReturn();
		assertThat(staff.getResponse().getStatus()).isEqualTo(200);
		assertThat(body(staff).split("\n")).hasSize(3);
		assertThat(jdbc.sql("""
				select reason from exchange_event where direction = 'EXPORT' and volunteer_id = :v and reason is not null""")
			.param("v", a.volunteerId()).query(String.class).list()).containsExactly("转入外市，本人申请转移接续");

		// the volunteer's own file imported back for them: every record overlaps one they have; nothing stored
		long before = records(a.volunteerId());
		MvcResult back = importing(body(own), a.volunteerNumber(), true);
		assertThat(back.getResponse().getStatus()).isEqualTo(400);
		JsonNode report = tree(back);
		assertThat(report.get("stored").asBoolean()).isFalse();
		assertThat(report.get("errors")).hasSize(2);
		assertThat(report.get("errors").get(0).get("line").asInt()).isEqualTo(2);
		assertThat(report.get("errors").get(0).get("row").asInt()).isEqualTo(1);
		assertThat(report.get("errors").get(0).get("field").asString()).isEqualTo("start");
		assertThat(report.get("errors").get(1).get("row").asInt()).isEqualTo(2);
		assertThat(records(a.volunteerId())).isEqualTo(before);
	}

	@Test
	void aTrustedCitysRecordsEnterTheLedgerOnceAsExternalRecordsAndTheChainAndTotalsHold() throws Exception {
		RecordFixtures.Person b = fixtures.volunteer(RecordFixtures.DUANZHOU);
		long firstSeq = ledger.length() + 1;
		String file = files.file(volunteer(b), List.of(ExchangeFiles.record("r1", daysAgo(40), 9, 12, "3.0"),
				ExchangeFiles.record("r2", daysAgo(39), 9, 17, "7.5"), ExchangeFiles.record("r3", daysAgo(38), 8, 20, "12.0")));

		// a preview stores nothing
		MvcResult preview = importing(file, b.volunteerNumber(), false);
		assertThat(preview.getResponse().getStatus()).isEqualTo(200);
		assertThat(tree(preview).get("volunteers").get(0).get("records").asInt()).isEqualTo(3);
		assertThat(records(b.volunteerId())).isZero();

		MvcResult stored = importing(file, b.volunteerNumber(), true);
		assertThat(stored.getResponse().getStatus()).isEqualTo(201);
		assertThat(tree(stored).get("added").asInt()).isEqualTo(3);
		assertThat(tree(stored).get("hoursAdded").asString()).isEqualTo("22.5");
		// twice = once
		MvcResult again = importing(file, b.volunteerNumber(), true);
		assertThat(again.getResponse().getStatus()).isEqualTo(201);
		assertThat(tree(again).get("added").asInt()).isZero();
		assertThat(tree(again).get("skipped").asInt()).isEqualTo(3);
		assertThat(records(b.volunteerId())).isEqualTo(3);

		RecordTransfer.Figures figures = transfer.figures(b.volunteerId());
		assertThat(figures.totalHours()).isEqualByComparingTo("22.5");
		assertThat(figures.externalHours()).isEqualByComparingTo("22.5");
		assertThat(figures.ownHours()).isEqualByComparingTo("0");
		assertThat(jdbc.sql("select kind from service_record where volunteer_id = :v").param("v", b.volunteerId())
			.query(String.class).list()).containsOnly("EXTERNAL");
		assertThat(jdbc.sql("""
				select count(*) from service_record_external x join service_record r on r.seq = x.seq
				where r.volunteer_id = :v and x.source = 'test-other-city'""").param("v", b.volunteerId())
			.query(Long.class).single()).isEqualTo(3);
		// the chain from before the import and this volunteer's totals verify
		assertThat(verifier.verifyFrom(firstSeq, n -> { }).intact()).isTrue();
		assertThat(totals.of(List.of(b.volunteerId()))).isEmpty();
		assertThat(ledger.totals(b.volunteerId()).orElseThrow().hours()).isEqualByComparingTo("22.5");
		// not in the city's dashboards' view
		assertThat(jdbc.sql("select count(*) from published_service_record where volunteer_id = :v")
			.param("v", b.volunteerId()).query(Long.class).single()).isZero();
		// marked on the volunteer's hours page
		assertThat(body(mvc.perform(get("/me/hours").with(b.signedIn())).andReturn())).contains("转入（其他系统）");
		// the volunteer's export carries them with their first source and id
		String[] lines = body(mvc.perform(get("/api/v1/me/record").with(b.signedIn())).andReturn()).split("\n");
		JsonNode first = json.readTree(lines[1]).get("volunteer").get("service").get("records").get(0);
		assertThat(first.get("sourceSystem").asString()).isEqualTo("test-other-city");
		assertThat(first.get("sourceRecordId").asString()).isEqualTo("r1");
		assertThat(first.get("kind").asString()).isEqualTo("EXTERNAL");
	}

	/** The error the import names, and that nothing was stored. */
	JsonNode refused(String file, String volunteerNumber, long volunteerId) throws Exception {
		long before = records(volunteerId);
		long external = jdbc.sql("select count(*) from service_record_external").query(Long.class).single();
		MvcResult result = importing(file, volunteerNumber, true);
		assertThat(result.getResponse().getStatus()).as(body(result)).isEqualTo(400);
		JsonNode report = tree(result);
		assertThat(report.get("stored").asBoolean()).isFalse();
		assertThat(report.get("added").asInt()).isZero();
		assertThat(records(volunteerId)).isEqualTo(before);
		assertThat(jdbc.sql("select count(*) from service_record_external").query(Long.class).single()).isEqualTo(external);
		return report.get("errors").get(0);
	}

	static void names(JsonNode error, int line, int row, String field) {
		assertThat(error.get("line").asInt()).as(error.toString()).isEqualTo(line);
		assertThat(error.get("row").asInt()).as(error.toString()).isEqualTo(row);
		assertThat(error.get("field").asString()).as(error.toString()).isEqualTo(field);
		assertThat(error.get("message").asString()).as(error.toString()).isNotBlank().doesNotStartWith("exchange.");
	}

	@Test
	void badInputIsRefusedByLineAndRowAndNothingIsStored() throws Exception {
		RecordFixtures.Person c = fixtures.volunteer(RecordFixtures.DUANZHOU);
		RecordFixtures.Person d = fixtures.volunteer(RecordFixtures.DUANZHOU);
		long team = fixtures.team(RecordFixtures.DUANZHOU).teamId();
		manual(c, team, daysAgo(10), 9, 12);
		Volunteer cv = volunteer(c);
		RecordFile.Record good = ExchangeFiles.record("g1", daysAgo(50), 9, 11, "2.0");

		// the volunteer's identity does not match the one chosen here
		names(refused(files.file(cv, List.of(good)), d.volunteerNumber(), d.volunteerId()), 2, 0, "basic.idNumberMasked");
		// bulk: nobody in scope is that person
		RecordFile.Basic nobody = new RecordFile.Basic("X", "无此人", "RESIDENT_ID", "4412**********0000", "M",
				LocalDate.of(1990, 1, 1), LocalDate.of(2020, 1, 1));
		names(refused(files.file(ExchangeFiles.OTHER_CITY, RecordFile.FORMAT, ExchangeFiles.OTHER,
				List.of(ExchangeFiles.volunteer(nobody, List.of(good))), null), null, c.volunteerId()), 2, 0,
				"basic.idNumberMasked");
		// overlapping the record the volunteer has (row 2), a good row 1 is not stored either
		names(refused(files.file(cv, List.of(good, ExchangeFiles.record("o1", daysAgo(10), 11, 13, "2.0"))),
				c.volunteerNumber(), c.volunteerId()), 2, 2, "start");
		// two rows of the file overlapping each other
		names(refused(files.file(cv, List.of(ExchangeFiles.record("o2", daysAgo(60), 9, 12, "3.0"),
				ExchangeFiles.record("o3", daysAgo(60), 11, 13, "2.0"))), c.volunteerNumber(), c.volunteerId()), 2, 2, "start");
		// beyond the daily cap (12 h), and more hours than the time served
		names(refused(files.file(cv, List.of(ExchangeFiles.record("cap", daysAgo(70), 6, 22, "13.0"))),
				c.volunteerNumber(), c.volunteerId()), 2, 1, "hours");
		names(refused(files.file(cv, List.of(good, ExchangeFiles.record("long", daysAgo(71), 9, 10, "2.0"))),
				c.volunteerNumber(), c.volunteerId()), 2, 2, "hours");
		// an unknown source; a signature by another key; a file changed after signing
		names(refused(files.file("nowhere-city", RecordFile.FORMAT, ExchangeFiles.OTHER,
				List.of(ExchangeFiles.volunteer(ExchangeFiles.basic(cv), List.of(good))), null), c.volunteerNumber(),
				c.volunteerId()), 1, 0, "source");
		names(refused(files.file(ExchangeFiles.OTHER_CITY, RecordFile.FORMAT, ExchangeFiles.STRANGER,
				List.of(ExchangeFiles.volunteer(ExchangeFiles.basic(cv), List.of(good))), null), c.volunteerNumber(),
				c.volunteerId()), 0, 0, "signature");
		String altered = json.writeValueAsString(new RecordFile.VolunteerLine(ExchangeFiles.volunteer(
				ExchangeFiles.basic(cv), List.of(ExchangeFiles.record("g1", daysAgo(50), 9, 11, "2.0"),
						ExchangeFiles.record("added", daysAgo(51), 9, 11, "2.0")))));
		names(refused(files.file(ExchangeFiles.OTHER_CITY, RecordFile.FORMAT, ExchangeFiles.OTHER,
				List.of(ExchangeFiles.volunteer(ExchangeFiles.basic(cv), List.of(good))), altered), c.volunteerNumber(),
				c.volunteerId()), 0, 0, "sha256");
		// a malformed file, a line that is not JSON, a file without its trailer, another format version
		names(refused("not json at all\n", c.volunteerNumber(), c.volunteerId()), 1, 0, "line");
		String whole = files.file(cv, List.of(good));
		String[] parts = whole.split("\n");
		names(refused(parts[0] + "\n{\"volunteer\": [\n" + parts[2] + "\n", c.volunteerNumber(), c.volunteerId()), 2, 0,
				"line");
		names(refused(parts[0] + "\n" + parts[1] + "\n", c.volunteerNumber(), c.volunteerId()), 0, 0, "trailer");
		names(refused(files.file(ExchangeFiles.OTHER_CITY, "wenming-record/2", ExchangeFiles.OTHER,
				List.of(ExchangeFiles.volunteer(ExchangeFiles.basic(cv), List.of(good))), null), c.volunteerNumber(),
				c.volunteerId()), 1, 0, "format");
		// a record without its hours or type
		RecordFile.Record broken = new RecordFile.Record(ExchangeFiles.OTHER_CITY, "b1", "SERVICE", daysAgo(80),
				daysAgo(80).atTime(9, 0).atOffset(ExchangeFiles.CITY), daysAgo(80).atTime(10, 0).atOffset(ExchangeFiles.CITY),
				"DANCING", "社区服务", "外市某志愿服务队", null);
		JsonNode first = refused(files.file(cv, List.of(good, broken)), c.volunteerNumber(), c.volunteerId());
		names(first, 2, 2, "type");

		// and the good file goes in
		assertThat(importing(whole, c.volunteerNumber(), true).getResponse().getStatus()).isEqualTo(201);
		assertThat(records(c.volunteerId())).isEqualTo(2);
		// staff of another county cannot import for this volunteer; a volunteer cannot import at all
		MvcResult outside = mvc.perform(post("/api/v1/exchange/imports").with(dinghu).with(csrf())
			.param("volunteerNumber", c.volunteerNumber()).contentType("application/x-ndjson").content(whole)).andReturn();
		assertThat(outside.getResponse().getStatus()).isEqualTo(400);
		assertThat(body(outside)).contains("volunteerNumber");
		assertThat(mvc.perform(post("/api/v1/exchange/imports").with(c.signedIn()).with(csrf())
			.contentType("application/x-ndjson").content(whole)).andReturn().getResponse().getStatus()).isEqualTo(403);
	}

	@Test
	void aBulkExportStreamsEveryVolunteerOfTheScopeAndOnlyThose() throws Exception {
		RecordFixtures.Person e = fixtures.volunteer(RecordFixtures.DINGHU);
		RecordFixtures.Person f = fixtures.volunteer(RecordFixtures.DUANZHOU);
		MvcResult done = mvc.perform(post("/api/v1/exchange/exports/bulk").with(dinghu).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"年度备份到省平台\"}")).andReturn();
		assertThat(done.getResponse().getStatus()).isEqualTo(200);
		String[] lines = body(done).split("\n");
		var scope = fixtures.users().staffPrincipal(RecordFixtures.DINGHU, Roles.OFFICE_STAFF).scope();
		long inScope = jdbc.sql("select count(*) from published_volunteer where region_path >= :l and region_path < :u")
			.param("l", scope.lower()).param("u", scope.upper()).query(Long.class).single();
		assertThat(lines.length - 2L).isEqualTo(inScope);
		assertThat(Arrays.stream(lines).anyMatch(l -> l.contains(e.volunteerNumber()))).isTrue();
		assertThat(Arrays.stream(lines).noneMatch(l -> l.contains(f.volunteerNumber()))).isTrue();
		assertThat(json.readTree(lines[lines.length - 1]).get("trailer").get("volunteers").asLong()).isEqualTo(inScope);
		assertThat(mvc.perform(post("/api/v1/exchange/exports/bulk").with(dinghu).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{}")).andReturn().getResponse().getStatus()).isEqualTo(400);
		assertThat(jdbc.sql("""
				select volunteers from exchange_event where direction = 'EXPORT' and reason = '年度备份到省平台'
				order by id desc limit 1""").query(Long.class).single()).isEqualTo(inScope);
	}

	@Autowired
	org.wenming.exchange.internal.KeptUploads kept;

	@Test
	void aPreviewedFileNeverStoredIsRemovedAfterItsRetentionAndAStoredOneAtOnce() throws Exception {
		RecordFixtures.Person g = fixtures.volunteer(RecordFixtures.DUANZHOU);
		List<String> keys = new java.util.ArrayList<>();
		for (String ref : List.of("k1", "k2")) {
			String file = files.file(volunteer(g), List.of(ExchangeFiles.record(ref + RecordFixtures.tag(), daysAgo(80), 9, 11, "2.0")));
			var upload = new org.springframework.mock.web.MockMultipartFile("file", "record.jsonl", "application/x-ndjson",
					file.getBytes(StandardCharsets.UTF_8));
			String page = body(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.multipart("/admin/exchange/import").file(upload).param("importNumber", g.volunteerNumber()).with(duanzhou)
				.with(csrf())).andReturn());
			keys.add(page.replaceAll("(?s).*name=\"upload\" value=\"([^\"]+)\".*", "$1"));
		}
		assertThat(keys).allSatisfy(key -> assertThat(kept.store().get(key)).isPresent());
		// the first is stored: it goes at once; the second is left, and an hour's retention does not take it yet
		mvc.perform(post("/admin/exchange/import/store").with(duanzhou).with(csrf()).param("upload", keys.get(0))
			.param("importNumber", g.volunteerNumber())).andReturn();
		assertThat(kept.store().get(keys.get(0))).isEmpty();
		assertThat(kept.deleteBatch(java.time.Instant.now().minus(java.time.Duration.ofHours(1)), 100)).isZero();
		assertThat(kept.store().get(keys.get(1))).isPresent();
		// a day later it goes, row and file
		jdbc.sql("update exchange_upload set uploaded_at = now() - interval '2 days' where object_key = :k")
			.param("k", keys.get(1)).update();
		assertThat(kept.deleteBatch(java.time.Instant.now().minus(kept.retention()), 100)).isEqualTo(1);
		assertThat(kept.store().get(keys.get(1))).isEmpty();
		assertThat(jdbc.sql("select count(*) from exchange_upload where object_key in (:k)").param("k", keys)
			.query(Long.class).single()).isZero();
	}

	@Test
	void thePagesPreviewAnImportBeforeStoringItAndTheVolunteerSeesOwnAndExternalApart() throws Exception {
		RecordFixtures.Person g = fixtures.volunteer(RecordFixtures.DUANZHOU);
		String file = files.file(volunteer(g), List.of(ExchangeFiles.record("p1", daysAgo(90), 9, 12, "3.0")));
		var upload = new org.springframework.mock.web.MockMultipartFile("file", "record.jsonl", "application/x-ndjson",
				file.getBytes(StandardCharsets.UTF_8));
		MvcResult preview = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
			.multipart("/admin/exchange/import").file(upload).param("importNumber", g.volunteerNumber()).with(duanzhou)
			.with(csrf())).andReturn();
		assertThat(preview.getResponse().getStatus()).isEqualTo(200);
		String page = body(preview);
		assertThat(page).contains("/admin/exchange/import/store").contains(g.volunteerNumber());
		assertThat(records(g.volunteerId())).isZero();
		String key = page.replaceAll("(?s).*name=\"upload\" value=\"([^\"]+)\".*", "$1");
		// another staff member cannot store someone else's upload
		assertThat(mvc.perform(post("/admin/exchange/import/store").with(dinghu).with(csrf()).param("upload", key)
			.param("importNumber", g.volunteerNumber())).andReturn().getResponse().getStatus()).isEqualTo(404);
		MvcResult stored = mvc.perform(post("/admin/exchange/import/store").with(duanzhou).with(csrf())
			.param("upload", key).param("importNumber", g.volunteerNumber())).andReturn();
		assertThat(stored.getResponse().getStatus()).isEqualTo(200);
		assertThat(records(g.volunteerId())).isEqualTo(1);
		// a page export without a reason: 400 naming it
		MvcResult noReason = mvc.perform(post("/admin/exchange/export").with(duanzhou).with(csrf())
			.param("volunteerNumber", g.volunteerNumber()).param("reason", "")).andReturn();
		assertThat(noReason.getResponse().getStatus()).isEqualTo(400);
		assertThat(body(noReason)).contains("reason-error");
		// the volunteer's page: own and brought in apart, and the download
		String mine = body(mvc.perform(get("/me/record").with(g.signedIn())).andReturn());
		assertThat(mine).contains("从其他系统转入").contains("3.0").contains("/me/record/export");
		assertThat(body(mvc.perform(get("/me/record/export").with(g.signedIn())).andReturn()))
			.startsWith("{\"format\":\"wenming-record/1\"");
	}

	static BigDecimal hours(String text) {
		return new BigDecimal(text);
	}
}

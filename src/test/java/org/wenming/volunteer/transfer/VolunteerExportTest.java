package org.wenming.volunteer.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.VolunteerDraft;
import org.wenming.volunteer.Volunteers;

/** Exports: masked numbers only (the bytes are searched), formula-safe, scope bound, recorded. */
@WenmingTest
class VolunteerExportTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Volunteers volunteers;

	String surname;

	String duanzhouName;

	String dinghuName;

	String duanzhouId;

	String duanzhouPhone;

	String dinghuId;

	String dinghuPhone;

	@BeforeEach
	void twoCountiesHaveAVolunteer() {
		ScopedUser city = new TestUsers(regions).staffPrincipal("4412", Roles.OFFICE_STAFF);
		// a surname-like prefix of rare characters, so that the export's search finds exactly these two
		surname = "" + (char) (0x4E00 + java.util.concurrent.ThreadLocalRandom.current().nextInt(0x3000, 0x5000));
		duanzhouName = surname + "端州";
		dinghuName = surname + "鼎湖";
		duanzhouId = TestVolunteers.residentId("441202");
		duanzhouPhone = TestVolunteers.mobile();
		dinghuId = TestVolunteers.residentId("441203");
		dinghuPhone = TestVolunteers.mobile();
		volunteers.registerByStaff(new VolunteerDraft(duanzhouName, "RESIDENT_ID", duanzhouId, duanzhouPhone, null,
				null, "441202001002", List.of("MEDICAL"), "=HYPERLINK(\"http://evil.example\",\"点我\")", "李四",
				"13800138000", null, null, null, null, "true"), city);
		volunteers.registerByStaff(new VolunteerDraft(dinghuName, "RESIDENT_ID", dinghuId, dinghuPhone, null, null,
				"441203001001", List.of(), null, null, null, null, null, null, null, "true"), city);
	}

	private byte[] export(String format, RequestPostProcessor user) throws Exception {
		MvcResult result = mvc.perform(get("/admin/volunteers/export." + format).param("q", surname).with(user))
			.andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getHeader("Content-Disposition")).startsWith("attachment");
		return result.getResponse().getContentAsByteArray();
	}

	/** The text of every part of a workbook, inflated. */
	private static String inflated(byte[] xlsx) throws Exception {
		java.nio.file.Path file = java.nio.file.Files.createTempFile("export", ".xlsx");
		try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(java.nio.file.Files.write(file, xlsx).toFile())) {
			StringBuilder text = new StringBuilder();
			for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
				text.append(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
			}
			// FastExcel writes non-ASCII characters as character references
			return java.util.regex.Pattern.compile("&#x([0-9a-fA-F]+);").matcher(text)
				.replaceAll(m -> new String(Character.toChars(Integer.parseInt(m.group(1), 16))));
		}
		finally {
			java.nio.file.Files.delete(file);
		}
	}

	@Test
	void noPlainIdOrPhoneNumberInAnyExport() throws Exception {
		RequestPostProcessor city = new TestUsers(regions).staff("4412", Roles.OFFICE_STAFF);
		String csv = new String(export("csv", city), StandardCharsets.UTF_8);
		String xlsx = inflated(export("xlsx", city));
		for (String text : List.of(csv, xlsx)) {
			assertThat(text).contains(duanzhouName).contains(dinghuName);
			// a hidden part is searched together with a visible neighbour: four random digits alone also turn
			// up inside region codes (441202001002 holds "2001")
			for (String secret : List.of(duanzhouId, duanzhouPhone, dinghuId, dinghuPhone, "13800138000",
					duanzhouId.substring(4, 14), duanzhouPhone.substring(0, 7), duanzhouPhone.substring(3))) {
				assertThat(text).doesNotContain(secret);
			}
			assertThat(text).contains(duanzhouId.substring(0, 4) + "**********" + duanzhouId.substring(14))
				.contains(duanzhouPhone.substring(0, 3) + "****" + duanzhouPhone.substring(7));
		}
		assertThat(csv).startsWith("\uFEFF");
	}

	@Test
	void csvCellsThatWouldRunAsFormulasAreEscaped() throws Exception {
		String csv = new String(export("csv", new TestUsers(regions).staff("4412", Roles.OFFICE_STAFF)),
				StandardCharsets.UTF_8);
		assertThat(csv).contains("'=HYPERLINK(").doesNotContain(",=HYPERLINK(").doesNotContain(",\"=HYPERLINK(");
		assertThat(SpreadsheetText.cell("+1")).isEqualTo("'+1");
		assertThat(SpreadsheetText.cell("-1")).isEqualTo("'-1");
		assertThat(SpreadsheetText.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(SpreadsheetText.cell("张三")).isEqualTo("张三");
	}

	@Test
	void aCountyOfficeExportsOnlyItsCountyAndTheExportIsRecorded() throws Exception {
		TestUsers users = new TestUsers(regions);
		long recorded = jdbc.sql("select count(*) from volunteer_export").query(Long.class).single();
		for (String format : List.of("csv", "xlsx")) {
			byte[] bytes = export(format, users.staff("441202", Roles.OFFICE_STAFF));
			String text = format.equals("csv") ? new String(bytes, StandardCharsets.UTF_8) : inflated(bytes);
			assertThat(text).contains(duanzhouName).doesNotContain(dinghuName);
		}
		var last = jdbc.sql("select actor_username, format, filter, row_count from volunteer_export order by id desc limit 1")
			.query().singleRow();
		assertThat(last.get("actor_username")).isEqualTo("test-441202");
		assertThat(last.get("format")).isEqualTo("XLSX");
		assertThat(last.get("filter")).isEqualTo("q=" + surname);
		assertThat(last.get("row_count")).isEqualTo(1);
		assertThat(jdbc.sql("select count(*) from volunteer_export").query(Long.class).single()).isEqualTo(recorded + 2);
		// asking for the other county's region is refused, not answered empty-handed with its data
		MvcResult other = mvc.perform(get("/admin/volunteers/export.csv").param("region", "441203")
			.with(users.staff("441202", Roles.OFFICE_STAFF))).andReturn();
		assertThat(other.getResponse().getStatus()).isEqualTo(403);
		// site admins and team leaders may list but not export
		assertThat(mvc.perform(get("/admin/volunteers/export.csv").with(users.staff("441202", Roles.SITE_ADMIN)))
			.andReturn().getResponse().getStatus()).isEqualTo(403);
		// a bad filter is a 400, not a file
		assertThat(mvc.perform(get("/admin/volunteers/export.csv").param("phone4", "12ab")
			.with(users.staff("441202", Roles.OFFICE_STAFF))).andReturn().getResponse().getStatus()).isEqualTo(400);
	}
}

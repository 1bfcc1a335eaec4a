package org.wenming.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.wenming.account.AccountFixtures;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.volunteer.TestVolunteers;

/**
 * The bulk import as the county office does it: take the template's columns, upload a CSV with one bad
 * phone number → nothing imported, the error report names the row and the column; upload a clean XLSX →
 * every row imported. The job runs in the background; its page shows the outcome when it is there.
 */
@BrowserTest
class VolunteerImportBrowserTest {

	private static final String COUNTY = "441202";

	private static final int ROWS = 6;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	Regions regions;

	@Autowired
	MessageSource messages;

	@ParameterizedTest
	@EnumSource(Viewport.class)
	void aFileWithABadRowIsRefusedWithItsReportAndACleanFileImports(Viewport viewport, Browsers browsers)
			throws IOException {
		String username = AccountFixtures.unique("importer");
		new AccountFixtures(jdbc, encoder).user(username, COUNTY, Roles.OFFICE_STAFF);
		Region town = regions.children(COUNTY).get(0);
		String village = regions.children(town.code()).get(0).code();

		Browser staff = browsers.open(viewport);
		staff.signIn(username, AccountFixtures.PASSWORD);
		staff.open("/admin/volunteers/import");
		PageChecks.assertFitsAndAccessible(staff);
		// the columns are the template's, as offered on the page
		Browser.Fetched template = staff.fetch(staff.find("a[href$='/template.csv']").getDomAttribute("href"));
		assertThat(template.status()).isEqualTo(200);
		List<String> headers = records(new String(template.body(), StandardCharsets.UTF_8)).get(0).toList();

		List<Map<String, String>> rows = new ArrayList<>();
		for (int i = 0; i < ROWS; i++) {
			rows.add(Map.of("姓名", TestVolunteers.name(), "证件类型", "居民身份证", "证件号码",
					TestVolunteers.residentId("441283"), "手机号码", TestVolunteers.mobile(), "所属地区代码", village,
					"同意隐私政策版本", "2026-01"));
		}
		List<Map<String, String>> bad = new ArrayList<>(rows);
		Map<String, String> third = new java.util.HashMap<>(rows.get(2));
		third.put("手机号码", "12345");
		bad.set(2, third);

		long before = volunteersIn(village);
		upload(staff, csv(headers, bad, "bad-" + viewport));
		String status = finished(staff);
		assertThat(status).isEqualTo("REFUSED");
		assertThat(staff.text()).contains(t("volunteer.import.status.REFUSED"))
			.contains(t("volunteer.import.refusedRows", 1));
		PageChecks.assertFitsAndAccessible(staff);
		Browser.Fetched report = staff.fetch(staff.find("a[href$='/errors.csv']").getDomAttribute("href"));
		assertThat(report.status()).isEqualTo(200);
		List<CSVRecord> lines = records(new String(report.body(), StandardCharsets.UTF_8));
		assertThat(lines).hasSize(2);
		// data row 3 is the file's row 4 (the header is row 1)
		assertThat(lines.get(1).get(0)).isEqualTo("4");
		assertThat(lines.get(1).get(1)).isEqualTo("手机号码");
		// the value is masked (the report is personal data too) and the rule is said
		assertThat(lines.get(1).get(2)).isNotEmpty().doesNotContain("12345");
		assertThat(lines.get(1).get(3)).isNotBlank();
		assertThat(volunteersIn(village)).as("all or nothing").isEqualTo(before);

		staff.open("/admin/volunteers/import");
		upload(staff, xlsx(headers, rows, "clean-" + viewport));
		assertThat(finished(staff)).isEqualTo("DONE");
		assertThat(staff.text()).contains(t("volunteer.import.done", ROWS));
		assertThat(staff.has("a[href$='/errors.csv']")).isFalse();
		PageChecks.assertFitsAndAccessible(staff);
		assertThat(volunteersIn(village)).isEqualTo(before + ROWS);
		for (Map<String, String> row : rows) {
			assertThat(jdbc.sql("select count(*) from volunteer where region_code = :v and real_name = :n")
				.param("v", village).param("n", row.get("姓名")).query(Long.class).single())
				.as(row.get("姓名")).isPositive();
		}
		// the finished job is listed on the import page
		staff.open("/admin/volunteers/import");
		assertThat(staff.text()).contains("clean-" + viewport + ".xlsx");
	}

	/** On the phone without a mouse (Tab to the file input, the path as a chooser gives it, Enter); at the desk by clicks. */
	private static void upload(Browser staff, Path file) {
		if (staff.viewport() == Viewport.PHONE) {
			staff.tabTo("#file", 200);
			staff.focused().sendKeys(file.toString());
			staff.enter("main form button[type=submit]");
		}
		else {
			staff.find("#file").sendKeys(file.toString());
			staff.click("main form button[type=submit]");
		}
		staff.waitUntil(d -> staff.path().matches("/admin/volunteers/import/\\d+"));
	}

	/** Waits for the status the page polls for to be final (the job runs in the background) and returns it. */
	private static String finished(Browser staff) {
		return staff.waitUntil(d -> {
			// read in one step: htmx replaces the status block every two seconds
			Object status = staff.script("const dd = document.querySelector('dd[data-status]'); return dd && dd.dataset.status");
			return List.of("DONE", "REFUSED", "FAILED", "INTERRUPTED").contains(status) ? (String) status : null;
		});
	}

	private long volunteersIn(String village) {
		return jdbc.sql("select count(*) from volunteer where region_code = :v").param("v", village)
			.query(Long.class).single();
	}

	private static List<CSVRecord> records(String text) throws IOException {
		String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
		return CSVFormat.RFC4180.parse(new StringReader(body)).getRecords();
	}

	/** The template's header, read loosely: a required column may carry a mark. */
	private static String value(String header, Map<String, String> row) {
		return row.getOrDefault(header.replaceAll("[\\s*＊]", ""), "");
	}

	private static Path csv(List<String> headers, List<Map<String, String>> rows, String name) throws IOException {
		StringBuilder out = new StringBuilder();
		try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
			printer.printRecord(headers);
			for (Map<String, String> row : rows) {
				printer.printRecord(headers.stream().map(h -> value(h, row)).toList());
			}
		}
		return write(name + ".csv", out.toString().getBytes(StandardCharsets.UTF_8));
	}

	private static Path xlsx(List<String> headers, List<Map<String, String>> rows, String name) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Workbook workbook = new Workbook(out, "wenming-test", "1.0");
		Worksheet sheet = workbook.newWorksheet("志愿者");
		for (int c = 0; c < headers.size(); c++) {
			sheet.value(0, c, headers.get(c));
		}
		for (int r = 0; r < rows.size(); r++) {
			for (int c = 0; c < headers.size(); c++) {
				String v = value(headers.get(c), rows.get(r));
				if (!v.isEmpty()) {
					sheet.value(r + 1, c, v);
				}
			}
		}
		workbook.finish();
		return write(name + ".xlsx", out.toByteArray());
	}

	private static Path write(String name, byte[] bytes) {
		try {
			Path folder = Files.createDirectories(Path.of("target", "browser-files"));
			return Files.write(folder.resolve(name), bytes).toAbsolutePath();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private String t(String key, Object... args) {
		return messages.getMessage(key, args, Locale.SIMPLIFIED_CHINESE);
	}
}

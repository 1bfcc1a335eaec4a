package org.wenming.volunteer.transfer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.wenming.volunteer.TestVolunteers;

/** Import files for tests: valid rows of synthetic volunteers, written as CSV (any charset) or XLSX. */
final class ImportFiles {

	static final List<String> HEADER = ImportTemplate.headers();

	private ImportFiles() {
	}

	/** A valid row for a volunteer living in the given village (12-digit code), ID issued in its county. */
	static List<String> row(String village) {
		List<String> row = new ArrayList<>();
		for (ImportColumn column : ImportColumn.values()) {
			row.add(switch (column) {
				case REAL_NAME -> TestVolunteers.name();
				case ID_TYPE -> "居民身份证";
				case ID_NUMBER -> uniqueResidentId();
				case PHONE -> TestVolunteers.mobile();
				case REGION_CODE -> village;
				case SKILLS -> "医疗救护;LEGAL";
				case AVAILABILITY -> "周末";
				case CONSENT -> "2026-01";
				default -> "";
			});
		}
		return row;
	}

	private static final java.util.concurrent.atomic.AtomicInteger NEXT_ID = new java.util.concurrent.atomic.AtomicInteger();

	/**
	 * A resident ID no other row of this test run has: files of a thousand random IDs would repeat one
	 * now and then. Issued in 德庆县 (441226), where no other test's volunteers come from.
	 */
	static String uniqueResidentId() {
		int n = NEXT_ID.getAndIncrement();
		return TestVolunteers.residentId("441226", java.time.LocalDate.of(1960, 1, 1).plusDays(n / 1000), n % 1000);
	}

	static List<List<String>> rows(String village, int count) {
		List<List<String>> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			rows.add(row(village));
		}
		return rows;
	}

	static void set(List<String> row, ImportColumn column, String value) {
		row.set(column.ordinal(), value);
	}

	static String get(List<String> row, ImportColumn column) {
		return row.get(column.ordinal());
	}

	static byte[] csv(List<List<String>> rows, Charset charset) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (CSVPrinter printer = new CSVPrinter(new java.io.OutputStreamWriter(out, charset), CSVFormat.RFC4180)) {
			printer.printRecord(HEADER);
			for (List<String> row : rows) {
				printer.printRecord(row);
			}
		}
		return out.toByteArray();
	}

	static byte[] csv(List<List<String>> rows) throws IOException {
		return csv(rows, StandardCharsets.UTF_8);
	}

	static byte[] xlsx(List<List<String>> rows) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Workbook workbook = new Workbook(out, "test", "1.0");
		Worksheet sheet = workbook.newWorksheet("志愿者");
		for (int c = 0; c < HEADER.size(); c++) {
			sheet.value(0, c, HEADER.get(c));
		}
		for (int r = 0; r < rows.size(); r++) {
			for (int c = 0; c < rows.get(r).size(); c++) {
				if (!rows.get(r).get(c).isEmpty()) {
					sheet.value(r + 1, c, rows.get(r).get(c));
				}
			}
		}
		workbook.finish();
		return out.toByteArray();
	}

	/** A zip with the workbook's entries, one of which inflates from a few KB to {@code inflated} bytes of zeros. */
	static byte[] zipBomb(long inflated) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(out)) {
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
			zip.putNextEntry(new ZipEntry("xl/workbook.xml"));
			zip.write("<workbook/>".getBytes(StandardCharsets.UTF_8));
			zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
			byte[] zeros = new byte[1 << 20];
			for (long written = 0; written < inflated; written += zeros.length) {
				zip.write(zeros);
			}
		}
		return out.toByteArray();
	}
}

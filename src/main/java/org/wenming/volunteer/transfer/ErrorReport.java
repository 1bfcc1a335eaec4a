package org.wenming.volunteer.transfer;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.context.MessageSource;
import org.wenming.volunteer.IdType;
import org.wenming.volunteer.PersonalNumbers;

/**
 * The downloadable error report (错误报告): one line per problem naming the row, the column as the
 * file heads it, the value (personal numbers masked, everything bounded and formula-safe) and the
 * rule in words. Written to disk as problems are found; after {@link #MAX_LINES} lines it only counts.
 */
final class ErrorReport implements Closeable {

	static final int MAX_LINES = 100_000;

	private final CSVPrinter printer;

	private final MessageSource messages;

	private final Locale locale;

	private int lines;

	private int omitted;

	ErrorReport(Path file, MessageSource messages, Locale locale) throws IOException {
		this.messages = messages;
		this.locale = locale;
		BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
		writer.write('\uFEFF'); // Excel opens a UTF-8 CSV correctly only with a BOM
		this.printer = new CSVPrinter(writer, CSVFormat.RFC4180);
		printer.printRecord(t("volunteer.import.report.row"), t("volunteer.import.report.column"),
				t("volunteer.import.report.value"), t("volunteer.import.report.rule"));
	}

	void add(long row, String column, ImportColumn kind, String value, String ruleKey, Object... arguments)
			throws IOException {
		if (lines >= MAX_LINES) {
			omitted++;
			return;
		}
		lines++;
		printer.printRecord(row, SpreadsheetText.cell(column), SpreadsheetText.cell(shown(kind, value)),
				messages.getMessage(ruleKey, arguments, ruleKey, locale));
	}

	/** What the report may show of a value: personal numbers masked, at most 40 characters, no control characters. */
	static String shown(ImportColumn kind, String value) {
		if (value == null) {
			return "";
		}
		String clean = value.codePoints().map(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
				? '?' : c).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
		if (kind != null && kind.personalNumber()) {
			String normalised = PersonalNumbers.normalise(clean);
			normalised = normalised.length() > 40 ? normalised.substring(0, 40) : normalised;
			if (kind == ImportColumn.ID_NUMBER) {
				// a resident ID keeps 4 + 4 characters; anything shorter keeps 2 + 2, like other documents
				return PersonalNumbers.maskId(normalised.length() >= 15 ? IdType.RESIDENT_ID : IdType.PASSPORT, normalised);
			}
			return PersonalNumbers.maskPhone(normalised);
		}
		return clean.codePointCount(0, clean.length()) > 40 ? clean.substring(0, clean.offsetByCodePoints(0, 40)) + "…"
				: clean;
	}

	private String t(String key) {
		return messages.getMessage(key, null, key, locale);
	}

	@Override
	public void close() throws IOException {
		if (omitted > 0) {
			printer.printRecord("", "", "", messages.getMessage("volunteer.import.report.omitted",
					new Object[] { omitted }, locale));
		}
		printer.close(true);
	}
}

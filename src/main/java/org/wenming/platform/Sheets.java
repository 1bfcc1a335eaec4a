package org.wenming.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ExcelReaderException;
import org.dhatim.fastexcel.reader.ReadableWorkbook;

/**
 * A small uploaded sheet as rows of text, for the imports that take one (assessment's places, training's
 * completions): CSV in UTF-8 (with or without a BOM) through Commons CSV, or the first sheet of an XLSX through
 * FastExcel's streaming reader after the zip was checked for bombs. Row numbers are the sheet's (the header is
 * row 1; rows a workbook skips keep their numbers as empty rows). A file that is not a table is refused with the
 * reason's word, which each import turns into its own message.
 */
public final class Sheets {

	/**
	 * How much a sheet may hold: rows beyond {@code maxRows} (plus the header and one more, so the caller can say
	 * "too many") are not read; more cells in a row, more entries or more inflated bytes in the zip refuse it.
	 */
	public record Limits(int maxRows, int maxCells, int maxEntries, long maxInflated) {
	}

	/** Why a file is not a sheet: {@link #reason} is {@code notUtf8}, {@code notTable} or {@code notWorkbook}. */
	public static final class Refused extends RuntimeException {

		private final String reason;

		private final int row;

		Refused(String reason, int row) {
			super(reason, null, false, false);
			this.reason = reason;
			this.row = row;
		}

		public String reason() {
			return reason;
		}

		/** The sheet's row where reading stopped, or 0 for the whole file. */
		public int row() {
			return row;
		}
	}

	private Sheets() {
	}

	/** The rows of a CSV or an XLSX (told apart by the zip signature). */
	public static List<List<String>> read(byte[] content, Limits limits) {
		return isWorkbook(content) ? xlsx(content, limits) : csv(content, limits);
	}

	/** The text of a row's cell in the column found at {@code columns}, or null when missing or blank. */
	public static <C> String cell(List<String> cells, java.util.Map<C, Integer> columns, C column) {
		Integer i = columns.get(column);
		if (i == null || i >= cells.size()) {
			return null;
		}
		String value = cells.get(i);
		return value == null || value.isBlank() ? null : value;
	}

	/** A cell's text as an error report quotes it: without control characters, at most 60 characters. */
	public static String clip(String value) {
		if (value == null) {
			return null;
		}
		String cleaned = value.codePoints().filter(c -> !Character.isISOControl(c))
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
		return cleaned.length() > 60 ? cleaned.substring(0, 60) + "…" : cleaned;
	}

	public static boolean isWorkbook(byte[] content) {
		return content.length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
	}

	private static List<List<String>> csv(byte[] content, Limits limits) {
		var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		String text;
		try {
			text = decoder.decode(ByteBuffer.wrap(content)).toString();
		}
		catch (CharacterCodingException ex) {
			throw new Refused("notUtf8", 0);
		}
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		if (text.indexOf('\0') >= 0) {
			throw new Refused("notTable", 0);
		}
		List<List<String>> rows = new ArrayList<>();
		try (Reader reader = new StringReader(text);
				CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).get().parse(reader)) {
			for (CSVRecord record : parser) {
				if (rows.size() > limits.maxRows() + 1) {
					break;
				}
				if (record.size() > limits.maxCells()) {
					throw new Refused("notTable", rows.size() + 1);
				}
				rows.add(record.toList());
			}
		}
		catch (IOException | UncheckedIOException | IllegalStateException ex) {
			throw new Refused("notTable", rows.size() + 1);
		}
		return rows;
	}

	private static List<List<String>> xlsx(byte[] content, Limits limits) {
		checkZip(content, limits);
		List<List<String>> rows = new ArrayList<>();
		try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(content));
				var stream = workbook.getFirstSheet().openStream()) {
			var it = stream.iterator();
			while (it.hasNext() && rows.size() <= limits.maxRows() + 1) {
				org.dhatim.fastexcel.reader.Row row = it.next();
				if (row.getCellCount() > limits.maxCells()) {
					throw new Refused("notTable", row.getRowNum());
				}
				// rows the sheet skips (all empty) keep their numbers: the error report names the sheet's row
				while (rows.size() < row.getRowNum() - 1) {
					rows.add(List.of());
				}
				List<String> cells = new ArrayList<>();
				for (int i = 0; i < row.getCellCount(); i++) {
					cells.add(row.getCellText(i));
				}
				rows.add(cells);
			}
		}
		catch (ExcelReaderException | IOException | UncheckedIOException | IllegalStateException
				| IllegalArgumentException ex) {
			throw new Refused("notWorkbook", 0);
		}
		return rows;
	}

	/**
	 * Too many entries or too much inflated data: refused as a zip bomb before the reader opens it. Read through
	 * the central directory (a streamed zip, as spreadsheet writers make, has its sizes there).
	 */
	private static void checkZip(byte[] content, Limits limits) {
		long inflated = 0;
		byte[] buffer = new byte[8192];
		Path file = null;
		try {
			file = Files.createTempFile("sheet", ".xlsx");
			Files.write(file, content);
			try (ZipFile zip = new ZipFile(file.toFile())) {
				if (zip.size() == 0 || zip.size() > limits.maxEntries()) {
					throw new Refused("notWorkbook", 0);
				}
				var entries = zip.entries();
				while (entries.hasMoreElements()) {
					ZipEntry entry = entries.nextElement();
					try (var in = zip.getInputStream(entry)) {
						for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
							inflated += n;
							if (inflated > limits.maxInflated()) {
								throw new Refused("notWorkbook", 0);
							}
						}
					}
				}
			}
		}
		catch (IOException | IllegalArgumentException | IllegalStateException ex) {
			throw new Refused("notWorkbook", 0);
		}
		finally {
			if (file != null) {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					// a temporary file left in the temporary folder; nothing else depends on it
				}
			}
		}
	}
}

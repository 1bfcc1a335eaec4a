package org.wenming.training.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
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
 * A small sheet as rows of text, read the way the house reads places' sheets (assessment's {@code PlaceImports}):
 * CSV in UTF-8 (with or without a BOM) through Commons CSV, or the first sheet of an XLSX through FastExcel's
 * streaming reader after the zip was checked for bombs. Row numbers are the sheet's (the header is row 1).
 */
final class Sheets {

	static final long MAX_INFLATED = 50L * 1024 * 1024;

	static final int MAX_ENTRIES = 200;

	static final int MAX_CELLS = 30;

	private Sheets() {
	}

	/** The file could not be read as a table; {@code key} says why. */
	static final class Refusal extends RuntimeException {

		final String key;

		Refusal(String key) {
			super(key, null, false, false);
			this.key = key;
		}
	}

	static List<List<String>> read(byte[] content, int maxRows) {
		return isZip(content) ? xlsx(content, maxRows) : csv(content, maxRows);
	}

	static boolean isZip(byte[] content) {
		return content.length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
	}

	private static List<List<String>> csv(byte[] content, int maxRows) {
		var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		String text;
		try {
			text = decoder.decode(java.nio.ByteBuffer.wrap(content)).toString();
		}
		catch (CharacterCodingException ex) {
			throw new Refusal("training.import.notUtf8");
		}
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		if (text.indexOf('\0') >= 0) {
			throw new Refusal("training.import.notTable");
		}
		List<List<String>> rows = new ArrayList<>();
		try (Reader reader = new java.io.StringReader(text);
				CSVParser parser = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).get().parse(reader)) {
			for (CSVRecord record : parser) {
				if (rows.size() > maxRows + 1) {
					break;
				}
				if (record.size() > MAX_CELLS) {
					throw new Refusal("training.import.notTable");
				}
				rows.add(record.toList());
			}
		}
		catch (IOException | UncheckedIOException | IllegalStateException ex) {
			throw new Refusal("training.import.notTable");
		}
		return rows;
	}

	private static List<List<String>> xlsx(byte[] content, int maxRows) {
		checkZip(content);
		List<List<String>> rows = new ArrayList<>();
		try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(content));
				var stream = workbook.getFirstSheet().openStream()) {
			var it = stream.iterator();
			while (it.hasNext() && rows.size() <= maxRows + 1) {
				org.dhatim.fastexcel.reader.Row row = it.next();
				if (row.getCellCount() > MAX_CELLS) {
					throw new Refusal("training.import.notTable");
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
			throw new Refusal("training.import.notWorkbook");
		}
		return rows;
	}

	/** Too many entries or too much inflated data: refused as a zip bomb before the reader opens it. */
	private static void checkZip(byte[] content) {
		long inflated = 0;
		byte[] buffer = new byte[8192];
		Path file = null;
		try {
			file = Files.createTempFile("training", ".xlsx");
			Files.write(file, content);
			try (ZipFile zip = new ZipFile(file.toFile())) {
				if (zip.size() == 0 || zip.size() > MAX_ENTRIES) {
					throw new Refusal("training.import.notWorkbook");
				}
				var entries = zip.entries();
				while (entries.hasMoreElements()) {
					ZipEntry entry = entries.nextElement();
					try (var in = zip.getInputStream(entry)) {
						for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
							inflated += n;
							if (inflated > MAX_INFLATED) {
								throw new Refusal("training.import.notWorkbook");
							}
						}
					}
				}
			}
		}
		catch (IOException | IllegalArgumentException | IllegalStateException ex) {
			throw new Refusal("training.import.notWorkbook");
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

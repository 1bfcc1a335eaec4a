package org.wenming.volunteer.transfer;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV rows through Commons CSV (RFC 4180 quoting, commas, CRLF or LF). A record may not exceed
 * {@link #MAX_RECORD_CHARS}: an unterminated quote would otherwise pull the rest of the file into
 * one field in memory.
 */
final class CsvRows implements ImportRows {

	static final int MAX_RECORD_CHARS = 64 * 1024;

	static final int MAX_CELLS = 64;

	private final CSVParser parser;

	private final Iterator<CSVRecord> records;

	CsvRows(Path file, Charset charset, int bomLength) throws IOException {
		InputStream in = Files.newInputStream(file);
		in.skipNBytes(bomLength);
		Reader reader = new RecordBound(new BufferedReader(new InputStreamReader(in, charset), 64 * 1024));
		this.parser = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get().parse(reader);
		this.records = parser.iterator();
	}

	@Override
	public Row header() throws IOException {
		return next();
	}

	@Override
	public Row next() throws IOException {
		try {
			if (!records.hasNext()) {
				return null;
			}
			CSVRecord record = records.next();
			if (record.size() > MAX_CELLS) {
				throw new ImportRefusedException("volunteer.import.refused.tooManyCells", record.getRecordNumber());
			}
			List<String> cells = new ArrayList<>(record.size());
			record.forEach(cells::add);
			return new Row(record.getRecordNumber(), cells);
		}
		catch (UncheckedIOException | IllegalStateException ex) {
			// Commons CSV reports a broken quote or an over-long record this way
			throw new ImportRefusedException("volunteer.import.refused.malformedCsv", parser.getRecordNumber() + 1);
		}
	}

	@Override
	public void close() throws IOException {
		parser.close();
	}

	/** Fails a record longer than the limit; tracks quotes so that a quoted newline does not end a record. */
	static final class RecordBound extends FilterReader {

		private boolean quoted;

		private int length;

		RecordBound(Reader in) {
			super(in);
		}

		@Override
		public int read() throws IOException {
			int c = super.read();
			if (c >= 0) {
				count((char) c);
			}
			return c;
		}

		@Override
		public int read(char[] buffer, int offset, int count) throws IOException {
			int n = super.read(buffer, offset, count);
			for (int i = 0; i < n; i++) {
				count(buffer[offset + i]);
			}
			return n;
		}

		private void count(char c) throws IOException {
			if (c == '"') {
				quoted = !quoted;
			}
			if (c == '\n' && !quoted) {
				length = 0;
			}
			else if (++length > MAX_RECORD_CHARS) {
				throw new IOException("record longer than " + MAX_RECORD_CHARS + " characters");
			}
		}
	}
}

package org.wenming.volunteer.transfer;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * Validated, encrypted rows in PostgreSQL's COPY text format, streamed straight into the load's
 * COPY while the file is still being checked: the import's memory does not grow with the file.
 * Only ciphertexts, hashes and masks of personal numbers are written, never the numbers.
 */
final class StagingRows implements Closeable {

	/** The staging table's columns, in file order (see {@link VolunteerLoad#STAGING_TABLE}). */
	static final String COLUMNS = """
			volunteer_number, real_name, name_initials, id_type, id_number_cipher, id_number_hash, id_number_masked,
			phone_cipher, phone_hash, phone_masked, phone_last4, gender, birth_date, region_code, region_path, skills,
			availability, emergency_name, emergency_phone_cipher, emergency_phone_masked, guardian_name,
			guardian_relation, guardian_phone_cipher, guardian_phone_masked, guardian_consent, consent_version""";

	private static final HexFormat HEX = HexFormat.of();

	private final BufferedWriter out;

	private long rows;

	StagingRows(OutputStream copy) {
		this.out = new BufferedWriter(new OutputStreamWriter(copy, StandardCharsets.UTF_8), 1 << 16);
	}

	/** One row; the volunteer number is prepended when the number is known to be free. */
	void write(String volunteerNumber, String rest) throws IOException {
		out.write(volunteerNumber);
		out.write('\t');
		out.write(rest);
		out.write('\n');
		rows++;
	}

	long rows() {
		return rows;
	}

	@Override
	public void close() throws IOException {
		out.close();
	}

	/** Builds the rest of a line (everything after the volunteer number), field by field. */
	static final class Line {

		private final StringBuilder text = new StringBuilder(512);

		Line text(String value) {
			separator();
			if (value == null) {
				text.append("\\N");
				return this;
			}
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				switch (c) {
					case '\\' -> text.append("\\\\");
					case '\t' -> text.append("\\t");
					case '\n' -> text.append("\\n");
					case '\r' -> text.append("\\r");
					default -> text.append(c);
				}
			}
			return this;
		}

		Line bytes(byte[] value) {
			separator();
			if (value == null) {
				text.append("\\N");
			}
			else {
				text.append("\\\\x").append(HEX.formatHex(value));
			}
			return this;
		}

		/** A text[] of codes (letters, digits, underscores only: the skill dictionary's). */
		Line codes(List<String> values) {
			separator();
			text.append('{').append(String.join(",", values)).append('}');
			return this;
		}

		Line flag(boolean value) {
			separator();
			text.append(value ? 't' : 'f');
			return this;
		}

		private void separator() {
			if (!text.isEmpty()) {
				text.append('\t');
			}
		}

		@Override
		public String toString() {
			return text.toString();
		}
	}
}

package org.wenming.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows streamed into one table through {@code COPY … FROM STDIN} (text format), a megabyte at a
 * time, so memory stays bounded whatever the count. Every value except sealed ones (AES-GCM
 * ciphertexts, random by design, and hashes keyed by the installation's key) also goes into the
 * run's digest, which is what "same seed, same rows" is checked on.
 */
public final class CopyRows implements AutoCloseable {

	private static final int BUFFER = 1 << 20;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS'+00'")
			.withZone(ZoneOffset.UTC);

	private static final HexFormat HEX = HexFormat.of();

	private final String table;

	private final CopyIn copy;

	private final MessageDigest digest;

	private final StringBuilder buffer = new StringBuilder(BUFFER + 8192);

	private boolean first = true;

	private long rows;

	public CopyRows(Connection connection, String table, List<String> columns, MessageDigest digest) {
		this.table = table;
		this.digest = digest;
		try {
			this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
					.copyIn("copy " + table + " (" + String.join(", ", columns) + ") from stdin (format text)");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("COPY into " + table + " refused: " + ex.getMessage(), ex);
		}
		digest.update(table.getBytes(StandardCharsets.UTF_8));
	}

	public CopyRows value(Object value) {
		if (value == null) {
			return raw("\\N");
		}
		if (value instanceof Instant instant) {
			return raw(TIME.format(instant));
		}
		if (value instanceof String text) {
			return raw(escape(text));
		}
		return raw(value.toString());
	}

	/**
	 * A bytea value left out of the digest: a ciphertext (random by design) or a keyed hash (keyed by
	 * the installation's own key), so the digest of a seed is the same on every installation.
	 */
	public CopyRows sealed(byte[] value) {
		separator();
		buffer.append(value == null ? "\\N" : "\\\\x" + HEX.formatHex(value));
		return this;
	}

	/** A text[] value of simple codes. */
	public CopyRows codes(List<String> codes) {
		return raw("{" + String.join(",", codes) + "}");
	}

	public void end() {
		buffer.append('\n');
		digest.update((byte) '\n');
		first = true;
		rows++;
		if (buffer.length() >= BUFFER) {
			flush();
		}
	}

	public long rows() {
		return rows;
	}

	public String table() {
		return table;
	}

	private CopyRows raw(String text) {
		separator();
		buffer.append(text);
		digest.update(text.getBytes(StandardCharsets.UTF_8));
		digest.update((byte) '\t');
		return this;
	}

	private void separator() {
		if (!first) {
			buffer.append('\t');
		}
		first = false;
	}

	private static String escape(String value) {
		StringBuilder out = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> out.append("\\\\");
				case '\t' -> out.append("\\t");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				default -> out.append(c);
			}
		}
		return out.toString();
	}

	private void flush() {
		if (buffer.length() == 0) {
			return;
		}
		byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
		buffer.setLength(0);
		try {
			copy.writeToCopy(bytes, 0, bytes.length);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("COPY into " + table + " failed: " + ex.getMessage(), ex);
		}
	}

	/** Sends the rest and ends the COPY; the rows are then visible to the transaction. */
	public long finish() {
		flush();
		try {
			return copy.endCopy();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("COPY into " + table + " failed: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void close() {
		if (copy.isActive()) {
			try {
				copy.cancelCopy();
			}
			catch (SQLException ignored) {
				// the transaction is rolling back anyway
			}
		}
	}
}

package org.wenming.ledger.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The canonical encoding of a record and its SHA-256 (the chain's link).
 *
 * <p>Encoding, version 1: the ASCII bytes {@code wenming-ledger-v1}, then each field in this
 * order as a 4-byte big-endian length followed by that many bytes of UTF-8 text (a null field is
 * the length -1 and no bytes): seq, kind, volunteer_id, activity_id, shift_id, activity_type,
 * activity_title, started_at, ended_at, hours, organization_kind, organization_id,
 * organization_name, region_path, recorded_by, confirmed_by, corrects_seq, reason, approved_by,
 * recorded_at; then the 32 bytes of prev_hash. Numbers are decimal text ({@code 12}, hours always
 * with one decimal: {@code 2.5}, {@code -1.0}); times are microseconds since the epoch in decimal
 * (PostgreSQL keeps microseconds, so the text survives a round trip). Length prefixes make the
 * encoding unambiguous: no two different records encode to the same bytes.
 */
public final class RecordHash {

	public static final byte[] GENESIS = new byte[32];

	private static final byte[] MAGIC = "wenming-ledger-v1".getBytes(StandardCharsets.US_ASCII);

	private final MessageDigest digest;

	private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);

	/** One instance per thread: it reuses its digest and buffer. */
	public RecordHash() {
		try {
			digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
		}
	}

	/** What the database will keep of a time: microseconds. */
	public static OffsetDateTime micros(OffsetDateTime time) {
		return time.truncatedTo(ChronoUnit.MICROS);
	}

	public byte[] hash(long seq, String kind, long volunteerId, Long activityId, Long shiftId, String activityType,
			String activityTitle, OffsetDateTime startedAt, OffsetDateTime endedAt, BigDecimal hours,
			String organizationKind, long organizationId, String organizationName, String regionPath,
			String recordedBy, String confirmedBy, Long correctsSeq, String reason, String approvedBy,
			OffsetDateTime recordedAt, byte[] prevHash) {
		write(seq, kind, volunteerId, activityId, shiftId, activityType, activityTitle, startedAt, endedAt, hours,
				organizationKind, organizationId, organizationName, regionPath, recordedBy, confirmedBy, correctsSeq,
				reason, approvedBy, recordedAt, prevHash);
		return digest.digest(buffer.toByteArray());
	}

	/**
	 * The canonical encoding itself (what {@link #hash} hashes; the transparency log's leaf data): a new array.
	 */
	public byte[] encode(long seq, String kind, long volunteerId, Long activityId, Long shiftId, String activityType,
			String activityTitle, OffsetDateTime startedAt, OffsetDateTime endedAt, BigDecimal hours,
			String organizationKind, long organizationId, String organizationName, String regionPath,
			String recordedBy, String confirmedBy, Long correctsSeq, String reason, String approvedBy,
			OffsetDateTime recordedAt, byte[] prevHash) {
		write(seq, kind, volunteerId, activityId, shiftId, activityType, activityTitle, startedAt, endedAt, hours,
				organizationKind, organizationId, organizationName, regionPath, recordedBy, confirmedBy, correctsSeq,
				reason, approvedBy, recordedAt, prevHash);
		return buffer.toByteArray();
	}

	/**
	 * The canonical encoding of the record in the current row of {@code rs}, whose first 21 columns are, in order:
	 * seq, kind, volunteer_id, activity_id, shift_id, activity_type, activity_title, started_at, ended_at, hours,
	 * organization_kind, organization_id, organization_name, region_path, recorded_by, confirmed_by, corrects_seq,
	 * reason, approved_by, recorded_at, prev_hash ({@link #COLUMNS}).
	 */
	public byte[] encode(java.sql.ResultSet rs) throws java.sql.SQLException {
		return encode(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getObject(4, Long.class),
				rs.getObject(5, Long.class), rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class),
				rs.getObject(9, OffsetDateTime.class), rs.getBigDecimal(10), rs.getString(11), rs.getLong(12),
				rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16), rs.getObject(17, Long.class),
				rs.getString(18), rs.getString(19), rs.getObject(20, OffsetDateTime.class), rs.getBytes(21));
	}

	/** The columns {@link #encode(java.sql.ResultSet)} reads, in its order. */
	public static final String COLUMNS = "seq, kind, volunteer_id, activity_id, shift_id, activity_type, activity_title, "
			+ "started_at, ended_at, hours, organization_kind, organization_id, organization_name, region_path, "
			+ "recorded_by, confirmed_by, corrects_seq, reason, approved_by, recorded_at, prev_hash";

	private void write(long seq, String kind, long volunteerId, Long activityId, Long shiftId, String activityType,
			String activityTitle, OffsetDateTime startedAt, OffsetDateTime endedAt, BigDecimal hours,
			String organizationKind, long organizationId, String organizationName, String regionPath,
			String recordedBy, String confirmedBy, Long correctsSeq, String reason, String approvedBy,
			OffsetDateTime recordedAt, byte[] prevHash) {
		buffer.reset();
		buffer.writeBytes(MAGIC);
		field(Long.toString(seq));
		field(kind);
		field(Long.toString(volunteerId));
		field(activityId == null ? null : activityId.toString());
		field(shiftId == null ? null : shiftId.toString());
		field(activityType);
		field(activityTitle);
		field(time(startedAt));
		field(time(endedAt));
		field(hours.setScale(1, RoundingMode.UNNECESSARY).toPlainString());
		field(organizationKind);
		field(Long.toString(organizationId));
		field(organizationName);
		field(regionPath);
		field(recordedBy);
		field(confirmedBy);
		field(correctsSeq == null ? null : correctsSeq.toString());
		field(reason);
		field(approvedBy);
		field(time(recordedAt));
		buffer.writeBytes(prevHash);
	}

	private static String time(OffsetDateTime time) {
		var instant = time.toInstant();
		return Long.toString(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
				instant.getNano() / 1000));
	}

	private void field(String value) {
		if (value == null) {
			writeInt(-1);
			return;
		}
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		writeInt(bytes.length);
		buffer.writeBytes(bytes);
	}

	private void writeInt(int value) {
		buffer.write(value >>> 24);
		buffer.write(value >>> 16);
		buffer.write(value >>> 8);
		buffer.write(value);
	}
}

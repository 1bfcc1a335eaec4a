package org.wenming.exchange.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The file format {@code wenming-record/1} (docs/notes/exchange.md): UTF-8 JSON lines — a header line, one line per
 * volunteer ({@code {"volunteer": …}}), a trailer line ({@code {"trailer": …}}) with the counts, the SHA-256 of every
 * byte before it and the exporting installation's signature of that digest. Data element names follow MZ/T 061-2015
 * where the notes say so; the rest are ours.
 */
public final class RecordFile {

	public static final String FORMAT = "wenming-record/1";

	/** Longest line accepted (one volunteer with all their records): 64 MB. */
	public static final int LINE_MAX = 64 << 20;

	private RecordFile() {
	}

	/** What the signature signs: the format, the installation and the digest, one per line (ASCII). */
	public static byte[] signedBytes(String installationId, String sha256Hex) {
		return (FORMAT + "\n" + installationId + "\n" + sha256Hex + "\n").getBytes(StandardCharsets.US_ASCII);
	}

	public record HeaderLine(String format, Source source, OffsetDateTime exportedAt, String scope) {
	}

	/** The exporting system: its installation id and the city it serves. */
	public record Source(String installationId, String city) {
	}

	public record VolunteerLine(Volunteer volunteer) {
	}

	/**
	 * One volunteer's record, in the five categories of the national rules. {@code complaints} only in the
	 * volunteer's own copy (absent from a transfer by staff or in bulk: see the notes); an import ignores it.
	 */
	public record Volunteer(Basic basic, Service service, Training training, List<Commendation> commendations,
			List<Certificate> certificates, @JsonInclude(JsonInclude.Include.NON_NULL) List<Complaint> complaints) {
	}

	/**
	 * 投诉情况, as the volunteer sees their own: what was complained of, where it stands, the decision's reason and
	 * their response; never who complained.
	 */
	public record Complaint(String summary, String status, OffsetDateTime receivedAt, OffsetDateTime decidedAt,
			String decision, String response, OffsetDateTime respondedAt) {
	}

	/** 基本信息: what a receiving system needs to match the person — never the full ID number. */
	public record Basic(String volunteerNumber, String name, String idType, String idNumberMasked, String gender,
			LocalDate birthDate, LocalDate registeredOn) {
	}

	/** 服务信息: the totals and the hours by record. */
	public record Service(BigDecimal totalHours, int recordCount, BigDecimal externalHours, List<Record> records) {
	}

	/**
	 * One service record: where it is kept ({@code sourceSystem}, {@code sourceRecordId}: the installation and its
	 * id of the record, kept through every later transfer), its kind, city day, times, activity type and title,
	 * organizer and the hours it counts (its corrections included).
	 */
	public record Record(String sourceSystem, String sourceRecordId, String kind, LocalDate date, OffsetDateTime start,
			OffsetDateTime end, String type, String title, String organizer, BigDecimal hours) {
	}

	/** 培训情况: the courses the volunteer completed (the training module's {@code Trainings#completedBy}). */
	public record Training(List<Course> courses) {
	}

	public record Course(String title, String provider, BigDecimal hours, LocalDate completedOn, String place,
			boolean certificate, String certificateNumber, String qualification, String source, String sourceRecordId) {
	}

	/** 表彰奖励信息. */
	public record Commendation(String title, String issuer, String level, LocalDate awardedOn, String honour) {
	}

	/** A service certificate (志愿服务证明) issued: number, period, figures as printed, where to verify it. */
	public record Certificate(String number, LocalDate periodFrom, LocalDate periodTo, BigDecimal hours, int records,
			LocalDate issuedOn, String verificationUrl) {
	}

	public record TrailerLine(Trailer trailer) {
	}

	public record Trailer(int volunteers, long records, String sha256, Signature signature) {
	}

	public record Signature(String suite, String keyId, String value) {
	}

	/** Reads a file line by line as bytes (the digest is over the exact bytes); {@code null} at the end. */
	public static final class Lines {

		private final InputStream in;

		private final ByteArrayOutputStream line = new ByteArrayOutputStream(8192);

		private int number;

		public Lines(InputStream in) {
			this.in = in;
		}

		/** The next line without its newline, or null at the end; {@link #hadNewline()} says whether one ended it. */
		public byte[] next() throws IOException {
			line.reset();
			newline = false;
			int b;
			while ((b = in.read()) != -1) {
				if (b == '\n') {
					newline = true;
					break;
				}
				if (line.size() >= LINE_MAX) {
					throw new IOException("line " + (number + 1) + " is longer than " + LINE_MAX + " bytes");
				}
				line.write(b);
			}
			if (b == -1 && line.size() == 0) {
				return null;
			}
			number++;
			return line.toByteArray();
		}

		private boolean newline;

		public boolean hadNewline() {
			return newline;
		}

		/** The number of the line last returned (1 for the header). */
		public int number() {
			return number;
		}
	}
}

package org.wenming.exchange.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The CSV form of {@code wenming-record/1}: one flat file, a {@code section} column naming what a row is —
 * {@code file} (first row), {@code basic} (one per volunteer, before their other rows), {@code service},
 * {@code commendation}, {@code certificate}, and {@code trailer} (last row: counts, the SHA-256 of every byte before
 * that row, the signature) — and the union of the sections' columns, empty where a section has no such field.
 * Rows of a volunteer carry their {@code volunteer_number}. RFC 4180 (Commons CSV's default: CRLF, quotes as needed).
 */
public final class RecordCsv {

	public static final List<String> COLUMNS = List.of("section", "volunteer_number", "format", "source", "city",
			"exported_at", "scope", "name", "id_type", "id_number_masked", "gender", "birth_date", "registered_on",
			"total_hours", "record_count", "external_hours", "source_system", "source_record_id", "kind", "date", "start",
			"end", "type", "title", "organizer", "hours", "issuer", "level", "awarded_on", "honour", "number",
			"period_from", "period_to", "records", "issued_on", "verification_url", "provider", "completed_on", "place",
			"certificate", "certificate_number", "qualification", "summary", "status", "received_at", "decided_at",
			"decision", "response", "responded_at", "volunteers", "sha256", "suite", "key_id", "signature");

	public static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new)).get();

	private RecordCsv() {
	}

	private static Object[] row(String section, String volunteerNumber, Object... pairs) {
		Object[] row = new Object[COLUMNS.size()];
		Arrays.fill(row, null);
		row[0] = section;
		row[1] = volunteerNumber;
		for (int i = 0; i < pairs.length; i += 2) {
			int at = COLUMNS.indexOf((String) pairs[i]);
			if (at < 0) {
				throw new IllegalArgumentException("no CSV column " + pairs[i]);
			}
			row[at] = pairs[i + 1] == null ? null : String.valueOf(pairs[i + 1]);
		}
		return row;
	}

	public static void header(CSVPrinter out, RecordFile.HeaderLine h) throws IOException {
		out.printRecord(row("file", null, "format", h.format(), "source", h.source().installationId(), "city",
				h.source().city(), "exported_at", h.exportedAt(), "scope", h.scope()));
	}

	public static void volunteer(CSVPrinter out, RecordFile.Volunteer v) throws IOException {
		RecordFile.Basic b = v.basic();
		String number = b.volunteerNumber();
		RecordFile.Service s = v.service();
		out.printRecord(row("basic", number, "name", b.name(), "id_type", b.idType(), "id_number_masked",
				b.idNumberMasked(), "gender", b.gender(), "birth_date", b.birthDate(), "registered_on", b.registeredOn(),
				"total_hours", s.totalHours(), "record_count", s.recordCount(), "external_hours", s.externalHours()));
		List<Object[]> rows = new ArrayList<>();
		for (RecordFile.Record r : s.records()) {
			rows.add(row("service", number, "source_system", r.sourceSystem(), "source_record_id", r.sourceRecordId(),
					"kind", r.kind(), "date", r.date(), "start", r.start(), "end", r.end(), "type", r.type(), "title",
					r.title(), "organizer", r.organizer(), "hours", r.hours()));
		}
		if (v.training() != null) {
			for (RecordFile.Course c : v.training().courses()) {
				rows.add(row("training", number, "title", c.title(), "provider", c.provider(), "hours", c.hours(),
						"completed_on", c.completedOn(), "place", c.place(), "certificate", c.certificate(),
						"certificate_number", c.certificateNumber(), "qualification", c.qualification(), "source_system",
						c.source(), "source_record_id", c.sourceRecordId()));
			}
		}
		for (RecordFile.Commendation c : v.commendations()) {
			rows.add(row("commendation", number, "title", c.title(), "issuer", c.issuer(), "level", c.level(),
					"awarded_on", c.awardedOn(), "honour", c.honour()));
		}
		for (RecordFile.Certificate c : v.certificates()) {
			rows.add(row("certificate", number, "number", c.number(), "period_from", c.periodFrom(), "period_to",
					c.periodTo(), "hours", c.hours(), "records", c.records(), "issued_on", c.issuedOn(),
					"verification_url", c.verificationUrl()));
		}
		// the volunteer's own copy only (a transfer carries none)
		if (v.complaints() != null) {
			for (RecordFile.Complaint c : v.complaints()) {
				rows.add(row("complaint", number, "summary", c.summary(), "status", c.status(), "received_at",
						c.receivedAt(), "decided_at", c.decidedAt(), "decision", c.decision(), "response", c.response(),
						"responded_at", c.respondedAt()));
			}
		}
		for (Object[] r : rows) {
			out.printRecord(r);
		}
	}

	public static void trailer(CSVPrinter out, RecordFile.Trailer t) throws IOException {
		out.printRecord(row("trailer", null, "volunteers", t.volunteers(), "records", t.records(), "sha256", t.sha256(),
				"suite", t.signature().suite(), "key_id", t.signature().keyId(), "signature", t.signature().value()));
	}
}

package org.wenming.exchange;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.wenming.exchange.internal.RecordFile;
import org.wenming.ledger.transparency.HeadSigner;
import org.wenming.ledger.transparency.Suite;
import org.wenming.volunteer.Volunteer;

import tools.jackson.databind.json.JsonMapper;

/** Files of another city for the tests: written as the format says and signed with a test key. */
final class ExchangeFiles {

	/** The private half of the key application-test.yml trusts as {@code test-other-city}. */
	static final String OTHER_CITY_KEY = """
			-----BEGIN PRIVATE KEY-----
			MC4CAQAwBQYDK2VwBCIEIEnFlnzuVbd6UI6MQEpIP5NiHcc60pXXJdql3r65GsSs
			-----END PRIVATE KEY-----
			""";

	static final String OTHER_CITY = "test-other-city";

	static final HeadSigner OTHER = HeadSigner.fromPkcs8(Suite.ED25519_SHA256,
			HeadSigner.fromPem(OTHER_CITY_KEY, "PRIVATE KEY"), "test key");

	static final HeadSigner STRANGER = HeadSigner.fromPkcs8(Suite.ED25519_SHA256,
			HeadSigner.generatePkcs8(Suite.ED25519_SHA256), "another key");

	static final ZoneOffset CITY = ZoneOffset.ofHours(8);

	private final JsonMapper json;

	ExchangeFiles(JsonMapper json) {
		this.json = json;
	}

	/** A record of the other city: a day, hours from 9:00 to the given end hour, the hours counted. */
	static RecordFile.Record record(String ref, LocalDate day, int fromHour, int toHour, String hours) {
		OffsetDateTime start = day.atTime(fromHour, 0).atOffset(CITY);
		return new RecordFile.Record(OTHER_CITY, ref, "SERVICE", day, start, day.atTime(toHour, 0).atOffset(CITY),
				"SERVICE", "社区服务" + ref, "外市某志愿服务队", new BigDecimal(hours));
	}

	static RecordFile.Basic basic(Volunteer v) {
		return new RecordFile.Basic("ZY-OTHER-1", v.realName(), v.idType().name(), v.idNumberMasked(), v.gender().name(),
				v.birthDate(), LocalDate.of(2020, 1, 1));
	}

	String file(Volunteer v, List<RecordFile.Record> records) {
		return file(OTHER_CITY, RecordFile.FORMAT, OTHER, List.of(volunteer(basic(v), records)), null);
	}

	static RecordFile.Volunteer volunteer(RecordFile.Basic basic, List<RecordFile.Record> records) {
		BigDecimal total = records.stream().map(RecordFile.Record::hours).filter(java.util.Objects::nonNull).reduce(BigDecimal.ZERO, BigDecimal::add);
		return new RecordFile.Volunteer(basic, new RecordFile.Service(total, records.size(), BigDecimal.ZERO, records),
				null, List.of(), List.of(), null);
	}

	/**
	 * A whole file; {@code tamper} (when not null) replaces the volunteer lines after the digest was taken.
	 */
	String file(String installation, String format, HeadSigner signer, List<RecordFile.Volunteer> volunteers,
			String tamper) {
		try {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			body.write(json.writeValueAsBytes(new RecordFile.HeaderLine(format,
					new RecordFile.Source(installation, "外市"), OffsetDateTime.now(CITY).withNano(0), "ONE")));
			body.write('\n');
			for (RecordFile.Volunteer v : volunteers) {
				body.write(json.writeValueAsBytes(new RecordFile.VolunteerLine(v)));
				body.write('\n');
			}
			String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.toByteArray()));
			byte[] signature = signer.sign(RecordFile.signedBytes(installation, sha));
			String head = body.toString(StandardCharsets.UTF_8);
			if (tamper != null) {
				head = head.substring(0, head.indexOf('\n') + 1) + tamper + "\n";
			}
			return head + json.writeValueAsString(new RecordFile.TrailerLine(new RecordFile.Trailer(volunteers.size(),
					volunteers.stream().mapToLong(v -> v.service().records().size()).sum(), sha,
					new RecordFile.Signature(signer.suite().name(), signer.publicKey().keyId(),
							Base64.getEncoder().encodeToString(signature))))) + "\n";
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}
}

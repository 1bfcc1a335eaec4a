package org.wenming.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

/**
 * The chain's encoding, without Spring. The known answers below were computed once (2026-12-06) from
 * the code as it then stood, and agree with an implementation written separately from the encoding
 * described in {@link RecordHash}'s Javadoc: every ledger written so far is verified with this
 * encoding, so a change that moves one byte of it fails here before it breaks their verification.
 */
class RecordHashTest {

	static final HexFormat HEX = HexFormat.of();

	static final OffsetDateTime START = OffsetDateTime.of(2026, 3, 5, 9, 0, 0, 0, ZoneOffset.ofHours(8));

	static final OffsetDateTime END = OffsetDateTime.of(2026, 3, 5, 11, 50, 0, 0, ZoneOffset.ofHours(8));

	static final OffsetDateTime RECORDED = OffsetDateTime.of(2026, 3, 5, 4, 1, 2, 345_678_000, ZoneOffset.UTC);

	/** A credited attendance, first in its chain: ids, Chinese text, a time with microseconds. */
	static byte[] service(RecordHash hash) {
		return hash.hash(41, "SERVICE", 1001, 2001L, 3001L, "SERVICE", "文明交通劝导", START, END, new BigDecimal("2.5"),
				"TEAM", 77, "端州区青年志愿服务队", "44.4412.441202.", "scan", "leader-张三", null, null, null, RECORDED,
				RecordHash.GENESIS);
	}

	/** A correction of it, linked to it: null fields, negative hours, the seq it corrects, a reason. */
	static byte[] correction(RecordHash hash, byte[] prev) {
		return hash.hash(42, "CORRECTION", 1001, null, null, "SERVICE", "文明交通劝导", START, END, new BigDecimal("-1.0"),
				"TEAM", 77, "端州区青年志愿服务队", "44.4412.441202.", "office-staff", null, 41L, "签退时间有误",
				"city-office", RECORDED.plusSeconds(60), prev);
	}

	@Test
	void aKnownRecordHashesToItsKnownAnswer() {
		RecordHash hash = new RecordHash();
		byte[] first = service(hash);
		assertThat(HEX.formatHex(first)).isEqualTo("6c70c312fa02216182cab2ff73b7c84c745be5d608854e01ad7d7cc7bc4f62dc");
		assertThat(HEX.formatHex(correction(hash, first)))
			.isEqualTo("e1a440bb1b506295e5ddfa5ede20caee6c6a5cc4d5663798f502171a3d17dd93");
	}

	@Test
	void theEncodingGivenToTheTransparencyLogIsWhatTheHashCovers() throws Exception {
		RecordHash hash = new RecordHash();
		byte[] encoded = hash.encode(41, "SERVICE", 1001, 2001L, 3001L, "SERVICE", "文明交通劝导", START, END,
				new BigDecimal("2.5"), "TEAM", 77, "端州区青年志愿服务队", "44.4412.441202.", "scan", "leader-张三", null, null,
				null, RECORDED, RecordHash.GENESIS);
		assertThat(java.security.MessageDigest.getInstance("SHA-256").digest(encoded)).isEqualTo(service(hash));
		assertThat(new String(encoded, 0, 17, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("wenming-ledger-v1");
		// 4-byte length and the text of the first field, seq 41; the previous record's hash last
		assertThat(HEX.formatHex(encoded, 17, 23)).isEqualTo("000000023431");
		assertThat(java.util.Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)).isEqualTo(RecordHash.GENESIS);
		// a new array each time, not the instance's buffer
		assertThat(encoded).isNotSameAs(hash.encode(41, "SERVICE", 1001, 2001L, 3001L, "SERVICE", "文明交通劝导", START, END,
				new BigDecimal("2.5"), "TEAM", 77, "端州区青年志愿服务队", "44.4412.441202.", "scan", "leader-张三", null, null,
				null, RECORDED, RecordHash.GENESIS));
	}

	@Test
	void theGenesisLinkIsThirtyTwoZeroBytes() {
		assertThat(RecordHash.GENESIS).hasSize(32).containsOnly(0);
	}

	@Test
	void anInstanceReusedForManyRecordsGivesWhatAFreshOneGives() {
		RecordHash reused = new RecordHash();
		byte[] first = service(reused);
		correction(reused, first);
		assertThat(service(reused)).isEqualTo(service(new RecordHash()));
	}

	@Test
	void hoursThatAreNotWholeTenthsAreRefusedRatherThanRounded() {
		RecordHash hash = new RecordHash();
		assertThatThrownBy(() -> hash.hash(41, "SERVICE", 1001, null, null, "SERVICE", "t", START, END,
				new BigDecimal("2.55"), "TEAM", 77, "o", "44.", "r", null, null, null, null, RECORDED, RecordHash.GENESIS))
			.isInstanceOf(ArithmeticException.class);
	}

	@Test
	void aTimeIsKeptToTheMicrosecondAsTheDatabaseKeepsIt() {
		OffsetDateTime withNanos = RECORDED.plusNanos(999);
		assertThat(RecordHash.micros(withNanos)).isEqualTo(RECORDED);
		RecordHash hash = new RecordHash();
		byte[] exact = service(hash);
		byte[] oneMicroLater = hash.hash(41, "SERVICE", 1001, 2001L, 3001L, "SERVICE", "文明交通劝导", START, END,
				new BigDecimal("2.5"), "TEAM", 77, "端州区青年志愿服务队", "44.4412.441202.", "scan", "leader-张三", null,
				null, null, RECORDED.plusNanos(1000), RecordHash.GENESIS);
		assertThat(oneMicroLater).isNotEqualTo(exact);
	}

	@Property(tries = 200)
	void theSameInstantInAnyOffsetHashesAlike(@ForAll @IntRange(min = -18 * 3600, max = 18 * 3600) int offsetSeconds) {
		ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetSeconds);
		RecordHash hash = new RecordHash();
		byte[] elsewhere = hash.hash(41, "SERVICE", 1001, 2001L, 3001L, "SERVICE", "文明交通劝导",
				START.withOffsetSameInstant(offset), END.withOffsetSameInstant(offset), new BigDecimal("2.50"), "TEAM", 77,
				"端州区青年志愿服务队", "44.4412.441202.", "scan", "leader-张三", null, null, null,
				RECORDED.withOffsetSameInstant(offset), RecordHash.GENESIS);
		assertThat(HEX.formatHex(elsewhere)).isEqualTo("6c70c312fa02216182cab2ff73b7c84c745be5d608854e01ad7d7cc7bc4f62dc");
	}

	@Property(tries = 300)
	void movingTextFromOneFieldToTheNextChangesTheHash(@ForAll @StringLength(max = 20) String title,
			@ForAll @StringLength(max = 20) String organization, @ForAll @IntRange(min = 1, max = 20) int moved) {
		// length prefixes keep "ab"+"c" and "a"+"bc" apart
		String joined = title + organization;
		int cut = Math.max(0, title.length() - moved);
		RecordHash hash = new RecordHash();
		byte[] one = record(hash, title, organization, 77);
		byte[] other = record(hash, joined.substring(0, cut), joined.substring(cut), 77);
		assertThat(one).isEqualTo(record(new RecordHash(), title, organization, 77));
		if (cut != title.length()) {
			assertThat(other).isNotEqualTo(one);
		}
	}

	@Property(tries = 200)
	void anyOtherOrganizationOrPreviousLinkGivesAnotherHash(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long id,
			@ForAll @IntRange(min = 0, max = 31) int flippedByte) {
		RecordHash hash = new RecordHash();
		byte[] base = record(hash, "t", "o", 77);
		if (id != 77) {
			assertThat(record(hash, "t", "o", id)).isNotEqualTo(base);
		}
		byte[] prev = new byte[32];
		prev[flippedByte] = 1;
		assertThat(hash.hash(1, "MANUAL", 1, null, null, "SERVICE", "t", START, END, BigDecimal.ONE, "TEAM", 77, "o",
				"44.", "r", null, null, null, null, RECORDED, prev)).isNotEqualTo(base);
	}

	private static byte[] record(RecordHash hash, String title, String organization, long organizationId) {
		return hash.hash(1, "MANUAL", 1, null, null, "SERVICE", title, START, END, BigDecimal.ONE, "TEAM", organizationId,
				organization, "44.", "r", null, null, null, null, RECORDED, RecordHash.GENESIS);
	}
}

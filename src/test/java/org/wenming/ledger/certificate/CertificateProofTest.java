package org.wenming.ledger.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.wenming.ledger.internal.RecordHash;
import org.wenming.ledger.transparency.SignedHead;
import org.wenming.ledger.transparency.Suite;
import org.wenming.ledger.transparency.TreeHeads;
import org.wenming.region.Regions;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.Volunteers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A certificate names the signed head it was issued against, and {@code GET /api/v1/certificates/{number}}
 * carries the proof that each of its records is in the signed ledger: checked here in Java over HTTP, the
 * good bundle proving, forged ones refused naming what failed.
 */
@WenmingTest
class CertificateProofTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Volunteers volunteers;

	@Autowired
	Regions regions;

	@Autowired
	Certificates certificates;

	@Autowired
	LedgerProofs proofs;

	@Autowired
	TreeHeads heads;

	@Autowired
	org.wenming.ledger.internal.LedgerWriter ledger;

	CertificateFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new CertificateFixtures(jdbc, volunteers, new TestUsers(regions), ledger);
	}

	private String issue(CertificateFixtures.Person person) {
		return certificates.issueOwn(fixtures.principal(person), "2026-01-01", certificates.today().toString()).number();
	}

	private JsonNode transparency(String number) throws Exception {
		String body = mvc.perform(get("/api/v1/certificates/" + number)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		return JSON.readTree(body).get("transparency");
	}

	@Test
	void aCertificateNamesItsSignedHeadAndItsBundleProvesEveryRecord() throws Exception {
		CertificateFixtures.Person person = fixtures.volunteer();
		List<Long> seqs = List.of(fixtures.service(person, "SERVICE", "3.0", LocalDate.of(2026, 2, 10)),
				fixtures.service(person, "COURSE", "2.5", LocalDate.of(2026, 3, 11)),
				fixtures.service(person, "SERVICE", "1.0", LocalDate.of(2026, 4, 12)));
		String number = issue(person);

		List<Map<String, Object>> named = jdbc.sql("""
				select h.city_code, h.tree_size from service_certificate_head h
				join service_certificate c on c.id = h.certificate_id where c.number = :number""")
			.param("number", number).query().listOfRows();
		assertThat(named).hasSize(1);
		assertThat(named.get(0).get("city_code")).isEqualTo("4412");

		JsonNode t = transparency(number);
		assertThat(t.get("head").get("city").asString()).isEqualTo("4412");
		assertThat(t.get("head").get("size").asLong()).isEqualTo(((Number) named.get(0).get("tree_size")).longValue());
		assertThat(t.get("head").get("suite").asString()).isEqualTo(heads.publicKey().suite().name());
		assertThat(t.get("head").get("keyId").asString()).isEqualTo(heads.publicKey().keyId());
		assertThat(t.get("recordCount").asInt()).isEqualTo(3);
		List<Long> proven = new ArrayList<>();
		t.get("records").forEach(r -> proven.add(r.get("seq").asLong()));
		assertThat(proven).containsExactlyElementsOf(seqs);
		// the leaf data is the record's canonical encoding in the ledger
		byte[] leaf = Base64.getDecoder().decode(t.get("records").get(0).get("leafData").asString());
		byte[] stored = jdbc.sql("select " + RecordHash.COLUMNS + " from service_record where seq = :seq")
			.param("seq", seqs.get(0)).query((rs, i) -> new RecordHash().encode(rs)).single();
		assertThat(leaf).isEqualTo(stored);
		assertThat(proofs.check(bundle(t))).isEmpty();

		// the PDF prints the head under the QR code
		byte[] pdf = mvc.perform(get("/me/certificates/" + number + ".pdf").with(fixtures.signedIn(person)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		String root = java.util.HexFormat.of().formatHex(Base64.getDecoder().decode(t.get("head").get("root").asString()));
		assertThat(CertificateTest.text(pdf).replaceAll("\\s+", "")).contains("账本签名树头", "城市4412",
				root.substring(0, 16));
	}

	@Test
	void aNewerHeadComesWithTheConsistencyProofFromTheCertificatesHead() throws Exception {
		CertificateFixtures.Person person = fixtures.volunteer();
		fixtures.service(person, "SERVICE", "3.0", LocalDate.of(2026, 2, 10));
		fixtures.service(person, "SERVICE", "2.0", LocalDate.of(2026, 2, 11));
		String number = issue(person);
		JsonNode before = transparency(number);

		// the ledger grows (another volunteer's records) and a new head is signed
		CertificateFixtures.Person other = fixtures.volunteer();
		fixtures.service(other, "SERVICE", "4.0", LocalDate.of(2026, 5, 1));
		fixtures.service(other, "SERVICE", "4.0", LocalDate.of(2026, 5, 2));
		SignedHead newer = heads.signNow("4412");

		JsonNode after = transparency(number);
		assertThat(after.get("head")).isEqualTo(before.get("head"));
		assertThat(after.get("latest").get("size").asLong()).isEqualTo(newer.size()).isGreaterThan(after.get("head").get("size").asLong());
		assertThat(after.get("consistency").size()).isPositive();
		assertThat(proofs.check(bundle(after))).isEmpty();
	}

	@Test
	void forgedBundlesAreRefusedNamingWhatFailed() throws Exception {
		CertificateFixtures.Person person = fixtures.volunteer();
		fixtures.service(person, "SERVICE", "3.0", LocalDate.of(2026, 2, 10));
		fixtures.service(person, "SERVICE", "1.5", LocalDate.of(2026, 2, 11));
		String number = issue(person);
		LedgerProofs.Bundle good = bundle(transparency(number));
		LedgerProofs.Group group = good.groups().get(0);
		LedgerProofs.RecordProof first = group.records().get(0);
		LedgerProofs.RecordProof second = group.records().get(1);

		// an older time with the old signature
		SignedHead head = group.head();
		SignedHead older = new SignedHead(head.cityCode(), head.size(), head.root(), head.time().minusSeconds(3600),
				head.suite(), head.keyId(), head.signature());
		assertThat(proofs.check(with(good, new LedgerProofs.Group(older, group.latest(), group.consistency(), group.records()))))
			.contains("signature");
		// a head signed with another key
		ProofVectors.Signer stranger = ProofVectors.signer(head.suite());
		SignedHead unsigned = new SignedHead(head.cityCode(), head.size(), head.root(), head.time(), head.suite(),
				head.keyId(), null);
		SignedHead forged = unsigned.withSignature(head.keyId(), stranger.sign().apply(unsigned.signedBytes()));
		assertThat(proofs.check(with(good, new LedgerProofs.Group(forged, group.latest(), group.consistency(), group.records()))))
			.contains("signature");
		// a proof for another record
		LedgerProofs.RecordProof swapped = new LedgerProofs.RecordProof(first.seq(), first.leafIndex(), second.leafData(),
				second.path());
		assertThat(proofs.check(with(good, records(group, swapped)))).contains("record");
		// a truncated path
		if (!first.path().isEmpty()) {
			assertThat(proofs.check(with(good, records(group, new LedgerProofs.RecordProof(first.seq(), first.leafIndex(),
					first.leafData(), first.path().subList(0, first.path().size() - 1)))))).contains("path");
		}
		// the hours edited in the encoding: 3.0 → 9.0
		byte[] edited = first.leafData();
		String text = new String(edited, java.nio.charset.StandardCharsets.ISO_8859_1);
		int at = text.indexOf("3.0");
		assertThat(at).isPositive();
		edited[at] = '9';
		assertThat(proofs.check(with(good, records(group, new LedgerProofs.RecordProof(first.seq(), first.leafIndex(),
				edited, first.path()))))).containsExactly("root");
	}

	@Test
	void aCertificateIssuedBeforeHeadsIsProvenAgainstTheLatestHead() throws Exception {
		CertificateFixtures.Person person = fixtures.volunteer();
		fixtures.service(person, "SERVICE", "3.0", LocalDate.of(2026, 2, 10));
		String number = issue(person);
		jdbc.sql("""
				delete from service_certificate_head where certificate_id = (select id from service_certificate where number = :n)""")
			.param("n", number).update();
		JsonNode t = transparency(number);
		assertThat(t.get("latest") == null || t.get("latest").isNull()).isTrue();
		assertThat(t.get("head").get("size").asLong()).isEqualTo(heads.latest("4412").orElseThrow().size());
		assertThat(proofs.check(bundle(t))).isEmpty();
	}

	@Test
	void aPageThatIsNoPageIsRefusedNamingIt() throws Exception {
		CertificateFixtures.Person person = fixtures.volunteer();
		fixtures.service(person, "SERVICE", "3.0", LocalDate.of(2026, 2, 10));
		String number = issue(person);
		for (String page : List.of("0", "-1", "x", "2", "99999999", "1.5")) {
			mvc.perform(get("/api/v1/certificates/" + number).param("page", page)).andExpect(status().isBadRequest())
				.andExpect(content().string(containsString("page")));
		}
		mvc.perform(get("/api/v1/certificates/" + number).param("page", "1")).andExpect(status().isOk());
	}

	/** 1,000 records: four pages of 250; each page's size and time are printed (docs/notes/transparency.md). */
	@Test
	void aThousandRecordsComeInPagesThatAllProve() throws Exception {
		CertificateFixtures.Person person = fixtures.volunteer();
		fixtures.services(person, 1000, LocalDate.of(2026, 1, 2));
		String number = issue(person);
		int records = 0;
		for (int page = 1; page <= 4; page++) {
			long start = System.nanoTime();
			String body = mvc.perform(get("/api/v1/certificates/" + number).param("page", String.valueOf(page)))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
			long millis = (System.nanoTime() - start) / 1_000_000;
			JsonNode t = JSON.readTree(body).get("transparency");
			assertThat(t.get("pages").asInt()).isEqualTo(4);
			assertThat(t.get("recordCount").asInt()).isEqualTo(1000);
			records += t.get("records").size();
			System.out.printf("certificate bundle page %d: %d records, %d bytes, %d ms%n", page, t.get("records").size(),
					body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length, millis);
			assertThat(proofs.check(bundle(t))).isEmpty();
			assertThat(body.length()).isLessThan(1_000_000);
		}
		assertThat(records).isEqualTo(1000);
	}

	private static LedgerProofs.Bundle with(LedgerProofs.Bundle bundle, LedgerProofs.Group group) {
		return new LedgerProofs.Bundle(List.of(group), bundle.page(), bundle.pages(), bundle.recordCount());
	}

	private static LedgerProofs.Group records(LedgerProofs.Group group, LedgerProofs.RecordProof first) {
		List<LedgerProofs.RecordProof> records = new ArrayList<>(group.records());
		records.set(0, first);
		return new LedgerProofs.Group(group.head(), group.latest(), group.consistency(), records);
	}

	/** The bundle as the JSON gives it, back into Java values. */
	static LedgerProofs.Bundle bundle(JsonNode t) {
		List<LedgerProofs.Group> groups = new ArrayList<>();
		groups.add(group(t));
		t.get("more").forEach(g -> groups.add(group(g)));
		return new LedgerProofs.Bundle(groups, t.get("page").asInt(), t.get("pages").asInt(), t.get("recordCount").asInt());
	}

	private static LedgerProofs.Group group(JsonNode g) {
		List<LedgerProofs.RecordProof> records = new ArrayList<>();
		g.get("records").forEach(r -> records.add(new LedgerProofs.RecordProof(r.get("seq").asLong(),
				r.get("leafIndex").asLong(), b64(r.get("leafData")), hashes(r.get("path")))));
		return new LedgerProofs.Group(head(g.get("head")), head(g.get("latest")), hashes(g.get("consistency")), records);
	}

	private static SignedHead head(JsonNode h) {
		if (h == null || h.isNull()) {
			return null;
		}
		return new SignedHead(h.get("city").asString(), h.get("size").asLong(), b64(h.get("root")),
				Instant.parse(h.get("time").asString()), Suite.valueOf(h.get("suite").asString()), h.get("keyId").asString(),
				b64(h.get("signature")));
	}

	private static List<byte[]> hashes(JsonNode list) {
		List<byte[]> hashes = new ArrayList<>();
		list.forEach(n -> hashes.add(b64(n)));
		return hashes;
	}

	private static byte[] b64(JsonNode text) {
		return Base64.getDecoder().decode(text.asString());
	}
}

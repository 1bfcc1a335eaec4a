package org.wenming.ledger.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.task.TaskExecutor;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.ledger.LedgerFixtures;
import org.wenming.ledger.RecordKind;
import org.wenming.ledger.internal.LedgerWriter;
import org.wenming.ledger.internal.NewRecord;
import org.wenming.ledger.internal.RecordHash;
import org.wenming.ledger.transparency.witness.Witness;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.Volunteers;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signed tree heads on the real database: signing checks the tree against the previous head, the heads and proofs are
 * public in JSON, Atom and a page, and the attack the log exists for — a record's hours edited behind the
 * application's back, the whole chain re-hashed and the tree rebuilt — is refused by {@code signNow}
 * (LEDGER_INCONSISTENT in the security audit) and caught by the witness (exit 2, both heads) even when a naive signer
 * signs the rewritten tree with the right key. The witness talks HTTP to a tiny JDK server in front of the
 * application (MockMvc), which can also forge answers. Each test uses a city code of its own.
 */
@WenmingTest
class TreeHeadsTest {

	static final ObjectMapper JSON = JsonMapper.builder().build();

	@Autowired
	TreeHeads heads;

	@Autowired
	org.wenming.ledger.ServiceLedger ledger;

	@Autowired
	LedgerTree tree;

	@Autowired
	HeadSigner signer;

	@Autowired
	LedgerWriter writer;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	Volunteers volunteers;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	@Qualifier("applicationTaskExecutor")
	TaskExecutor listeners;

	@Autowired
	MockMvc mvc;

	@Autowired
	Regions regions;

	@TempDir
	Path state;

	long volunteerId;

	TransactionTemplate tx;

	@BeforeEach
	void volunteer() {
		tx = new TransactionTemplate(transactions);
		volunteerId = new LedgerFixtures(volunteers, events, transactions, jdbc, listeners).volunteer("441202").id();
	}

	/** {@code count} records of one hour in the city's region, one batch: the chain's newest records. */
	private List<Long> append(String regionPath, int count) {
		OffsetDateTime base = OffsetDateTime.of(2016, 3, 1, 9, 0, 0, 0, ZoneOffset.ofHours(8));
		List<NewRecord> batch = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			OffsetDateTime start = base.plusDays(i);
			batch.add(new NewRecord(RecordKind.MANUAL, volunteerId, null, null, "SERVICE", "树头测试 " + i, start,
					start.plusHours(1), BigDecimal.ONE, "TEAM", 96, "树头测试队", regionPath, "heads-test", "heads-test", null,
					null, null));
		}
		tx.executeWithoutResult(s -> writer.append(batch));
		String city = regionPath.split("\\.")[1];
		List<Long> seqs = jdbc.sql("select seq from service_record where split_part(region_path, '.', 2) = :c order by seq")
			.param("c", city).query(Long.class).list();
		return seqs.subList(seqs.size() - count, seqs.size());
	}

	@Test
	void aBulkLoadIsFollowedByHeadsOfEveryCity() throws InterruptedException {
		String city = "4486";
		append("44.4486.448601.", 3);
		assertThat(heads.latest(city)).isEmpty();
		tx.executeWithoutResult(status -> events.publishEvent(new org.wenming.platform.BulkLoadFinished("demo-city")));
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
		while (heads.latest(city).isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(heads.latest(city)).hasValueSatisfying(head -> {
			assertThat(head.size()).isEqualTo(3);
			assertThat(heads.verify(head)).isTrue();
		});
	}

	@Test
	void signNowChecksTheTreeSignsAndStores() {
		String city = "4489";
		append("44.4489.448901.", 5);
		SignedHead first = heads.signNow(city);
		assertThat(first.size()).isEqualTo(5);
		assertThat(first.root()).isEqualTo(tree.current(city).root());
		assertThat(first.suite()).isEqualTo(tree.suite());
		assertThat(first.keyId()).isEqualTo(heads.publicKey().keyId());
		assertThat(heads.verify(first)).isTrue();
		append("44.4489.448902.", 3);
		SignedHead second = heads.signNow(city);
		assertThat(second.size()).isEqualTo(8);
		assertThat(second.time()).isAfter(first.time());
		// nothing new: still a head (liveness), later, same size and root
		SignedHead third = heads.signNow(city);
		assertThat(third.size()).isEqualTo(8);
		assertThat(third.root()).isEqualTo(second.root());
		assertThat(third.time()).isAfter(second.time());
		assertThat(heads.latest(city)).contains(third);
		assertThat(heads.head(city, 5, first.time())).contains(first);
		assertThat(heads.covering(city, 4)).isEqualTo(third);
		assertThat(heads.list(city, null, null)).containsExactly(third, second, first);
		assertThat(heads.list(city, 8L, null)).containsExactly(first);
		assertThat(heads.list(city, 8L, third.time())).containsExactly(second, first);
		// stored as signed: the checkpoint text too
		assertThat(jdbc.sql("select checkpoint from ledger_tree_head where city_code = :c and size = 5").param("c", city)
			.query(String.class).single()).isEqualTo(first.checkpoint());
		// a head is never changed or withdrawn
		assertThatThrownBy(() -> jdbc.sql("update ledger_tree_head set size = 9 where city_code = :c").param("c", city).update())
			.isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
		assertThatThrownBy(() -> jdbc.sql("delete from ledger_tree_head where city_code = :c").param("c", city).update())
			.isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
		// a city without records: a head of the empty tree; covering signs when no head covers the leaf
		SignedHead empty = heads.covering("4480", 0);
		assertThat(empty.size()).isZero();
		assertThat(empty.root()).isEqualTo(Merkle.emptyRoot(tree.suite().hash()));
		assertThatThrownBy(() -> heads.signNow("44")).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void headsProofsAndTheKeyArePublic() throws Exception {
		String city = "4487";
		append("44.4487.448701.", 4);
		SignedHead small = heads.signNow(city);
		append("44.4487.448701.", 7);
		SignedHead big = heads.signNow(city);

		JsonNode latest = json(mvc.perform(get("/api/v1/ledger/heads/latest").param("city", city)).andExpect(status().isOk())
			.andReturn());
		assertThat(latest.get("size").asLong()).isEqualTo(11);
		assertThat(latest.get("checkpoint").asString()).isEqualTo(big.checkpoint());
		SignedHead parsed = JSON.treeToValue(latest, HeadJson.class).toHead();
		assertThat(parsed).isEqualTo(big);
		JsonNode key = json(mvc.perform(get("/api/v1/ledger/key")).andExpect(status().isOk()).andReturn());
		byte[] publicKey = HeadSigner.fromPem(key.get("pem").asString(), "PUBLIC KEY");
		assertThat(HeadSigner.keyId(publicKey)).isEqualTo(key.get("keyId").asString()).isEqualTo(big.keyId());
		assertThat(HeadSigner.verify(parsed, publicKey)).isTrue();

		JsonNode proof = json(mvc.perform(get("/api/v1/ledger/consistency").param("city", city).param("from", "4")
			.param("to", "11")).andExpect(status().isOk()).andReturn());
		List<byte[]> path = new ArrayList<>();
		proof.get("proof").forEach(p -> path.add(Base64.getDecoder().decode(p.asString())));
		assertThat(Merkle.verifyConsistency(tree.suite().hash(), 4, 11, small.root(), big.root(), path)).isTrue();

		JsonNode list = json(mvc.perform(get("/api/v1/ledger/heads").param("city", city)).andExpect(status().isOk()).andReturn());
		assertThat(list.get("heads")).hasSize(2);
		assertThat(list.get("heads").get(0).get("size").asLong()).isEqualTo(11);
		assertThat(json(mvc.perform(get("/api/v1/ledger/cities")).andReturn()).get("cities").toString()).contains(city);

		// bad input: 400 naming the field; a city without heads: 404
		assertBadRequest(get("/api/v1/ledger/heads/latest").param("city", "44"), "city");
		assertBadRequest(get("/api/v1/ledger/heads/latest"), "city");
		assertBadRequest(get("/api/v1/ledger/heads").param("city", city).param("before", "-1"), "before");
		assertBadRequest(get("/api/v1/ledger/heads").param("city", city).param("before", "3").param("time", "yesterday"), "time");
		assertBadRequest(get("/api/v1/ledger/consistency").param("city", city).param("from", "4").param("to", "99"), "to");
		assertBadRequest(get("/api/v1/ledger/consistency").param("city", city).param("from", "9").param("to", "4"), "from");
		assertBadRequest(get("/api/v1/ledger/consistency").param("city", city).param("to", "4"), "from");
		mvc.perform(get("/api/v1/ledger/heads/latest").param("city", "4479")).andExpect(status().isNotFound());

		// the Atom feed and the page
		String feed = mvc.perform(get("/ledger/heads.atom")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(feed).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">").contains("size 11")
			.contains("ledger/" + city + "/11/");
		String page = mvc.perform(get("/ledger/transparency")).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains(heads.publicKey().keyId()).contains("BEGIN PUBLIC KEY").contains(city)
			.contains("ledger witness --url");
	}

	private void assertBadRequest(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
			String field) throws Exception {
		MvcResult result = mvc.perform(request).andExpect(status().isBadRequest()).andReturn();
		assertThat(result.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("\"" + field + "\"");
	}

	@Test
	void theCityOfficeSignsItsCityFromTheVerificationPageACountyOfficeCannot() throws Exception {
		TestUsers users = new TestUsers(regions);
		long before = jdbc.sql("select count(*) from ledger_tree_head where city_code = '4412'").query(Long.class).single();
		mvc.perform(post("/admin/ledger/verify/heads").with(csrf()).with(users.staff("441202", Roles.OFFICE_STAFF)))
			.andExpect(status().isForbidden());
		assertThat(jdbc.sql("select count(*) from ledger_tree_head where city_code = '4412'").query(Long.class).single())
			.isEqualTo(before);
		mvc.perform(post("/admin/ledger/verify/heads").with(csrf()).with(users.staff("4412", Roles.OFFICE_STAFF)))
			.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select count(*) from ledger_tree_head where city_code = '4412'").query(Long.class).single())
			.isEqualTo(before + 1);
		String page = mvc.perform(get("/admin/ledger/verify").with(users.staff("4412", Roles.OFFICE_STAFF)))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(page).contains("action=\"/admin/ledger/verify/heads\"");
	}

	// ---------------------------------------------------------------- the attack

	/** Forges the application's answers on their way to the witness (identity: honest). */
	UnaryOperator<String> consistencyTamper = UnaryOperator.identity();

	UnaryOperator<String> latestTamper = UnaryOperator.identity();

	/** The witness's view of the application: a JDK HTTP server that passes GETs to MockMvc (and may forge). */
	private HttpServer front() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", exchange -> {
			try {
				String target = exchange.getRequestURI().getRawPath()
						+ (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
				var response = mvc.perform(get(target)).andReturn().getResponse();
				String body = response.getContentAsString(StandardCharsets.UTF_8);
				if (response.getStatus() == 200 && target.startsWith("/api/v1/ledger/consistency")) {
					body = consistencyTamper.apply(body);
				}
				if (response.getStatus() == 200 && target.startsWith("/api/v1/ledger/heads/latest")) {
					body = latestTamper.apply(body);
				}
				byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(response.getStatus(), bytes.length == 0 ? -1 : bytes.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(bytes);
				}
			}
			catch (Exception ex) {
				exchange.sendResponseHeaders(500, -1);
			}
			finally {
				exchange.close();
			}
		});
		server.start();
		return server;
	}

	record Run(int status, String out) {
	}

	private Run witness(HttpServer server, String city) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int status = Witness.run(new String[] { "--url", "http://127.0.0.1:" + server.getAddress().getPort(), "--state",
				state.toString(), "--city", city }, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
		return new Run(status, out.toString(StandardCharsets.UTF_8));
	}

	@Test
	void hoursEditedBehindTheApplicationsBackAreCaughtBySigningAndByTheWitness() throws Exception {
		String city = "4488";
		HttpServer server = front();
		try {
			append("44.4488.448801.", 6);
			heads.signNow(city);
			Run first = witness(server, city);
			assertThat(first.status()).as(first.out()).isZero();
			assertThat(first.out()).contains("trust on first use").contains("ok city " + city + " size 6");
			List<Long> seqs = append("44.4488.448802.", 4);
			SignedHead honest = heads.signNow(city);
			assertThat(honest.size()).isEqualTo(10);
			Run second = witness(server, city);
			assertThat(second.status()).as(second.out()).isZero();
			assertThat(second.out()).contains("size 10 (was 6");

			// forged answers on the way: a truncated proof, a head by another key, an older head, an altered root
			append("44.4488.448802.", 1);
			SignedHead eleven = heads.signNow(city);
			consistencyTamper = body -> body.replaceFirst("\"proof\":\\[\"[^\"]*\",?", "\"proof\":[");
			assertThat(witness(server, city).status()).isEqualTo(Witness.INCONSISTENT);
			consistencyTamper = UnaryOperator.identity();
			HeadSigner other = HeadSigner.fromPkcs8(signer.suite(), HeadSigner.generatePkcs8(signer.suite()), "test");
			latestTamper = body -> JSON.writeValueAsString(HeadJson.of(other.sign(new SignedHead(city, 11, eleven.root(),
					eleven.time(), signer.suite(), null, null))));
			assertThat(witness(server, city).out()).contains("not the pinned");
			latestTamper = body -> JSON.writeValueAsString(HeadJson.of(signer.sign(new SignedHead(city, 11, eleven.root(),
					honest.time().minusSeconds(1), signer.suite(), null, null))));
			assertThat(witness(server, city).out()).contains("older than the stored one");
			byte[] altered = eleven.root();
			altered[5] ^= 1;
			latestTamper = body -> JSON.writeValueAsString(HeadJson.of(new SignedHead(city, 11, altered, eleven.time(),
					signer.suite(), eleven.keyId(), eleven.signature())));
			assertThat(witness(server, city).status()).isEqualTo(Witness.INCONSISTENT);
			latestTamper = UnaryOperator.identity();
			assertThat(witness(server, city).status()).isZero();

			// the attack: one record's hours raised by hand, every hash after it recomputed, the tree rebuilt
			long victim = seqs.get(1);
			rewriteHoursAndRehash(victim);
			long forged = jdbc.sql("select volunteer_id from service_record where seq = :s").param("s", victim)
				.query(Long.class).single();
			assertThat(ledger.checkTotals()).noneMatch(difference -> difference.volunteerId() == forged);
			rebuildTrees();
			assertThat(tree.current(city).size()).isEqualTo(11);
			assertThat(tree.current(city).root()).isNotEqualTo(eleven.root());

			// the application refuses to sign it, and says so in the security audit
			assertThatThrownBy(() -> heads.signNow(city)).isInstanceOf(LedgerInconsistentException.class)
				.hasMessageContaining("city " + city);
			assertThat(jdbc.sql("select count(*) from security_event where type = 'LEDGER_INCONSISTENT' and detail like :d")
				.param("d", "city " + city + ":%size 11%").query(Long.class).single()).isEqualTo(1);
			assertThat(heads.latest(city)).contains(eleven);

			// a naive signer (no consistency check) signs the rewritten tree with the real key: the witness still fails
			TreeState rewritten = tree.current(city);
			SignedHead naive = signer.sign(new SignedHead(city, rewritten.size(), rewritten.root(), Instant.now(),
					signer.suite(), null, null));
			jdbc.sql("insert into ledger_tree_head (city_code, size, root, signed_at, suite, key_id, signature, checkpoint)"
					+ " values (?, ?, ?, ?, ?, ?, ?, ?)")
				.params(city, naive.size(), naive.root(), OffsetDateTime.ofInstant(naive.time(), ZoneOffset.UTC),
						naive.suite().name(), naive.keyId(), naive.signature(), naive.checkpoint())
				.update();
			// same size: the roots differ; a bigger one: the consistency proof fails
			Run same = witness(server, city);
			assertThat(same.status()).as(same.out()).isEqualTo(Witness.INCONSISTENT);
			assertThat(same.out()).contains("same size, different root").contains(eleven.checkpoint())
				.contains(naive.checkpoint());
			append("44.4488.448802.", 2);
			tree.integrate();
			TreeState grown = tree.current(city);
			SignedHead naiveGrown = signer.sign(new SignedHead(city, grown.size(), grown.root(), Instant.now(), signer.suite(),
					null, null));
			jdbc.sql("insert into ledger_tree_head (city_code, size, root, signed_at, suite, key_id, signature, checkpoint)"
					+ " values (?, ?, ?, ?, ?, ?, ?, ?)")
				.params(city, naiveGrown.size(), naiveGrown.root(), OffsetDateTime.ofInstant(naiveGrown.time(), ZoneOffset.UTC),
						naiveGrown.suite().name(), naiveGrown.keyId(), naiveGrown.signature(), naiveGrown.checkpoint())
				.update();
			Run grownRun = witness(server, city);
			assertThat(grownRun.status()).as(grownRun.out()).isEqualTo(Witness.INCONSISTENT);
			assertThat(grownRun.out()).contains("consistency proof from 11 to 13 fails").contains(eleven.checkpoint())
				.contains(naiveGrown.checkpoint());
		}
		finally {
			server.stop(0);
		}
	}

	/**
	 * What someone with the database's password can do and the application cannot: switch the V11 trigger off, add an
	 * hour to a record, and recompute the hash of it and of every record after it (and the ledger's head), so the hash
	 * chain verifies again.
	 */
	private void rewriteHoursAndRehash(long seq) {
		tx.executeWithoutResult(s -> {
			jdbc.sql("set local session_replication_role = replica").update();
			jdbc.sql("update service_record set hours = hours + 1 where seq = :s").param("s", seq).update();
			// a careful forger fixes the totals too (so the totals check finds nothing, here and in later tests)
			jdbc.sql("update volunteer_hours h set hours = h.hours + 1 from service_record r"
					+ " where r.seq = :s and h.volunteer_id = r.volunteer_id").param("s", seq).update();
			jdbc.sql("update volunteer_year_hours h set hours = h.hours + 1 from service_record r where r.seq = :s"
					+ " and h.volunteer_id = r.volunteer_id"
					+ " and h.year = extract(year from r.started_at at time zone 'Asia/Shanghai')::int").param("s", seq).update();
			jdbc.sql("update volunteer_day_hours h set hours = h.hours + 1 from service_record r where r.seq = :s"
					+ " and h.volunteer_id = r.volunteer_id and h.day = (r.started_at at time zone 'Asia/Shanghai')::date")
				.param("s", seq).update();
			byte[] previous = jdbc.sql("select prev_hash from service_record where seq = :s").param("s", seq)
				.query(byte[].class).single();
			List<Long> after = jdbc.sql("select seq from service_record where seq >= :s order by seq").param("s", seq)
				.query(Long.class).list();
			RecordHash encoder = new RecordHash();
			for (long each : after) {
				byte[] prev = previous;
				jdbc.sql("update service_record set prev_hash = :p where seq = :s").param("p", prev).param("s", each).update();
				byte[] encoding = jdbc.sql("select " + RecordHash.COLUMNS + " from service_record where seq = :s")
					.param("s", each).query((rs, n) -> encoder.encode(rs)).single();
				byte[] hash = sha256(encoding);
				jdbc.sql("update service_record set hash = :h where seq = :s").param("h", hash).param("s", each).update();
				previous = hash;
			}
			jdbc.sql("update ledger_head set last_hash = :h").param("h", previous).update();
		});
	}

	/** Empties the tree tables and integrates every record again, as the tree's own rebuild would. */
	private void rebuildTrees() {
		tx.executeWithoutResult(s -> {
			jdbc.sql("delete from ledger_tree_tile").update();
			jdbc.sql("delete from ledger_tree").update();
			jdbc.sql("update ledger_tree_cursor set last_seq = 0").update();
		});
		tree.integrate();
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode json(MvcResult result) throws Exception {
		return JSON.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
	}

	static Map<String, String> none() {
		return Map.of();
	}
}

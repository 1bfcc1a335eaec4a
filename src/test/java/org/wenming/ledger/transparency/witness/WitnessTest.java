package org.wenming.ledger.transparency.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wenming.ledger.transparency.HeadJson;
import org.wenming.ledger.transparency.HeadSigner;
import org.wenming.ledger.transparency.Merkle;
import org.wenming.ledger.transparency.SignedHead;
import org.wenming.ledger.transparency.Suite;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The witness against a tiny JDK HTTP server playing the installation: honest answers pass; a head signed by another
 * key, an altered root, an older time, a smaller size, a truncated consistency proof, a rewritten tree signed with
 * the right key, and heads taken away are all exit 2 with both heads printed; no server and bad usage are exit 1.
 * (WitnessAttackTest runs it against the real application.)
 */
class WitnessTest {

	static final ObjectMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path state;

	HttpServer server;

	Suite suite = Suite.ED25519_SHA256;

	HeadSigner key;

	/** The leaves of city 4412's tree. */
	List<byte[]> leaves = new ArrayList<>();

	/** The head served as the newest; null → 404. */
	SignedHead served;

	/** Changes the served consistency proof. */
	UnaryOperator<List<byte[]>> proofTamper = UnaryOperator.identity();

	Instant clock = Instant.parse("2026-12-07T04:00:00Z");

	@BeforeEach
	void start() throws IOException {
		key = HeadSigner.fromPkcs8(suite, HeadSigner.generatePkcs8(suite), "test");
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/api/v1/ledger/key", ex -> json(ex, Map.of("suite", key.suite().name(), "keyId",
				key.publicKey().keyId(), "pem", key.publicKey().pem())));
		server.createContext("/api/v1/ledger/cities", ex -> json(ex, Map.of("cities", List.of("4412"))));
		server.createContext("/api/v1/ledger/heads/latest", ex -> {
			if (served == null) {
				ex.sendResponseHeaders(404, -1);
				ex.close();
				return;
			}
			json(ex, HeadJson.of(served));
		});
		server.createContext("/api/v1/ledger/consistency", ex -> {
			Map<String, String> q = query(ex.getRequestURI().getQuery());
			int from = Integer.parseInt(q.get("from"));
			int to = Integer.parseInt(q.get("to"));
			List<byte[]> proof = proofTamper.apply(Merkle.consistencyProof(suite.hash(), leaves.subList(0, to), from));
			json(ex, Map.of("city", q.get("city"), "from", from, "to", to, "proof",
					proof.stream().map(Base64.getEncoder()::encodeToString).toList()));
		});
		server.start();
	}

	@AfterEach
	void stop() {
		server.stop(0);
	}

	private static Map<String, String> query(String query) {
		Map<String, String> values = new java.util.HashMap<>();
		for (String pair : query.split("&")) {
			String[] kv = pair.split("=", 2);
			values.put(kv[0], kv[1]);
		}
		return values;
	}

	private static void json(HttpExchange exchange, Object body) throws IOException {
		byte[] bytes = JSON.writeValueAsBytes(body);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	/** Appends leaves and serves a head of the tree now, signed by {@code signer}. */
	private SignedHead grow(int count, HeadSigner signer) {
		for (int i = 0; i < count; i++) {
			leaves.add(Merkle.leafHash(suite.hash(), ("record " + leaves.size()).getBytes(StandardCharsets.UTF_8)));
		}
		return serve(leaves.size(), Merkle.root(suite.hash(), leaves), signer);
	}

	private SignedHead serve(long size, byte[] root, HeadSigner signer) {
		clock = clock.plusSeconds(3600);
		served = signer.sign(new SignedHead("4412", size, root, clock, suite, null, null));
		return served;
	}

	record Run(int status, String out, String err) {
	}

	private Run witness(String... extra) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		List<String> args = new ArrayList<>(List.of("--url", "http://127.0.0.1:" + server.getAddress().getPort(), "--state",
				state.toString()));
		args.addAll(List.of(extra));
		int status = Witness.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8));
		return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	@Test
	void firstRunPinsTheKeyAndStoresTheHeadLaterRunsCheckConsistency() throws Exception {
		grow(5, key);
		Run first = witness();
		assertThat(first.status()).as(first.toString()).isZero();
		assertThat(first.out()).contains("trust on first use").contains(key.publicKey().keyId())
			.contains("ok city 4412 size 5 (first head)");
		assertThat(Files.readString(state.resolve("head-4412.json"))).contains("\"size\" : 5");
		grow(6, key);
		Run second = witness();
		assertThat(second.status()).as(second.toString()).isZero();
		assertThat(second.out()).doesNotContain("trust on first use").contains("ok city 4412 size 11 (was 5");
		// the same head again, and a new head of the same size (liveness): fine
		assertThat(witness().status()).isZero();
		serve(11, Merkle.root(suite.hash(), leaves), key);
		assertThat(witness("--city", "4412").status()).isZero();
		try (var files = Files.list(state)) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("key.json", "head-4412.json");
		}
	}

	@Test
	void aHeadSignedByAnotherKeyIsForged() {
		grow(3, key);
		assertThat(witness().status()).isZero();
		HeadSigner other = HeadSigner.fromPkcs8(suite, HeadSigner.generatePkcs8(suite), "test");
		grow(2, other);
		Run run = witness();
		assertThat(run.status()).isEqualTo(Witness.INCONSISTENT);
		assertThat(run.out()).contains("INCONSISTENT city 4412").contains("not the pinned")
			.contains("size 3\n").contains("size 5\n");
	}

	@Test
	void theKeyGivenWithKeyIsPinnedInsteadOfTheServers() throws Exception {
		HeadSigner other = HeadSigner.fromPkcs8(suite, HeadSigner.generatePkcs8(suite), "test");
		Path pem = state.resolveSibling(state.getFileName() + "-key.pem");
		Files.writeString(pem, other.publicKey().pem());
		grow(3, key);
		Run run = witness("--key", pem.toString());
		assertThat(run.status()).isEqualTo(Witness.INCONSISTENT);
		assertThat(run.out()).doesNotContain("trust on first use");
		Files.writeString(pem, key.publicKey().pem());
		assertThat(witness("--key", pem.toString()).status()).isZero();
	}

	@Test
	void anAlteredRootFailsTheSignature() {
		grow(4, key);
		assertThat(witness().status()).isZero();
		SignedHead honest = grow(4, key);
		byte[] root = honest.root();
		root[0] ^= 1;
		served = new SignedHead("4412", honest.size(), root, honest.time(), suite, honest.keyId(), honest.signature());
		Run run = witness();
		assertThat(run.status()).isEqualTo(Witness.INCONSISTENT);
		assertThat(run.out()).contains("signature does not verify");
	}

	@Test
	void anOlderHeadIsRefused() {
		grow(4, key);
		Instant first = clock;
		assertThat(witness().status()).isZero();
		grow(1, key);
		served = key.sign(new SignedHead("4412", leaves.size(), Merkle.root(suite.hash(), leaves), first.minusSeconds(1), suite,
				null, null));
		Run run = witness();
		assertThat(run.status()).isEqualTo(Witness.INCONSISTENT);
		assertThat(run.out()).contains("older than the stored one");
	}

	@Test
	void aSmallerHeadIsRefused() {
		grow(6, key);
		assertThat(witness().status()).isZero();
		serve(5, Merkle.root(suite.hash(), leaves.subList(0, 5)), key);
		Run run = witness();
		assertThat(run.status()).isEqualTo(Witness.INCONSISTENT);
		assertThat(run.out()).contains("fewer records").contains("size 6\n").contains("size 5\n");
	}

	@Test
	void aTruncatedConsistencyProofIsRefused() {
		grow(5, key);
		assertThat(witness().status()).isZero();
		grow(9, key);
		proofTamper = proof -> proof.subList(0, proof.size() - 1);
		assertThat(witness().status()).isEqualTo(Witness.INCONSISTENT);
		proofTamper = proof -> List.of();
		assertThat(witness().status()).isEqualTo(Witness.INCONSISTENT);
		proofTamper = UnaryOperator.identity();
		assertThat(witness().status()).isZero();
	}

	/** The attack the log is for: an old record rewritten, the tree rebuilt, a new head signed with the real key. */
	@Test
	void aRewrittenTreeSignedWithTheRightKeyIsCaught() {
		grow(7, key);
		assertThat(witness().status()).isZero();
		leaves.set(2, Merkle.leafHash(suite.hash(), "record 2, hours edited".getBytes(StandardCharsets.UTF_8)));
		grow(3, key);
		Run run = witness();
		assertThat(run.status()).isEqualTo(Witness.INCONSISTENT);
		assertThat(run.out()).contains("consistency proof from 7 to 10 fails").contains("--- stored head")
			.contains("size 7\n").contains("--- served head").contains("size 10\n");
		// the stored head stays the honest one
		assertThat(witness().status()).isEqualTo(Witness.INCONSISTENT);
	}

	@Test
	void headsTakenAwayAreInconsistent() {
		grow(2, key);
		assertThat(witness().status()).isZero();
		served = null;
		assertThat(witness().status()).isEqualTo(Witness.INCONSISTENT);
	}

	@Test
	void sm2HeadsAreWitnessedToo() {
		stop();
		suite = Suite.SM2_SM3;
		try {
			start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		grow(3, key);
		assertThat(witness().status()).isZero();
		grow(3, key);
		assertThat(witness().status()).isZero();
		leaves.set(0, Merkle.leafHash(suite.hash(), new byte[] { 1 }));
		grow(1, key);
		assertThat(witness().status()).isEqualTo(Witness.INCONSISTENT);
	}

	@Test
	void noServerOrBadUsageIsExit1() throws IOException {
		Run usage = witness("--city", "44");
		assertThat(usage.status()).isEqualTo(Witness.ERROR);
		assertThat(usage.err()).contains("--city");
		assertThat(Witness.run(new String[] { "--url", "http://127.0.0.1:1" }, System.out, System.err)).isEqualTo(Witness.ERROR);
		int port = server.getAddress().getPort();
		server.stop(0);
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		assertThat(Witness.run(new String[] { "--url", "http://127.0.0.1:" + port, "--state", state.toString() }, System.out,
				new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(Witness.ERROR);
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.start();
	}
}

package org.wenming.ledger.transparency.witness;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.wenming.ledger.transparency.HeadJson;
import org.wenming.ledger.transparency.HeadSigner;
import org.wenming.ledger.transparency.Merkle;
import org.wenming.ledger.transparency.SignedHead;
import org.wenming.ledger.transparency.Suite;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The witness: {@code java -jar wenming.jar ledger witness --url https://… --state DIR [--key FILE.pem] [--city 4412]}.
 * Runs without Spring and without a database: it fetches the installation's newest tree head of each city, checks
 * the signature with the pinned public key ({@code --key}, or the key stored in DIR on the first run: trust on first
 * use, said in the output), checks that the head is not older and not smaller than the head it stored last time and
 * that the server proves the new tree extends the stored one (RFC 9162 consistency proof), then stores the new head
 * (temporary file + atomic move) and prints one line per city.
 *
 * <p>Exit status: 0 consistent; 2 a forged head or a rewritten tree (both heads' checkpoints are printed); 1 a
 * network or usage error.
 */
public final class Witness {

	public static final int OK = 0;

	public static final int ERROR = 1;

	public static final int INCONSISTENT = 2;

	static final String USAGE = "usage: java -jar wenming.jar ledger witness --url https://… --state DIR [--key FILE.pem] [--city 4412]";

	static final String KEY_FILE = "key.json";

	private static final ObjectMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(SerializationFeature.INDENT_OUTPUT)
		.build();

	/** The pinned key as stored in the state folder and served at /api/v1/ledger/key. */
	record KeyJson(String suite, String keyId, String pem) {
	}

	record CitiesJson(List<String> cities) {
	}

	record ConsistencyJson(String city, long from, long to, List<String> proof) {
	}

	/** A witness failure: what, and the exit status it leads to. */
	static final class Failure extends Exception {

		final int status;

		Failure(int status, String message) {
			super(message);
			this.status = status;
		}
	}

	private final String base;

	private final Path state;

	private final Path keyOption;

	private final String cityOption;

	private final PrintStream out;

	private final HttpClient http;

	private Witness(String base, Path state, Path keyOption, String cityOption, PrintStream out) {
		this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		this.state = state;
		this.keyOption = keyOption;
		this.cityOption = cityOption;
		this.out = out;
		this.http = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.followRedirects(HttpClient.Redirect.NORMAL)
			.build();
	}

	/** Runs the witness with the arguments after {@code witness}; returns the exit status. */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		String url = null;
		String stateDir = null;
		String key = null;
		String city = null;
		List<String> list = new ArrayList<>(Arrays.asList(args));
		try {
			for (int i = 0; i < list.size(); i++) {
				String arg = list.get(i);
				String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
				String value;
				if (arg.contains("=")) {
					value = arg.substring(arg.indexOf('=') + 1);
				}
				else if (i + 1 < list.size()) {
					value = list.get(++i);
				}
				else {
					throw new IllegalArgumentException(arg + " needs a value");
				}
				switch (name) {
					case "--url" -> url = value;
					case "--state" -> stateDir = value;
					case "--key" -> key = value;
					case "--city" -> city = value;
					default -> throw new IllegalArgumentException("unknown option " + arg);
				}
			}
			if (url == null || stateDir == null) {
				throw new IllegalArgumentException("--url and --state are required");
			}
			if (!url.matches("https?://[^\\s]+")) {
				throw new IllegalArgumentException("--url must be an http(s) address");
			}
			if (city != null && !city.matches("\\d{4}")) {
				throw new IllegalArgumentException("--city is a city's 4-digit code, e.g. 4412");
			}
		}
		catch (IllegalArgumentException ex) {
			err.println("witness: " + ex.getMessage());
			err.println(USAGE);
			return ERROR;
		}
		try {
			return new Witness(url, Path.of(stateDir), key == null ? null : Path.of(key), city, out).witness();
		}
		catch (Failure ex) {
			err.println("witness: " + ex.getMessage());
			return ex.status;
		}
	}

	private int witness() throws Failure {
		try {
			Files.createDirectories(state);
		}
		catch (IOException ex) {
			throw new Failure(ERROR, "cannot create the state folder " + state + ": " + ex.getMessage());
		}
		KeyJson key = pinnedKey();
		byte[] publicKey = HeadSigner.fromPem(key.pem(), "PUBLIC KEY");
		Suite suite = Suite.valueOf(key.suite());
		List<String> cities = cityOption != null ? List.of(cityOption) : get("/api/v1/ledger/cities", CitiesJson.class).cities();
		if (cities == null || cities.isEmpty()) {
			out.println("witness: " + base + " has no city with a tree yet");
			return OK;
		}
		int status = OK;
		for (String city : cities) {
			if (city == null || !city.matches("\\d{4}")) {
				throw new Failure(ERROR, "the server listed a city that is not a 4-digit code: " + city);
			}
			status = Math.max(status, witness(city, suite, publicKey, key.keyId()));
		}
		return status;
	}

	/** The key given, or the key pinned in the state folder, or (first run) the server's key, pinned now. */
	private KeyJson pinnedKey() throws Failure {
		try {
			if (keyOption != null) {
				byte[] der = HeadSigner.fromPem(Files.readString(keyOption, StandardCharsets.US_ASCII), "PUBLIC KEY");
				Suite suite = HeadSigner.suiteOfPublic(der);
				if (suite == null) {
					throw new Failure(ERROR, keyOption + " is not an Ed25519 or SM2 public key");
				}
				return new KeyJson(suite.name(), HeadSigner.keyId(der), HeadSigner.pem("PUBLIC KEY", der));
			}
			Path file = state.resolve(KEY_FILE);
			if (Files.exists(file)) {
				return JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), KeyJson.class);
			}
			KeyJson served = get("/api/v1/ledger/key", KeyJson.class);
			byte[] der = HeadSigner.fromPem(served.pem(), "PUBLIC KEY");
			Suite suite = HeadSigner.suiteOfPublic(der);
			if (suite == null || !suite.name().equals(served.suite()) || !HeadSigner.keyId(der).equals(served.keyId())) {
				throw new Failure(INCONSISTENT, "the server's key does not match its own suite or key id: " + served.suite() + " "
						+ served.keyId());
			}
			KeyJson pinned = new KeyJson(suite.name(), HeadSigner.keyId(der), HeadSigner.pem("PUBLIC KEY", der));
			write(file, JSON.writeValueAsString(pinned));
			out.println("witness: trust on first use: pinned the " + suite + " key " + pinned.keyId() + " of " + base + " in "
					+ file + " (compare it with the key the installation publishes elsewhere)");
			return pinned;
		}
		catch (IOException | JacksonException | IllegalArgumentException ex) {
			throw new Failure(ERROR, "cannot read the public key: " + ex.getMessage());
		}
	}

	private int witness(String city, Suite suite, byte[] publicKey, String keyId) throws Failure {
		Path file = state.resolve("head-" + city + ".json");
		SignedHead stored = null;
		if (Files.exists(file)) {
			try {
				stored = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), HeadJson.class).toHead();
			}
			catch (IOException | JacksonException | IllegalArgumentException ex) {
				throw new Failure(ERROR, "cannot read the stored head " + file + ": " + ex.getMessage());
			}
		}
		HeadJson served = getOrNull("/api/v1/ledger/heads/latest?city=" + city, HeadJson.class);
		if (served == null) {
			if (stored != null) {
				return inconsistent(city, "the server has no head any more", stored, null);
			}
			out.println("witness: city " + city + " has no signed head yet");
			return OK;
		}
		SignedHead head;
		try {
			head = served.toHead();
		}
		catch (RuntimeException ex) {
			return inconsistent(city, "the server's head is malformed (" + ex.getMessage() + ")", stored, null);
		}
		if (!head.cityCode().equals(city)) {
			return inconsistent(city, "asked for city " + city + ", the server answered a head of " + head.cityCode(), stored, head);
		}
		if (head.suite() != suite || !keyId.equals(head.keyId())) {
			return inconsistent(city, "the head is signed by " + head.suite() + " key " + head.keyId() + ", not the pinned "
					+ suite + " key " + keyId, stored, head);
		}
		if (!HeadSigner.verify(head, publicKey)) {
			return inconsistent(city, "the head's signature does not verify with the pinned key", stored, head);
		}
		if (served.checkpoint() != null && !served.checkpoint().equals(head.checkpoint())) {
			return inconsistent(city, "the head's checkpoint text differs from its fields", stored, head);
		}
		String was = "first head";
		if (stored != null) {
			if (head.time().isBefore(stored.time())) {
				return inconsistent(city, "the new head is older than the stored one", stored, head);
			}
			if (head.size() < stored.size()) {
				return inconsistent(city, "the new head has fewer records than the stored one", stored, head);
			}
			if (head.size() == stored.size()) {
				if (!Arrays.equals(head.root(), stored.root())) {
					return inconsistent(city, "same size, different root", stored, head);
				}
			}
			else if (stored.size() > 0) {
				ConsistencyJson proof = get("/api/v1/ledger/consistency?city=" + city + "&from=" + stored.size() + "&to="
						+ head.size(), ConsistencyJson.class);
				List<byte[]> path;
				try {
					path = proof.proof().stream().map(Base64.getDecoder()::decode).toList();
				}
				catch (RuntimeException ex) {
					return inconsistent(city, "the consistency proof is malformed", stored, head);
				}
				if (!city.equals(proof.city()) || proof.from() != stored.size() || proof.to() != head.size()
						|| !Merkle.verifyConsistency(suite.hash(), stored.size(), head.size(), stored.root(), head.root(), path)) {
					return inconsistent(city, "the server cannot prove the new tree extends the stored one (consistency proof from "
							+ stored.size() + " to " + head.size() + " fails)", stored, head);
				}
			}
			was = "was " + stored.size() + " at " + SignedHead.formatTime(stored.time());
		}
		try {
			write(file, JSON.writeValueAsString(HeadJson.of(head)));
		}
		catch (IOException | JacksonException ex) {
			throw new Failure(ERROR, "cannot store the head in " + file + ": " + ex.getMessage());
		}
		out.println("witness: ok city " + city + " size " + head.size() + " (" + was + ") root "
				+ Base64.getEncoder().encodeToString(head.root()) + " signed " + SignedHead.formatTime(head.time()) + " key "
				+ keyId + ": consistent");
		return OK;
	}

	private int inconsistent(String city, String why, SignedHead stored, SignedHead served) {
		out.println("witness: INCONSISTENT city " + city + ": " + why);
		out.println("--- stored head" + (stored == null ? " (none)" : " (key " + stored.keyId() + ")") + " ---");
		if (stored != null) {
			out.print(stored.checkpoint());
		}
		out.println("--- served head" + (served == null ? " (none)" : " (key " + served.keyId() + ")") + " ---");
		if (served != null) {
			out.print(served.checkpoint());
		}
		return INCONSISTENT;
	}

	/** Writes a temporary file next to {@code file} and moves it over (readers see the old or the new content). */
	static void write(Path file, String content) throws IOException {
		Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
		try {
			Files.writeString(temp, content, StandardCharsets.UTF_8);
			Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}

	private <T> T get(String path, Class<T> type) throws Failure {
		T value = getOrNull(path, type);
		if (value == null) {
			throw new Failure(ERROR, base + path + ": not found (404)");
		}
		return value;
	}

	private <T> T getOrNull(String path, Class<T> type) throws Failure {
		URI uri;
		try {
			uri = URI.create(base + path);
		}
		catch (IllegalArgumentException ex) {
			throw new Failure(ERROR, "not an address: " + base + path);
		}
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json")
			.header("User-Agent", "wenming-witness")
			.GET()
			.build();
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new Failure(ERROR, uri + ": " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Failure(ERROR, uri + ": interrupted");
		}
		if (response.statusCode() == 404) {
			return null;
		}
		if (response.statusCode() != 200) {
			throw new Failure(ERROR, uri + ": HTTP " + response.statusCode());
		}
		try {
			return JSON.readValue(response.body(), type);
		}
		catch (JacksonException ex) {
			throw new Failure(ERROR, uri + ": not the expected JSON (" + ex.getOriginalMessage() + ")");
		}
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}

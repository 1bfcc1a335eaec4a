import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The load of bench/cluster.sh: volunteers sign in through nginx, then round after round each signs
 * up for one shift of the round's time slot (fewer places than volunteers: some are waitlisted) and,
 * when confirmed, checks in and out with the shift's rotating QR code and an Idempotency-Key. Every
 * acknowledged request (2xx with its id) goes to acks.txt; every answer's status is counted.
 * A request that met a dead node, a 502/503/504 or a cut connection is sent again, the same request
 * with the same key, after Retry-After; a lost session (401/403) signs in again and is counted.
 *
 * Usage: java bench/ClusterLoad.java BASE WORK SECRET_BASE64 CODE_PERIOD_SECONDS SECONDS WORKERS
 * WORK holds volunteers.txt (user names; the password in password.txt) and slots.txt (one line per
 * round: the shift ids of that slot, space-separated). Writes acks.txt, statuses.txt, sessions.txt
 * (user, session cookie, route cookie, upstream of the last request) and a summary on stdout.
 * The shifts in confirm.txt (one id a line), if there is one, are confirmed by the admin (admin.txt:
 * user, password) during the load, for the ledger's credits. With STOP_FILE set, the load goes on
 * after SECONDS until that file exists.
 */
public class ClusterLoad {

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

	static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");

	static final Pattern OUTCOME = Pattern.compile("\"outcome\":\"([A-Z_]+)\"");

	static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
		.followRedirects(HttpClient.Redirect.NEVER).build();

	static String base;

	static byte[] secret;

	static long period;

	static final Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();

	static final AtomicInteger relogins = new AtomicInteger();

	static final AtomicInteger retries = new AtomicInteger();

	static final AtomicLong requests = new AtomicLong();

	static PrintWriter acks;

	public static void main(String[] args) throws Exception {
		base = args[0];
		Path work = Path.of(args[1]);
		secret = Base64.getDecoder().decode(args[2]);
		period = Long.parseLong(args[3]);
		long seconds = Long.parseLong(args[4]);
		int workers = Integer.parseInt(args[5]);
		String password = Files.readString(work.resolve("password.txt")).strip();
		List<String> users = Files.readAllLines(work.resolve("volunteers.txt"));
		List<long[]> slots = new ArrayList<>();
		for (String line : Files.readAllLines(work.resolve("slots.txt"))) {
			slots.add(java.util.Arrays.stream(line.trim().split(" ")).mapToLong(Long::parseLong).toArray());
		}
		acks = new PrintWriter(Files.newBufferedWriter(work.resolve("acks.txt")), true);

		long start = System.nanoTime();
		List<Client> clients = new ArrayList<>();
		for (String user : users) {
			clients.add(new Client(user, password));
		}
		ExecutorService pool = Executors.newFixedThreadPool(workers);
		for (Client c : clients) {
			pool.submit(() -> run(c::signIn));
		}
		pool.shutdown();
		pool.awaitTermination(10, TimeUnit.MINUTES);
		double signInSeconds = (System.nanoTime() - start) / 1e9;
		writeSessions(work, clients);
		Files.writeString(work.resolve("signed-in"), "");
		System.out.printf("signed in: %d volunteers in %.1f s%n", clients.size(), signInSeconds);

		Path confirmFile = work.resolve("confirm.txt");
		Thread confirmer = null;
		if (Files.exists(confirmFile)) {
			List<String> admin = Files.readAllLines(work.resolve("admin.txt"));
			Client organizer = new Client(admin.get(0), admin.get(1));
			List<Long> shifts = Files.readAllLines(confirmFile).stream().filter(s -> !s.isBlank()).map(Long::parseLong).toList();
			confirmer = new Thread(() -> run(() -> {
				organizer.signIn();
				for (long shift : shifts) {
					Answer a = organizer.send("POST", "/api/v1/checkin/shifts/" + shift + "/confirmation", null, null);
					if (a.status == 201) {
						acks.println("CONFIRM " + shift);
					}
					else if (a.status == 409 && a.retried) {
						acks.println("CONFIRM_RESOLVED " + shift); // confirmed by the attempt that met the fault
					}
					else {
						System.out.println("confirmation of shift " + shift + ": HTTP " + a.status + " " + a.body);
					}
				}
			}));
		}

		long loadStart = System.nanoTime();
		long deadline = loadStart + TimeUnit.SECONDS.toNanos(seconds);
		// STOP_FILE: the load goes on after its seconds until this file appears (the faults are over)
		Path stop = System.getenv("STOP_FILE") == null ? null : Path.of(System.getenv("STOP_FILE"));
		requests.set(0);
		AtomicInteger rounds = new AtomicInteger();
		pool = Executors.newFixedThreadPool(workers);
		// round after round, every volunteer once per round (the pool takes the tasks in this order)
		Random random = new Random(4412);
		for (int round = 0; round < slots.size(); round++) {
			long[] slot = slots.get(round);
			int r = round;
			for (Client c : clients) {
				long shift = slot[random.nextInt(slot.length)];
				pool.submit(() -> run(() -> {
					if (System.nanoTime() < deadline || stop != null && !Files.exists(stop)) {
						c.round(shift, r);
						rounds.incrementAndGet();
					}
				}));
			}
		}
		if (confirmer != null) {
			confirmer.start();
		}
		pool.shutdown();
		pool.awaitTermination(30, TimeUnit.MINUTES);
		if (confirmer != null) {
			confirmer.join();
		}
		double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
		acks.close();
		writeSessions(work, clients);
		StringBuilder summary = new StringBuilder();
		new TreeMap<>(statuses).forEach((k, v) -> summary.append(k).append('=').append(v).append(' '));
		Files.writeString(work.resolve("statuses.txt"), summary.toString().trim() + "\n");
		System.out.printf("load: %d requests in %.1f s = %.0f requests/s; rounds %d; answers: %s; resent %d; signed in again %d%n",
				requests.get(), loadSeconds, requests.get() / loadSeconds, rounds.get(), summary.toString().trim(),
				retries.get(), relogins.get());
	}

	static void run(ThrowingRunnable r) {
		try {
			r.run();
		}
		catch (Exception ex) {
			System.out.println("driver error: " + ex);
			count("driver-error");
		}
	}

	interface ThrowingRunnable {
		void run() throws Exception;
	}

	static void count(String key) {
		statuses.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
	}

	static void writeSessions(Path work, List<Client> clients) throws IOException {
		List<String> lines = new ArrayList<>();
		for (Client c : clients) {
			lines.add(c.user + " " + c.cookies.getOrDefault("WENMING_SESSION", "-") + " "
					+ c.cookies.getOrDefault("WENMING_ROUTE", "-") + " " + c.upstream);
		}
		Files.write(work.resolve("sessions.txt"), lines);
	}

	/** The QR code the organizer's phone shows now for the shift (as CheckinTokens issues it). */
	static String token(long shift) throws Exception {
		long slot = System.currentTimeMillis() / 1000 / period;
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret, "HmacSHA256"));
		byte[] digest = java.util.Arrays.copyOf(mac.doFinal(("wenming-checkin:" + shift + ":" + slot)
			.getBytes(StandardCharsets.UTF_8)), 16);
		return shift + "." + slot + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

	record Answer(int status, String body, boolean retried) {
	}

	static final class Client {

		final String user;

		final String password;

		final Map<String, String> cookies = new ConcurrentHashMap<>();

		volatile String csrf;

		volatile String upstream = "-";

		Client(String user, String password) {
			this.user = user;
			this.password = password;
		}

		synchronized void signIn() throws Exception {
			cookies.remove("WENMING_SESSION");
			for (int attempt = 0; attempt < 60; attempt++) {
				try {
					HttpResponse<String> page = raw("GET", "/login", null, null, null);
					Matcher m = CSRF.matcher(page.body());
					if (page.statusCode() == 200 && m.find()) {
						String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(m.group(1));
						HttpResponse<String> login = raw("POST", "/login", form, "application/x-www-form-urlencoded", null);
						String location = login.headers().firstValue("Location").orElse("");
						if (login.statusCode() == 302 && !location.contains("error")) {
							HttpResponse<String> admin = raw("GET", "/admin", null, null, null);
							Matcher t = CSRF.matcher(admin.body());
							if (t.find()) {
								csrf = t.group(1);
								return;
							}
						}
					}
				}
				catch (IOException ex) {
					count("io");
				}
				Thread.sleep(500);
			}
			throw new IllegalStateException("could not sign in " + user);
		}

		/** One round: sign up for the shift; when confirmed, check in and check out. */
		void round(long shift, int round) throws Exception {
			Answer signup = send("POST", "/api/v1/shifts/" + shift + "/signups", null, null);
			if (signup.status == 201) {
				Matcher id = ID.matcher(signup.body);
				Matcher status = STATUS.matcher(signup.body);
				if (id.find() && status.find()) {
					acks.println("SIGNUP " + id.group(1) + " " + user + " " + shift + " " + status.group(1));
					if (status.group(1).equals("CONFIRMED")) {
						check(shift, "IN");
						check(shift, "OUT");
					}
				}
				return;
			}
			if (signup.status == 409 && signup.retried) {
				// the attempt that met the fault signed up; the answer was lost with the node
				acks.println("SIGNUP_RESOLVED - " + user + " " + shift);
			}
		}

		void check(long shift, String action) throws Exception {
			String key = "cl-" + user + "-" + shift + "-" + action;
			Answer a = send("POST", "/api/v1/checkins", "{\"token\":\"" + token(shift) + "\",\"action\":\"" + action + "\"}", key);
			Matcher outcome = OUTCOME.matcher(a.body);
			if (a.status / 100 == 2 && outcome.find()) {
				acks.println("CHECK " + key + " " + user + " " + shift + " " + action + " " + outcome.group(1));
			}
			else {
				System.out.println("check " + action + " refused: HTTP " + a.status + " " + a.body);
			}
		}

		/** Sends until an answer that is not a fault; the same body and key each time. */
		Answer send(String method, String path, String json, String key) throws Exception {
			boolean retried = false;
			for (int attempt = 0; attempt < 120; attempt++) {
				HttpResponse<String> r;
				try {
					r = raw(method, path, json, json == null ? null : "application/json", key);
				}
				catch (IOException ex) {
					count("io");
					retries.incrementAndGet();
					retried = true;
					Thread.sleep(500);
					continue;
				}
				int status = r.statusCode();
				if (status == 502 || status == 503 || status == 504) {
					retries.incrementAndGet();
					retried = true;
					long wait = r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
					Thread.sleep(Math.min(wait, 2) * 1000);
					continue;
				}
				if (status == 401 || status == 403 && !r.body().contains("NOT_A_VOLUNTEER")) {
					relogins.incrementAndGet();
					retried = true;
					signIn();
					continue;
				}
				return new Answer(status, r.body(), retried);
			}
			throw new IllegalStateException(method + " " + path + " never answered");
		}

		HttpResponse<String> raw(String method, String path, String body, String type, String key)
				throws IOException, InterruptedException {
			HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
				.header("Accept", path.startsWith("/api/") ? "application/json" : "text/html");
			String cookie = String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
			if (!cookie.isEmpty()) {
				b.header("Cookie", cookie);
			}
			if (type != null) {
				b.header("Content-Type", type);
			}
			if (key != null) {
				b.header("Idempotency-Key", key);
			}
			if (method.equals("POST") && path.startsWith("/api/") && csrf != null) {
				b.header("X-CSRF-TOKEN", csrf);
			}
			b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
			HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
			requests.incrementAndGet();
			count(String.valueOf(r.statusCode()));
			// after nginx tried a dead node first: "dead, live"; the live one answered
			r.headers().firstValue("X-Upstream").ifPresent(u -> upstream = u.substring(u.lastIndexOf(' ') + 1));
			for (String set : r.headers().allValues("Set-Cookie")) {
				String pair = set.split(";", 2)[0];
				int eq = pair.indexOf('=');
				if (eq > 0) {
					cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
				}
			}
			return r;
		}
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}

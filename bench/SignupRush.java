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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client of bench/signup-rush.sh (issue 21, "the 8 o'clock rush"). JDK 17, no dependencies:
 * {@code java bench/SignupRush.java MODE ...}. Modes:
 * <ul>
 * <li>{@code login BASE WORK FIRST LAST THREADS}: bench-vol-FIRST … bench-vol-LAST sign in through the form
 * (CSRF token from /login, the session cookie kept, a CSRF token for API writes from /admin), THREADS at a
 * time; writes WORK/sessions.txt ("user cookie csrf" a line).</li>
 * <li>{@code warm BASE WORK SHIFT SECONDS THREADS}: closed-loop sign-ups of the volunteers in order for the
 * warm-up shift (the JIT compiler sees the sign-up path before the rush).</li>
 * <li>{@code dup BASE WORK SHIFT N}: the last volunteer of sessions.txt fires the same sign-up N times at once
 * (N threads released together); prints the answers by status, exit 1 unless one 201 and every other
 * answer a 201 with the same sign-up or a 409 saying "already signed up".</li>
 * <li>{@code rush BASE WORK ACTIVITY VOLUNTEERS SPACING_US T0_EPOCH_MS}: the rush. Request k
 * (volunteer k, shift k mod 5 of WORK/shifts.txt) is sent at t0 + k × SPACING_US, open loop (HttpClient.sendAsync
 * from sender threads, whatever the earlier answers), t0 being the wall-clock instant T0_EPOCH_MS (the
 * readers' process starts at the same instant). Writes WORK/rush.tsv and WORK/rush-meta.txt, and WORK/rush-done
 * when every sign-up is answered (or given up).</li>
 * <li>{@code read BASE WORK ACTIVITY READERS READ_PERIOD_MS T0_EPOCH_MS}: from t0, READERS readers poll
 * GET /api/v1/activities/ACTIVITY every READ_PERIOD_MS (spread evenly) until WORK/rush-done appears, and the
 * HTML page /activities/ACTIVITY is read once 5 s after t0. A process of its own: each process holds at most
 * 20,000 connections here (the file descriptors' limit), and 10,000 volunteers with 1,000 readers need more.
 * Writes WORK/reads.tsv and WORK/reads-meta.txt.</li>
 * <li>{@code report WORK}: reads rush.tsv, reads.tsv and rows.tsv (the database's sign-ups of the rush's
 * shifts: user, id, shift, status, signed_up_at epoch ms, position in queued_at, id order within the status)
 * and prints the rows of a markdown table (the per-shift details go to WORK/report-details.txt); exit 1 if not exactly 500 confirmed (answers and rows) or a 5xx.</li>
 * </ul>
 */
public class SignupRush {

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

	static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");

	static final String PASSWORD = "Bench-volunteer-2026";

	static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

	/** The rush's own clients (their own selector threads): the sign-ups, and the readers with the page. */
	static HttpClient rushHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(60)).followRedirects(HttpClient.Redirect.NEVER).build();

	static HttpClient readHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(60)).followRedirects(HttpClient.Redirect.NEVER).build();

	/** Threads that send the rush's sign-ups (request k by thread k mod SENDERS), so one slow send delays no other. */
	static final int SENDERS = 4;

	static String base;

	public static void main(String[] args) throws Exception {
		String mode = args[0];
		if (mode.equals("report")) {
			System.exit(report(Path.of(args[1])));
		}
		base = args[1];
		Path work = Path.of(args[2]);
		switch (mode) {
			case "login" -> login(work, Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
			case "warm" -> warm(work, Long.parseLong(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]));
			case "dup" -> System.exit(dup(work, Long.parseLong(args[3]), Integer.parseInt(args[4])));
			case "rush" -> rush(work, Long.parseLong(args[3]), Integer.parseInt(args[4]), Long.parseLong(args[5]),
					Long.parseLong(args[6]));
			case "read" -> read(work, Long.parseLong(args[3]), Integer.parseInt(args[4]), Long.parseLong(args[5]),
					Long.parseLong(args[6]));
			default -> throw new IllegalArgumentException(mode);
		}
	}

	// ---------------------------------------------------------------- sessions

	record Session(String user, String cookie, String csrf) {
	}

	static void login(Path work, int first, int last, int threads) throws Exception {
		long start = System.nanoTime();
		Session[] sessions = new Session[last - first + 1];
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicInteger failed = new AtomicInteger();
		for (int i = first; i <= last; i++) {
			int n = i;
			pool.submit(() -> {
				try {
					sessions[n - first] = signIn("bench-vol-" + n);
				}
				catch (Exception ex) {
					if (failed.incrementAndGet() < 5) {
						System.out.println("sign-in of bench-vol-" + n + " failed: " + ex);
					}
				}
			});
		}
		pool.shutdown();
		pool.awaitTermination(10, TimeUnit.MINUTES);
		List<String> lines = new ArrayList<>();
		for (Session s : sessions) {
			if (s != null) {
				lines.add(s.user + " " + s.cookie + " " + s.csrf);
			}
		}
		Files.write(work.resolve("sessions.txt"), lines);
		System.out.printf("signed in: %d volunteers in %.1f s (%d threads), failed %d%n", lines.size(),
				(System.nanoTime() - start) / 1e9, threads, failed.get());
		if (failed.get() > 0) {
			System.exit(1);
		}
	}

	static Session signIn(String user) throws Exception {
		Map<String, String> cookies = new HashMap<>();
		for (int attempt = 0; attempt < 5; attempt++) {
			HttpResponse<String> page = get("/login", cookies, "text/html");
			Matcher m = CSRF.matcher(page.body());
			if (page.statusCode() == 200 && m.find()) {
				String form = "username=" + enc(user) + "&password=" + enc(PASSWORD) + "&_csrf=" + enc(m.group(1));
				HttpRequest.Builder b = request("/login", cookies, "text/html")
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form));
				HttpResponse<String> login = keep(http.send(b.build(), HttpResponse.BodyHandlers.ofString()), cookies);
				String location = login.headers().firstValue("Location").orElse("");
				if (login.statusCode() == 302 && !location.contains("error")) {
					Matcher t = CSRF.matcher(get("/admin", cookies, "text/html").body());
					if (t.find() && cookies.containsKey("WENMING_SESSION")) {
						return new Session(user, cookies.get("WENMING_SESSION"), t.group(1));
					}
				}
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("could not sign in " + user);
	}

	static List<Session> sessions(Path work) throws IOException {
		List<Session> sessions = new ArrayList<>();
		for (String line : Files.readAllLines(work.resolve("sessions.txt"))) {
			String[] f = line.split(" ");
			sessions.add(new Session(f[0], f[1], f[2]));
		}
		return sessions;
	}

	static HttpRequest.Builder request(String path, Map<String, String> cookies, String accept) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
			.header("Accept", accept).header("Accept-Language", "en");
		if (!cookies.isEmpty()) {
			b.header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
		}
		return b;
	}

	static HttpResponse<String> get(String path, Map<String, String> cookies, String accept) throws Exception {
		return keep(http.send(request(path, cookies, accept).GET().build(), HttpResponse.BodyHandlers.ofString()), cookies);
	}

	static HttpResponse<String> keep(HttpResponse<String> r, Map<String, String> cookies) {
		for (String set : r.headers().allValues("Set-Cookie")) {
			String pair = set.split(";", 2)[0];
			int eq = pair.indexOf('=');
			if (eq > 0) {
				cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
			}
		}
		return r;
	}

	static HttpRequest signUp(Session s, long shift) {
		return HttpRequest.newBuilder(URI.create(base + "/api/v1/shifts/" + shift + "/signups"))
			.timeout(Duration.ofSeconds(120)).header("Accept", "application/json").header("Accept-Language", "en")
			.header("Cookie", "WENMING_SESSION=" + s.cookie).header("X-CSRF-TOKEN", s.csrf)
			.POST(HttpRequest.BodyPublishers.noBody()).build();
	}

	// ---------------------------------------------------------------- warm-up and the same sign-up 100 times

	static void warm(Path work, long shift, int seconds, int threads) throws Exception {
		List<Session> sessions = sessions(work);
		AtomicInteger next = new AtomicInteger();
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		for (int t = 0; t < threads; t++) {
			pool.submit(() -> {
				int i;
				while (System.nanoTime() < end && (i = next.getAndIncrement()) < sessions.size()) {
					try {
						int status = http.send(signUp(sessions.get(i), shift), HttpResponse.BodyHandlers.discarding())
							.statusCode();
						statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
					}
					catch (Exception ex) {
						statuses.computeIfAbsent(-1, k -> new AtomicInteger()).incrementAndGet();
					}
				}
			});
		}
		pool.shutdown();
		pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
		System.out.println("warm-up sign-ups by HTTP status: " + new TreeMap<>(statuses));
	}

	static int dup(Path work, long shift, int n) throws Exception {
		List<Session> sessions = sessions(work);
		Session s = sessions.get(sessions.size() - 1);
		CountDownLatch ready = new CountDownLatch(n);
		CountDownLatch go = new CountDownLatch(1);
		List<CompletableFuture<String>> answers = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(n);
		for (int i = 0; i < n; i++) {
			CompletableFuture<String> answer = new CompletableFuture<>();
			answers.add(answer);
			pool.submit(() -> {
				try {
					ready.countDown();
					go.await();
					HttpResponse<String> r = http.send(signUp(s, shift), HttpResponse.BodyHandlers.ofString());
					answer.complete(r.statusCode() + " " + r.body());
				}
				catch (Exception ex) {
					answer.complete("-1 " + ex);
				}
			});
		}
		ready.await();
		go.countDown();
		Map<String, Integer> kinds = new TreeMap<>();
		String createdId = null;
		boolean ok = true;
		int created = 0;
		for (CompletableFuture<String> a : answers) {
			String answer = a.get(2, TimeUnit.MINUTES);
			int status = Integer.parseInt(answer.substring(0, answer.indexOf(' ')));
			String kind;
			if (status == 201) {
				Matcher id = ID.matcher(answer);
				String signup = id.find() ? id.group(1) : "?";
				if (createdId == null) {
					createdId = signup;
				}
				created++;
				kind = "201 sign-up " + (signup.equals(createdId) ? "(the same)" : signup + " (ANOTHER)");
				ok &= signup.equals(createdId);
			}
			else if (status == 409 && answer.contains("already signed up")) {
				kind = "409 already signed up";
			}
			else {
				kind = status + " " + answer.substring(answer.indexOf(' ') + 1, Math.min(answer.length(), 160));
				ok = false;
			}
			kinds.merge(kind, 1, Integer::sum);
		}
		pool.shutdownNow();
		ok &= created >= 1;
		System.out.println("the same sign-up " + n + " times at once by " + s.user + ": " + kinds
				+ (ok ? "" : " — WRONG"));
		return ok ? 0 : 1;
	}

	// ---------------------------------------------------------------- the rush

	static final class Attempt {

		final int k;

		final String user;

		final long shift;

		final long planned;

		volatile long sent;

		volatile long done;

		volatile int status;

		volatile String signupId = "-";

		volatile String signupStatus = "-";

		volatile String error = "";

		Attempt(int k, String user, long shift, long planned) {
			this.k = k;
			this.user = user;
			this.shift = shift;
			this.planned = planned;
		}
	}

	static void rush(Path work, long activity, int volunteers, long spacingMicros, long t0EpochMs) throws Exception {
		List<Session> sessions = sessions(work);
		long[] shifts = Files.readAllLines(work.resolve("shifts.txt")).stream().filter(l -> !l.isBlank())
			.mapToLong(Long::parseLong).toArray();
		if (sessions.size() < volunteers) {
			throw new IllegalStateException("only " + sessions.size() + " sessions");
		}
		warmClient(rushHttp);
		long cpuBefore = processCpuMs();
		long spacing = TimeUnit.MICROSECONDS.toNanos(spacingMicros);
		long t0 = t0(t0EpochMs);
		Attempt[] attempts = new Attempt[volunteers];
		for (int k = 0; k < volunteers; k++) {
			attempts[k] = new Attempt(k, sessions.get(k).user, shifts[k % shifts.length], t0 + k * spacing);
		}
		AtomicInteger outstanding = new AtomicInteger(volunteers);
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger maxInFlight = new AtomicInteger();
		CountDownLatch answered = new CountDownLatch(volunteers);
		List<Thread> senders = new ArrayList<>();
		for (int t = 0; t < SENDERS; t++) {
			int first = t;
			senders.add(new Thread(() -> {
				for (int k = first; k < volunteers; k += SENDERS) {
					send(attempts[k], signUp(sessions.get(k), attempts[k].shift), inFlight, maxInFlight, outstanding, answered);
				}
			}, "sender-" + t));
		}
		senders.forEach(Thread::start);
		for (Thread t : senders) {
			t.join();
		}
		answered.await(5, TimeUnit.MINUTES);
		Files.writeString(work.resolve("rush-done"), "done\n");

		try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(work.resolve("rush.tsv")))) {
			for (Attempt a : attempts) {
				out.printf("%d\t%s\t%d\t%.3f\t%.3f\t%.3f\t%d\t%s\t%s\t%s%n", a.k, a.user, a.shift, (a.planned - t0) / 1e6,
						(a.sent - t0) / 1e6, (a.done - t0) / 1e6, a.status, a.signupId, a.signupStatus,
						a.error.length() > 200 ? a.error.substring(0, 200) : a.error);
			}
		}
		Files.writeString(work.resolve("rush-meta.txt"), "t0_epoch_ms=" + t0EpochMs + "\nvolunteers=" + volunteers
				+ "\nspacing_us=" + spacingMicros + "\nmax_in_flight=" + maxInFlight.get() + "\nunanswered="
				+ outstanding.get() + "\n");
		System.out.printf("rush: %d sign-ups sent, %d unanswered, at most %d in flight; the client's CPU %d ms%n", volunteers,
				outstanding.get(), maxInFlight.get(), processCpuMs() - cpuBefore);
	}

	/** The client's own warm-up (classes loaded, code compiled, some connections open): liveness probes. */
	static void warmClient(HttpClient client) throws Exception {
		List<CompletableFuture<HttpResponse<Void>>> probes = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			probes.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness")).GET().build(),
					HttpResponse.BodyHandlers.discarding()));
		}
		CompletableFuture.allOf(probes.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
	}

	/**
	 * The CPU this client process has used (ms): the clients share the server's machine, so what they use is
	 * not the server's.
	 */
	static long processCpuMs() {
		return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
			.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
	}

	/** The wall-clock instant t0 on this process's nanoTime scale (both client processes start there). */
	static long t0(long t0EpochMs) {
		long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(t0EpochMs - System.currentTimeMillis());
		if (t0 < System.nanoTime()) {
			throw new IllegalStateException("t0 is already past: start the client earlier");
		}
		return t0;
	}

	static void read(Path work, long activity, int readers, long readPeriodMs, long t0EpochMs) throws Exception {
		warmClient(readHttp);
		long cpuBefore = processCpuMs();
		long t0 = t0(t0EpochMs);
		Path done = work.resolve("rush-done");
		// read j at t0 + j × (period / readers), by reader j mod readers, until the rush's process says it is done
		List<long[]> reads = java.util.Collections.synchronizedList(new ArrayList<>());
		AtomicLong readErrors = new AtomicLong();
		Map<Integer, String> readerCookies = new ConcurrentHashMap<>();
		String[] page = { "not read" };
		Thread pageThread = new Thread(() -> {
			waitUntil(t0 + TimeUnit.SECONDS.toNanos(5));
			long sent = System.nanoTime();
			try {
				HttpResponse<String> r = readHttp.send(HttpRequest.newBuilder(URI.create(base + "/activities/" + activity))
					.timeout(Duration.ofSeconds(60)).header("Accept", "text/html").GET().build(),
						HttpResponse.BodyHandlers.ofString());
				page[0] = String.format("HTTP %d, %.1f ms, %d characters", r.statusCode(),
						(System.nanoTime() - sent) / 1e6, r.body().length());
			}
			catch (Exception ex) {
				page[0] = "failed: " + ex;
			}
		}, "page");
		pageThread.start();
		long step = TimeUnit.MILLISECONDS.toNanos(readPeriodMs) / readers;
		for (long j = 0; j % 100 != 0 || !Files.exists(done); j++) {
			long planned = t0 + j * step;
			waitUntil(planned);
			int reader = (int) (j % readers);
			HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/activities/" + activity))
				.timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
			String cookie = readerCookies.get(reader);
			if (cookie != null) {
				b.header("Cookie", cookie);
			}
			long sent = System.nanoTime();
			readHttp.sendAsync(b.GET().build(), HttpResponse.BodyHandlers.ofString()).whenComplete((r, ex) -> {
				long answeredAt = System.nanoTime();
				int status = ex != null ? -1 : r.statusCode();
				if (r != null) {
					r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("WENMING_SESSION="))
						.findFirst().ifPresent(c -> readerCookies.put(reader, c.split(";", 2)[0]));
				}
				if (status != 200 || !r.body().contains("placesLeft")) {
					readErrors.incrementAndGet();
				}
				reads.add(new long[] { planned - t0, sent - t0, answeredAt - t0, status });
			});
		}
		pageThread.join(TimeUnit.MINUTES.toMillis(2));
		Thread.sleep(2000); // the last reads' answers
		try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(work.resolve("reads.tsv")))) {
			synchronized (reads) {
				for (long[] r : reads) {
					out.printf("%.3f\t%.3f\t%.3f\t%d%n", r[0] / 1e6, r[1] / 1e6, r[2] / 1e6, r[3]);
				}
			}
		}
		Files.writeString(work.resolve("reads-meta.txt"), "readers=" + readers + "\nread_period_ms=" + readPeriodMs
				+ "\nread_errors=" + readErrors.get() + "\nhtml_page=" + page[0] + "\n");
		System.out.printf("readers: %d reads (%d not 200 with placesLeft); page: %s; the readers' CPU %d ms%n", reads.size(),
				readErrors.get(), page[0], processCpuMs() - cpuBefore);
	}

	/** Sends the sign-up at its planned time (open loop) and records its answer when it comes. */
	static void send(Attempt a, HttpRequest request, AtomicInteger inFlight, AtomicInteger maxInFlight,
			AtomicInteger outstanding, CountDownLatch answered) {
		waitUntil(a.planned);
		a.sent = System.nanoTime();
		maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
		rushHttp.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, ex) -> {
			a.done = System.nanoTime();
			inFlight.decrementAndGet();
			if (ex != null) {
				a.status = -1;
				a.error = String.valueOf(ex).replaceAll("\\s+", " ");
			}
			else {
				a.status = r.statusCode();
				Matcher id = ID.matcher(r.body());
				Matcher st = STATUS.matcher(r.body());
				if (a.status == 201 && id.find() && st.find()) {
					a.signupId = id.group(1);
					a.signupStatus = st.group(1);
				}
				else if (a.status != 201) {
					a.error = r.body().replaceAll("\\s+", " ");
				}
			}
			outstanding.decrementAndGet();
			answered.countDown();
		});
	}

	static void waitUntil(long nanos) {
		long left;
		while ((left = nanos - System.nanoTime()) > 0) {
			LockSupport.parkNanos(Math.min(left, 200_000));
		}
	}

	// ---------------------------------------------------------------- the report

	static double pct(double[] sorted, double p) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
	}

	record Row(String user, long id, long shift, String status, double signedUpAt, int position) {
	}

	static int report(Path work) throws Exception {
		Map<String, String> meta = new HashMap<>();
		for (String file : List.of("rush-meta.txt", "reads-meta.txt")) {
			for (String line : Files.readAllLines(work.resolve(file))) {
				int eq = line.indexOf('=');
				meta.put(line.substring(0, eq), line.substring(eq + 1));
			}
		}
		double t0Epoch = Double.parseDouble(meta.get("t0_epoch_ms"));
		List<String[]> rush = Files.readAllLines(work.resolve("rush.tsv")).stream().map(l -> l.split("\t", -1)).toList();
		int n = rush.size();
		double[] latency = new double[n];
		double[] lag = new double[n];
		Map<String, Integer> byStatus = new TreeMap<>();
		Map<String, Integer> errorsByStatus = new TreeMap<>();
		Map<String, String> errorSample = new TreeMap<>();
		Map<String, Integer> sendOrder = new HashMap<>();
		Map<String, Double> sentAt = new HashMap<>();
		double firstSent = Double.MAX_VALUE, lastConfirmedAnswer = 0, lastSent = 0, lastAnswer = 0;
		int confirmedAnswers = 0, waitlistedAnswers = 0, over1s = 0;
		for (int i = 0; i < n; i++) {
			String[] f = rush.get(i);
			double sent = Double.parseDouble(f[4]), done = Double.parseDouble(f[5]);
			latency[i] = done - sent;
			lag[i] = sent - Double.parseDouble(f[3]);
			if (latency[i] >= 1000) {
				over1s++;
			}
			firstSent = Math.min(firstSent, sent);
			lastSent = Math.max(lastSent, sent);
			lastAnswer = Math.max(lastAnswer, done);
			sendOrder.put(f[1], Integer.parseInt(f[0]));
			sentAt.put(f[1], sent);
			if (!f[6].equals("201")) {
				errorsByStatus.merge(f[6], 1, Integer::sum);
				errorSample.putIfAbsent(f[6], f[9].length() > 120 ? f[9].substring(0, 120) : f[9]);
			}
			else {
				byStatus.merge(f[8], 1, Integer::sum);
				if (f[8].equals("CONFIRMED")) {
					confirmedAnswers++;
					lastConfirmedAnswer = Math.max(lastConfirmedAnswer, done);
				}
				else if (f[8].equals("WAITLISTED")) {
					waitlistedAnswers++;
				}
			}
		}
		double[] sortedLatency = latency.clone();
		Arrays.sort(sortedLatency);
		double[] sortedLag = lag.clone();
		Arrays.sort(sortedLag);

		List<long[]> readRows = new ArrayList<>();
		for (String line : Files.readAllLines(work.resolve("reads.tsv"))) {
			String[] f = line.split("\t");
			readRows.add(new long[] { Math.round(Double.parseDouble(f[1]) * 1000), Math.round(Double.parseDouble(f[2]) * 1000),
					Long.parseLong(f[3]) });
		}
		double[] readLatency = readRows.stream().mapToDouble(r -> (r[1] - r[0]) / 1000.0).sorted().toArray();
		Map<Long, Integer> readStatuses = new TreeMap<>();
		readRows.forEach(r -> readStatuses.merge(r[2], 1, Integer::sum));
		double readSpan = readRows.stream().mapToLong(r -> r[0]).max().orElse(0) / 1e6;

		List<Row> rows = new ArrayList<>();
		for (String line : Files.readAllLines(work.resolve("rows.tsv"))) {
			if (line.isBlank()) {
				continue;
			}
			String[] f = line.split("\\|");
			rows.add(new Row(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), f[3], Double.parseDouble(f[4]),
					Integer.parseInt(f[5])));
		}
		rows.removeIf(r -> !sendOrder.containsKey(r.user));
		long dbConfirmed = rows.stream().filter(r -> r.status.equals("CONFIRMED")).count();
		long dbWaitlisted = rows.stream().filter(r -> r.status.equals("WAITLISTED")).count();
		double firstRow = rows.stream().mapToDouble(Row::signedUpAt).min().orElse(Double.NaN) - t0Epoch;
		// what the server did, without the client's share: from the send to the row's signed_up_at (the
		// application's clock once it holds the shift's lock)
		double[] toRow = rows.stream().mapToDouble(r -> r.signedUpAt - t0Epoch - sentAt.get(r.user)).sorted().toArray();
		double lastConfirmedRow = rows.stream().filter(r -> r.status.equals("CONFIRMED")).mapToDouble(Row::signedUpAt)
			.max().orElse(Double.NaN) - t0Epoch;

		// waitlist order: per shift, the WAITLISTED rows in promotion order (queued_at, id) against the send order
		long inverted = 0, pairs = 0;
		double maxGap = 0;
		long cwInverted = 0;
		double cwMaxGap = 0;
		Map<Long, List<Row>> byShift = new TreeMap<>();
		rows.forEach(r -> byShift.computeIfAbsent(r.shift, s -> new ArrayList<>()).add(r));
		StringBuilder perShift = new StringBuilder();
		for (Map.Entry<Long, List<Row>> e : byShift.entrySet()) {
			List<Row> waiting = e.getValue().stream().filter(r -> r.status.equals("WAITLISTED"))
				.sorted((a, b) -> Integer.compare(a.position, b.position)).toList();
			List<Row> confirmed = e.getValue().stream().filter(r -> r.status.equals("CONFIRMED")).toList();
			long shiftInverted = 0;
			for (int i = 0; i < waiting.size(); i++) {
				int ki = sendOrder.get(waiting.get(i).user);
				for (int j = i + 1; j < waiting.size(); j++) {
					pairs++;
					int kj = sendOrder.get(waiting.get(j).user);
					if (ki > kj) { // i is ahead in the queue but was sent later
						shiftInverted++;
						maxGap = Math.max(maxGap, sentAt.get(waiting.get(i).user) - sentAt.get(waiting.get(j).user));
					}
				}
			}
			inverted += shiftInverted;
			long shiftCw = 0;
			for (Row w : waiting) {
				int kw = sendOrder.get(w.user);
				for (Row c : confirmed) {
					if (kw < sendOrder.get(c.user)) { // the waitlisted one was sent earlier
						shiftCw++;
						cwMaxGap = Math.max(cwMaxGap, sentAt.get(c.user) - sentAt.get(w.user));
					}
				}
			}
			cwInverted += shiftCw;
			perShift.append(String.format("shift %d: %d confirmed, %d waitlisted, %d inverted waitlist pairs, %d confirmed-after-waitlisted pairs%n",
					e.getKey(), confirmed.size(), waiting.size(), shiftInverted, shiftCw));
		}

		double spacingMs = Double.parseDouble(meta.get("spacing_us")) / 1000;
		System.out.printf("| sign-ups sent (open loop, one every %.2f ms) | %d over %.1f s; client behind schedule p99 %.1f ms, max %.1f ms; at most %s in flight |%n",
				spacingMs, n, (lastSent - firstSent) / 1000, pct(sortedLag, 99), pct(sortedLag, 100), meta.get("max_in_flight"));
		System.out.printf("| sign-up latency (ms) | p50 %.1f, p95 %.1f, p99 %.1f, max %.1f; %d of %d at 1 s or more |%n",
				pct(sortedLatency, 50), pct(sortedLatency, 95), pct(sortedLatency, 99), pct(sortedLatency, 100), over1s, n);
		System.out.printf("| from the send to the row's signed_up_at (the server's share: queueing, locks) (ms) | p50 %.1f, p95 %.1f, p99 %.1f, max %.1f (%d rows) |%n",
				pct(toRow, 50), pct(toRow, 95), pct(toRow, 99), pct(toRow, 100), toRow.length);
		System.out.printf("| answers | %s; errors (not 201): %s |%n", byStatus, errorsByStatus.isEmpty() ? "0" : errorsByStatus);
		System.out.printf("| confirmed | answers %d, database %d (waitlisted: answers %d, database %d) |%n", confirmedAnswers,
				dbConfirmed, waitlistedAnswers, dbWaitlisted);
		System.out.printf("| last place taken after the first request | %.0f ms by the answers (last CONFIRMED answer), %.0f ms by the rows (signed_up_at, first row at %.0f ms); all answered after %.0f ms |%n",
				lastConfirmedAnswer - firstSent, lastConfirmedRow - firstSent, firstRow - firstSent, lastAnswer - firstSent);
		System.out.printf("| readers: GET /api/v1/activities/{id} (%s readers, one read every %s ms each) | %d reads over %.1f s, p50 %.1f, p95 %.1f, p99 %.1f, max %.1f ms; by status (-1: no answer) %s |%n",
				meta.get("readers"), meta.get("read_period_ms"), readRows.size(), readSpan, pct(readLatency, 50),
				pct(readLatency, 95), pct(readLatency, 99), pct(readLatency, 100), readStatuses);
		System.out.printf("| the HTML page /activities/{id}, once mid-rush | %s |%n", meta.get("html_page"));
		System.out.printf("| waitlist order (queued_at, id) against send order | %d of %d pairs inverted, largest send-time gap of an inverted pair %.1f ms |%n",
				inverted, pairs, maxGap);
		System.out.printf("| waitlisted though sent before a confirmed one (same shift) | %d pairs, largest send-time gap %.1f ms |%n",
				cwInverted, cwMaxGap);
		errorSample.forEach((status, body) -> perShift.append("error " + status + " e.g.: " + body + "\n"));
		Files.writeString(work.resolve("report-details.txt"), perShift.toString());

		boolean ok = true;
		if (confirmedAnswers != 500 || dbConfirmed != 500) {
			System.out.println("FAIL: not exactly 500 confirmed (answers " + confirmedAnswers + ", database " + dbConfirmed + ")");
			ok = false;
		}
		if (errorsByStatus.keySet().stream().anyMatch(s -> s.startsWith("5") || s.equals("-1"))) {
			System.out.println("FAIL: server errors or lost answers " + errorsByStatus);
			ok = false;
		}
		return ok ? 0 : 1;
	}

	static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}
}

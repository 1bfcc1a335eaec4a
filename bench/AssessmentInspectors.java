import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Inspectors as people are, for bench/assessment.sh (b): wrk keeps every connection busy without a
 * pause, which measures throughput; these two loads measure what an inspector waits for.
 *
 * - burst: every inspector presses "submit" at the same instant (one thread each, released together by
 *   a latch), BURSTS times, a second apart; each request is that inspector's next place's checklist with
 *   a fresh Idempotency-Key. With PROBE the same bursts go to the liveness probe instead: the baseline.
 * - paced: every inspector submits, then looks at the next criteria for a random 1–PAUSE seconds, for
 *   SECONDS; the load a hundred people working through their places make.
 *
 * Usage: java bench/AssessmentInspectors.java BASE ROUND SUBMISSIONS burst|probe BURSTS
 *        java bench/AssessmentInspectors.java BASE ROUND SUBMISSIONS paced SECONDS PAUSE
 * SUBMISSIONS has a line per inspector and place: "session csrf placeId body" (the session cookie's
 * value, the session's CSRF token, the place, the JSON body); lines of one session are one inspector.
 * Prints "p50=… p95=… p99=… max=… requests=… rps=… failed=…" (milliseconds), as bench/throughput.lua does.
 */
public class AssessmentInspectors {

	record Submission(String session, String csrf, String place, String body) {
	}

	static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5)).build();

	static final ConcurrentLinkedQueue<Long> LATENCIES = new ConcurrentLinkedQueue<>();

	static final AtomicInteger FAILED = new AtomicInteger();

	static final AtomicInteger KEYS = new AtomicInteger();

	static String base;

	static String round;

	static final String RUN = Long.toString(System.currentTimeMillis(), 36);

	public static void main(String[] args) throws Exception {
		base = args[0];
		round = args[1];
		Map<String, List<Submission>> inspectors = new LinkedHashMap<>();
		for (String line : Files.readAllLines(Path.of(args[2]))) {
			String[] f = line.split(" ", 4);
			inspectors.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Submission(f[0], f[1], f[2], f[3]));
		}
		List<List<Submission>> people = new ArrayList<>(inspectors.values());
		String mode = args[3];
		long started = System.nanoTime();
		int requests = switch (mode) {
			case "burst", "probe" -> bursts(people, Integer.parseInt(args[4]), mode.equals("probe"));
			case "paced" -> paced(people, Integer.parseInt(args[4]), Integer.parseInt(args[5]));
			default -> throw new IllegalArgumentException("mode burst, probe or paced, not " + mode);
		};
		double seconds = (System.nanoTime() - started) / 1e9;
		long[] sorted = LATENCIES.stream().mapToLong(Long::longValue).sorted().toArray();
		System.out.printf("p50=%.2f p95=%.2f p99=%.2f max=%.2f requests=%d rps=%.0f failed=%d%n", ms(sorted, 50),
				ms(sorted, 95), ms(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, requests,
				requests / seconds, FAILED.get());
	}

	/** Every inspector at once, then a second's rest; the first burst opens the connections and is not counted. */
	static int bursts(List<List<Submission>> people, int bursts, boolean probe) throws InterruptedException {
		int counted = 0;
		for (int b = 0; b <= bursts; b++) {
			CountDownLatch go = new CountDownLatch(1);
			List<Thread> threads = new ArrayList<>();
			boolean count = b > 0;
			for (List<Submission> places : people) {
				Submission s = places.get(b % places.size());
				Thread t = new Thread(() -> {
					try {
						go.await();
					}
					catch (InterruptedException e) {
						return;
					}
					send(s, probe, count);
				});
				t.start();
				threads.add(t);
			}
			Thread.sleep(200);
			go.countDown();
			for (Thread t : threads) {
				t.join();
			}
			counted += count ? people.size() : 0;
			Thread.sleep(1000);
		}
		return counted;
	}

	/** Each inspector in a loop: submit, think for 1–pause seconds, submit the next place. */
	static int paced(List<List<Submission>> people, int seconds, int pause) throws InterruptedException {
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		AtomicInteger sent = new AtomicInteger();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < people.size(); i++) {
			List<Submission> places = people.get(i);
			Random random = new Random(i);
			Thread t = new Thread(() -> {
				try {
					// the inspectors do not all start in the same second
					Thread.sleep(random.nextInt(pause * 1000));
					for (int n = 0; System.nanoTime() < end; n++) {
						send(places.get(n % places.size()), false, true);
						sent.incrementAndGet();
						Thread.sleep(1000 + random.nextInt(Math.max(1, (pause - 1) * 1000)));
					}
				}
				catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			});
			t.start();
			threads.add(t);
		}
		for (Thread t : threads) {
			t.join();
		}
		return sent.get();
	}

	static void send(Submission s, boolean probe, boolean count) {
		HttpRequest request = probe
				? HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness")).timeout(Duration.ofSeconds(10))
					.GET().build()
				: HttpRequest.newBuilder(URI.create(base + "/api/v1/assessment/inspect/rounds/" + round + "/places/"
						+ s.place() + "/observations"))
					.timeout(Duration.ofSeconds(10))
					.header("Cookie", "WENMING_SESSION=" + s.session())
					.header("X-CSRF-TOKEN", s.csrf())
					.header("Idempotency-Key", "insp-" + RUN + "-" + KEYS.incrementAndGet())
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString(s.body()))
					.build();
		long start = System.nanoTime();
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			long took = System.nanoTime() - start;
			if (response.statusCode() / 100 != 2) {
				FAILED.incrementAndGet();
				if (FAILED.get() <= 3) {
					System.err.println(response.statusCode() + " " + response.body().substring(0,
							Math.min(300, response.body().length())));
				}
			}
			if (count) {
				LATENCIES.add(took);
			}
		}
		catch (IOException | InterruptedException e) {
			FAILED.incrementAndGet();
			System.err.println(e);
		}
	}

	static double ms(long[] sorted, int percentile) {
		if (sorted.length == 0) {
			return 0;
		}
		int i = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
	}
}

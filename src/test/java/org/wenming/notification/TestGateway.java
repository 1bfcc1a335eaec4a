package org.wenming.notification;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToIntFunction;

import com.sun.net.httpserver.HttpServer;

/**
 * An SMS gateway on a free port of 127.0.0.1: records every request and answers with the status its policy
 * gives (by delivery id and how often that id came before), so that tests sharing the database with other
 * notices decide only about their own.
 */
final class TestGateway implements AutoCloseable {

	/** One request as the gateway saw it. */
	record Request(String deliveryId, String timestamp, String signature, String contentType, String body, int answered) {
	}

	/** What the gateway answers: given the request and how many times its id came before. */
	interface Policy {

		int status(Request request, int earlier);
	}

	private final HttpServer server;

	private final ExecutorService threads = Executors.newFixedThreadPool(8);

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Map<String, Integer> seen = new ConcurrentHashMap<>();

	private volatile Policy policy = (r, n) -> 200;

	private volatile long delayMillis;

	TestGateway() throws IOException {
		server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		server.setExecutor(threads);
		server.createContext("/sms", exchange -> {
			try (InputStream in = exchange.getRequestBody()) {
				String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				String id = exchange.getRequestHeaders().getFirst("X-Wenming-Delivery");
				int earlier = seen.merge(String.valueOf(id), 1, Integer::sum) - 1;
				Request request = new Request(id, exchange.getRequestHeaders().getFirst("X-Wenming-Timestamp"),
						exchange.getRequestHeaders().getFirst("X-Wenming-Signature"),
						exchange.getRequestHeaders().getFirst("Content-Type"), body, 0);
				int status = policy.status(request, earlier);
				requests.add(new Request(request.deliveryId(), request.timestamp(), request.signature(),
						request.contentType(), body, status));
				if (delayMillis > 0) {
					Thread.sleep(delayMillis);
				}
				byte[] answer = (status / 100 == 2 ? "{\"ok\":true}" : "{\"error\":\"busy\"}").getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(status, answer.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(answer);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (IOException ex) {
				// the client gave up (a timeout test); nothing to answer
			}
			finally {
				exchange.close();
			}
		});
		server.start();
	}

	String url() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/sms";
	}

	void answer(Policy policy) {
		this.policy = policy;
	}

	void delay(long millis) {
		this.delayMillis = millis;
	}

	/** The requests for one notice, in order. */
	List<Request> requestsFor(long id) {
		return requests.stream().filter(r -> String.valueOf(id).equals(r.deliveryId())).toList();
	}

	/** Requests whose body contains the text. */
	long requestsContaining(String text) {
		return requests.stream().filter(r -> r.body().contains(text)).count();
	}

	/** How many 2xx answers one notice got. */
	long deliveredTimes(long id) {
		return requestsFor(id).stream().filter(r -> r.answered() / 100 == 2).count();
	}

	@Override
	public void close() {
		server.stop(0);
		threads.shutdownNow();
	}
}

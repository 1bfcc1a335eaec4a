package org.wenming.notification.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Delivers a notice by {@code POST} to the gateway, signed ({@link WebhookSignature}) and carrying the outbox
 * id in {@code X-Wenming-Delivery} so that the gateway can drop a duplicate (a node that died after sending
 * but before recording it leaves the notice to be sent again). A 2xx answer is sent; anything else, a
 * timeout or a refused connection is a failed attempt, tried again later.
 */
public class WebhookDelivery implements Delivery {

	/** How much of a refusing gateway's answer goes into {@code last_error}. */
	static final int ERROR_BODY = 200;

	private final HttpClient http;

	private final URI url;

	private final String secret;

	private final BodyTemplate body;

	private final Duration timeout;

	public WebhookDelivery(String url, String secret, String bodyTemplate, Duration timeout) {
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
				.followRedirects(HttpClient.Redirect.NEVER).build();
		this.url = URI.create(url);
		this.secret = secret;
		this.body = new BodyTemplate(bodyTemplate);
		this.timeout = timeout;
	}

	@Override
	public Outcome deliver(OutboundMessage message, Instant now) {
		String content = body.fill(message);
		long timestamp = now.getEpochSecond();
		HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
				.header("Content-Type", "application/json; charset=utf-8")
				.header(WebhookSignature.DELIVERY_HEADER, Long.toString(message.id()))
				.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
				.header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, content))
				.POST(HttpRequest.BodyPublishers.ofString(content, StandardCharsets.UTF_8)).build();
		try {
			HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
			try (InputStream in = response.body()) {
				if (response.statusCode() / 100 == 2) {
					return Outcome.delivered();
				}
				String answer = new String(in.readNBytes(ERROR_BODY), StandardCharsets.UTF_8).strip();
				return Outcome.failed("HTTP " + response.statusCode() + (answer.isEmpty() ? "" : ": " + answer));
			}
		}
		catch (HttpTimeoutException ex) {
			return Outcome.failed("timeout after " + timeout.toMillis() + " ms");
		}
		catch (IOException ex) {
			return Outcome.failed(ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Outcome.failed("interrupted");
		}
	}
}

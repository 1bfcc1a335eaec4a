package org.wenming.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wenming.notification.NotificationFixtures.MOBILE;
import static org.wenming.notification.NotificationFixtures.SECRET;
import static org.wenming.notification.NotificationFixtures.countOf;
import static org.wenming.notification.NotificationFixtures.idOf;
import static org.wenming.notification.NotificationFixtures.marker;
import static org.wenming.notification.NotificationFixtures.notice;
import static org.wenming.notification.NotificationFixtures.row;
import static org.wenming.notification.NotificationFixtures.webhook;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.notification.internal.Outbox;
import org.wenming.notification.internal.OutboxDelivery;
import org.wenming.notification.internal.WebhookDelivery;
import org.wenming.notification.internal.WebhookSignature;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The webhook notifier against a local HTTP gateway on the real database: retry after a 500 with the back-off
 * respected, the signature verifiable, nothing lost across a restart (or a node dying mid-delivery), nothing
 * sent for a rolled-back transaction, two claimers delivering each notice once.
 */
@WenmingTest
class WebhookNotifierTest {

	@Autowired
	Notifier notifier;

	@Autowired
	Outbox outbox;

	@Autowired
	ContactSeal seal;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Autowired
	PlatformTransactionManager transactions;

	TestGateway gateway;

	@BeforeEach
	void startGateway() throws Exception {
		gateway = new TestGateway();
	}

	@AfterEach
	void stopGateway() {
		gateway.close();
	}

	/** A delivery run as a node would make it, with this test's gateway and settings. */
	OutboxDelivery node(String name, NotificationProperties properties) {
		return new OutboxDelivery(outbox, seal, new WebhookDelivery(properties.url(), properties.secret(),
				properties.bodyTemplate(), properties.timeout()), properties, name);
	}

	OutboxDelivery node(String name) {
		return node(name, webhook(gateway.url(), Duration.ofSeconds(5), 50, Duration.ofSeconds(30), Duration.ofHours(1), 10));
	}

	long sendCommitted(String marker) {
		new TransactionTemplate(transactions).executeWithoutResult(tx -> notifier.send(notice(marker)));
		return idOf(jdbc, marker);
	}

	@Test
	void aFiveHundredIsRetriedAfterTheBackOffAndTheSecondAttemptDelivers() {
		String marker = marker();
		long id = sendCommitted(marker);
		gateway.answer((request, earlier) -> request.deliveryId().equals(String.valueOf(id)) && earlier == 0 ? 500 : 200);
		OutboxDelivery node = node("node-a");
		Instant first = clock.instant().plusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MICROS);

		node.deliverDue(first);

		assertThat(gateway.requestsFor(id)).hasSize(1).first().extracting(TestGateway.Request::answered).isEqualTo(500);
		Map<String, Object> failed = row(jdbc, id);
		assertThat(failed.get("status")).isEqualTo("PENDING");
		assertThat(failed.get("attempts")).isEqualTo(1);
		assertThat((String) failed.get("last_error")).startsWith("HTTP 500").doesNotContain(MOBILE);
		Instant next = ((Timestamp) failed.get("next_attempt_at")).toInstant();
		// 30 s back-off less up to a fifth of jitter
		assertThat(next).isBetween(first.plusSeconds(24), first.plusSeconds(30));

		node.deliverDue(first.plusSeconds(20));
		assertThat(gateway.requestsFor(id)).as("not before its back-off").hasSize(1);

		node.deliverDue(first.plusSeconds(31));
		assertThat(gateway.requestsFor(id)).hasSize(2).last().extracting(TestGateway.Request::answered).isEqualTo(200);
		Map<String, Object> sent = row(jdbc, id);
		assertThat(sent.get("status")).isEqualTo("SENT");
		assertThat(sent.get("attempts")).isEqualTo(2);
		assertThat(((Timestamp) sent.get("sent_at")).toInstant()).isEqualTo(first.plusSeconds(31));

		node.deliverDue(first.plusSeconds(3600));
		assertThat(gateway.deliveredTimes(id)).as("a sent notice is not sent again").isEqualTo(1);
	}

	@Test
	void theSignatureVerifiesWithTheSecretOnlyAndTheBodyIsTheFilledTemplate() {
		String marker = marker();
		long id = sendCommitted(marker);
		Instant now = clock.instant().plusSeconds(1);
		node("node-a").deliverDue(now);

		TestGateway.Request request = gateway.requestsFor(id).get(0);
		assertThat(request.timestamp()).isEqualTo(String.valueOf(now.getEpochSecond()));
		assertThat(request.signature()).startsWith("sha256=").hasSize(7 + 64);
		assertThat(WebhookSignature.verify(SECRET, request.timestamp(), request.body(), request.signature())).isTrue();
		assertThat(WebhookSignature.verify("another-secret-0123456789", request.timestamp(), request.body(),
				request.signature())).isFalse();
		assertThat(WebhookSignature.verify(SECRET, String.valueOf(now.getEpochSecond() + 1), request.body(),
				request.signature())).as("the timestamp is signed").isFalse();
		assertThat(WebhookSignature.verify(SECRET, request.timestamp(), request.body().replace("482913", "000000"),
				request.signature())).as("the body is signed").isFalse();
		// recomputed here by hand, as a gateway would
		assertThat(request.signature()).isEqualTo(hmac(SECRET, request.timestamp() + "." + request.body()));

		JsonNode body = JsonMapper.builder().build().readTree(request.body());
		assertThat(body.get("id").asLong()).isEqualTo(id);
		assertThat(body.get("topic").asString()).isEqualTo("servicedesk.code");
		assertThat(body.get("mobile").asString()).as("the gateway needs the number, normalised").isEqualTo(MOBILE);
		assertThat(body.get("template").asString()).isEqualTo("SMS_1234567");
		assertThat(body.get("parameters").get("code").asString()).isEqualTo("482913");
		assertThat(body.get("parameters").get("minutes").asString()).isEqualTo("5");
		assertThat(body.get("text").asString()).isEqualTo(notice(marker).text());
		assertThat(Instant.parse(body.get("createdAt").asString())).isBefore(now);
		assertThat(request.contentType()).startsWith("application/json");
	}

	static String hmac(String secret, String message) {
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
					"HmacSHA256"));
			return "sha256=" + java.util.HexFormat.of()
				.formatHex(mac.doFinal(message.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void aCommittedNoticeSurvivesARestartAndIsDeliveredExactlyOnce() {
		String marker = marker();
		long id = sendCommitted(marker);
		// the node died before any delivery run: the notice waits in the database
		assertThat(row(jdbc, id).get("status")).isEqualTo("PENDING");
		assertThat(gateway.requestsFor(id)).isEmpty();

		// after the restart: a new delivery, nothing shared with the one before
		OutboxDelivery restarted = node("node-after-restart");
		Instant now = clock.instant().plusSeconds(1);
		restarted.deliverDue(now);
		restarted.deliverDue(now.plusSeconds(5));
		node("node-b").deliverDue(now.plusSeconds(3600));

		assertThat(gateway.requestsFor(id)).hasSize(1);
		assertThat(gateway.deliveredTimes(id)).isEqualTo(1);
		assertThat(row(jdbc, id).get("status")).isEqualTo("SENT");
	}

	@Test
	void aNodeThatDiesHoldingItsClaimLeavesTheNoticeToAnotherAfterTheLease() {
		String marker = marker();
		long id = sendCommitted(marker);
		Instant now = clock.instant().plusSeconds(1);
		OutboxDelivery survivor = node("node-b");
		// node A claims (the attempt counted, the lease taken) and dies before delivering
		List<Outbox.Claimed> claimed = outbox.claim(now, now.plus(survivor.lease()), 10_000, "node-a");
		assertThat(claimed).extracting(Outbox.Claimed::id).contains(id);

		survivor.deliverDue(now.plusSeconds(1));
		assertThat(gateway.requestsFor(id)).as("leased by node A").isEmpty();
		assertThat(row(jdbc, id).get("status")).isEqualTo("PENDING");

		survivor.deliverDue(now.plus(survivor.lease()).plusSeconds(1));
		assertThat(gateway.deliveredTimes(id)).isEqualTo(1);
		Map<String, Object> sent = row(jdbc, id);
		assertThat(sent.get("status")).isEqualTo("SENT");
		assertThat(sent.get("node")).isEqualTo("node-b");
		assertThat(sent.get("attempts")).isEqualTo(2);
	}

	@Test
	void aNoticeSentInARolledBackTransactionLeavesNothing() {
		String marker = marker();
		new TransactionTemplate(transactions).executeWithoutResult(tx -> {
			notifier.send(notice(marker));
			assertThat(countOf(jdbc, marker)).as("written in the caller's transaction").isEqualTo(1);
			tx.setRollbackOnly();
		});
		assertThat(countOf(jdbc, marker)).isZero();
		node("node-a").deliverDue(clock.instant().plusSeconds(1));
		assertThat(gateway.requestsContaining(marker)).isZero();
		assertThat(countOf(jdbc, marker)).isZero();
	}

	@Test
	void aGatewayThatDoesNotAnswerInTimeIsAFailedAttempt() {
		String marker = marker();
		long id = sendCommitted(marker);
		gateway.delay(2_000);
		OutboxDelivery impatient = node("node-a",
				webhook(gateway.url(), Duration.ofMillis(300), 50, Duration.ofSeconds(30), Duration.ofHours(1), 10));
		Instant now = clock.instant().plusSeconds(1);
		impatient.deliverDue(now);
		Map<String, Object> failed = row(jdbc, id);
		assertThat(failed.get("status")).isEqualTo("PENDING");
		assertThat((String) failed.get("last_error")).contains("timeout");
		assertThat(((Timestamp) failed.get("next_attempt_at")).toInstant()).isAfter(now.plusSeconds(20));
		gateway.delay(0);
	}

	@Test
	void twoClaimersAtOnceDeliverEachOfTwoHundredNoticesExactlyOnce() throws Exception {
		String marker = marker();
		new TransactionTemplate(transactions).executeWithoutResult(tx -> {
			for (int i = 0; i < 200; i++) {
				notifier.send(notice(marker + "-" + i));
			}
		});
		List<Long> ids = jdbc.sql("select id from notification_outbox where text like :m order by id")
			.param("m", "%" + marker + "-%").query(Long.class).list();
		assertThat(ids).hasSize(200);
		gateway.delay(2);
		Instant now = clock.instant().plusSeconds(1);
		NotificationProperties small = webhook(gateway.url(), Duration.ofSeconds(5), 20, Duration.ofSeconds(30),
				Duration.ofHours(1), 10);
		List<OutboxDelivery> nodes = List.of(node("node-a", small), node("node-b", small));
		ExecutorService threads = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<Integer>> runs = new ArrayList<>();
			for (OutboxDelivery n : nodes) {
				runs.add(threads.submit(() -> {
					start.await();
					return n.deliverDue(now);
				}));
			}
			start.countDown();
			for (Future<Integer> run : runs) {
				run.get(2, TimeUnit.MINUTES);
			}
		}
		finally {
			threads.shutdownNow();
		}
		for (long id : ids) {
			assertThat(gateway.requestsFor(id)).as("requests for notice %d", id).hasSize(1);
		}
		assertThat(jdbc.sql("select count(*) from notification_outbox where text like :m and status = 'SENT' and attempts = 1")
			.param("m", "%" + marker + "-%").query(Integer.class).single()).isEqualTo(200);
	}
}

package org.wenming.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.wenming.notification.NotificationFixtures.MASKED;
import static org.wenming.notification.NotificationFixtures.MOBILE;
import static org.wenming.notification.NotificationFixtures.countOf;
import static org.wenming.notification.NotificationFixtures.idOf;
import static org.wenming.notification.NotificationFixtures.marker;
import static org.wenming.notification.NotificationFixtures.notice;
import static org.wenming.notification.NotificationFixtures.row;
import static org.wenming.notification.NotificationFixtures.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.notification.internal.Delivery;
import org.wenming.notification.internal.LogDelivery;
import org.wenming.notification.internal.Outbox;
import org.wenming.notification.internal.OutboxDelivery;
import org.wenming.notification.internal.WebhookDelivery;
import org.wenming.platform.InvalidInputException;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

/**
 * The outbox as administrators and callers meet it: a gateway down for good (FAILED after max-attempts, on
 * the page, "retry now", delivered once the gateway is back), bad notices refused naming the field, and the
 * clear mobile neither in the table nor in the logging mode's output.
 */
@WenmingTest
@ExtendWith(OutputCaptureExtension.class)
class NotificationOutboxTest {

	@Autowired
	Notifier notifier;

	@Autowired
	Outbox outbox;

	@Autowired
	ContactSeal seal;

	@Autowired
	Delivery configured;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	MockMvc mvc;

	@Autowired
	Regions regions;

	@Autowired
	java.util.List<org.wenming.platform.RetentionJob> retentionJobs;

	long sendCommitted(Notification notice, String marker) {
		new TransactionTemplate(transactions).executeWithoutResult(tx -> notifier.send(notice));
		return idOf(jdbc, marker);
	}

	@Test
	void aGatewayDownForGoodEndsFailedOnThePageAndRetryNowDeliversItWhenItIsBack() throws Exception {
		String marker = marker();
		long id = sendCommitted(notice(marker), marker);
		try (TestGateway gateway = new TestGateway()) {
			gateway.answer((request, earlier) -> 503);
			NotificationProperties properties = webhook(gateway.url(), Duration.ofSeconds(5), 50, Duration.ofSeconds(1),
					Duration.ofSeconds(4), 3);
			OutboxDelivery node = new OutboxDelivery(outbox, seal,
					new WebhookDelivery(gateway.url(), properties.secret(), properties.bodyTemplate(), properties.timeout()),
					properties, "node-a");
			Instant now = clock.instant().plusSeconds(1);
			for (int run = 0; run < 6; run++) {
				node.deliverDue(now.plusSeconds(5L * run));
			}
			assertThat(gateway.requestsFor(id)).as("three attempts, then it gives up").hasSize(3);
			Map<String, Object> failed = row(jdbc, id);
			assertThat(failed.get("status")).isEqualTo("FAILED");
			assertThat(failed.get("attempts")).isEqualTo(3);
			assertThat((String) failed.get("last_error")).isEqualTo("HTTP 503: {\"error\":\"busy\"}");

			var admin = new TestUsers(regions).systemAdmin();
			String page = mvc.perform(get("/admin/notifications").param("status", "FAILED").with(admin))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
			assertThat(page).contains("/admin/notifications/" + id + "/retry", MASKED, "HTTP 503")
				.doesNotContain(MOBILE);

			var office = new TestUsers(regions).staff("4412", Roles.OFFICE_STAFF);
			mvc.perform(get("/admin/notifications").with(office)).andExpect(status().isForbidden());
			mvc.perform(post("/admin/notifications/" + id + "/retry").with(office).with(csrf()))
				.andExpect(status().isForbidden());
			mvc.perform(post("/admin/notifications/" + id + "/retry").with(admin)).andExpect(status().isForbidden());
			assertThat(row(jdbc, id).get("status")).as("refused without CSRF or by office staff").isEqualTo("FAILED");
			mvc.perform(get("/admin/notifications").param("status", "LOST").with(admin))
				.andExpect(status().isBadRequest());

			mvc.perform(post("/admin/notifications/" + id + "/retry").with(admin).with(csrf()))
				.andExpect(status().is3xxRedirection());
			Map<String, Object> retried = row(jdbc, id);
			assertThat(retried.get("status")).isEqualTo("PENDING");
			assertThat(retried.get("attempts")).isEqualTo(0);
			mvc.perform(post("/admin/notifications/" + id + "/retry").with(admin).with(csrf()))
				.andExpect(status().isNotFound());

			gateway.answer((request, earlier) -> 200);
			node.deliverDue(clock.instant().plusSeconds(1));
			assertThat(gateway.deliveredTimes(id)).isEqualTo(1);
			assertThat(row(jdbc, id).get("status")).isEqualTo("SENT");
			String sentPage = mvc.perform(get("/admin/notifications").param("status", "SENT").with(admin))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
			assertThat(sentPage).contains(">" + id + "<").doesNotContain("/admin/notifications/" + id + "/retry");
		}
	}

	@Test
	void badNoticesAreRefusedNamingTheFieldAndNothingIsStored() {
		String marker = marker();
		Notification good = notice(marker);
		Map<String, Notification> bad = new HashMap<>();
		bad.put("mobile", new Notification(good.topic(), "12345", good.templateCode(), good.parameters(), good.text()));
		bad.put("mobile ", new Notification(good.topic(), null, good.templateCode(), good.parameters(), good.text()));
		bad.put("mobile  ", new Notification(good.topic(), "1381234567x", good.templateCode(), good.parameters(), good.text()));
		bad.put("mobile   ", new Notification(good.topic(), "1".repeat(5000), good.templateCode(), good.parameters(), good.text()));
		bad.put("topic", new Notification(" ", good.mobile(), good.templateCode(), good.parameters(), good.text()));
		bad.put("topic ", new Notification("a".repeat(65), good.mobile(), good.templateCode(), good.parameters(), good.text()));
		bad.put("topic  ", new Notification("servicedesk code'; drop table x", good.mobile(), good.templateCode(),
				good.parameters(), good.text()));
		bad.put("templateCode", new Notification(good.topic(), good.mobile(), "", good.parameters(), good.text()));
		bad.put("templateCode ", new Notification(good.topic(), good.mobile(), "T".repeat(65), good.parameters(), good.text()));
		bad.put("parameters", new Notification(good.topic(), good.mobile(), good.templateCode(),
				Map.of("code", "x".repeat(501)), good.text()));
		bad.put("parameters ", new Notification(good.topic(), good.mobile(), good.templateCode(),
				Map.of("bad name", "1"), good.text()));
		bad.put("text", new Notification(good.topic(), good.mobile(), good.templateCode(), good.parameters(), " "));
		bad.put("text ", new Notification(good.topic(), good.mobile(), good.templateCode(), good.parameters(),
				marker + "x".repeat(1001)));
		bad.forEach((field, notice) -> assertThatThrownBy(() -> notifier.send(notice)).as(field)
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.field()).isEqualTo(field.strip())));
		assertThatThrownBy(() -> notifier.send(null)).isInstanceOf(InvalidInputException.class);
		assertThat(countOf(jdbc, marker)).isZero();
	}

	@Test
	void theClearMobileIsNeitherInTheTableNorInTheLogModesOutput(CapturedOutput output) {
		assertThat(configured).as("the default mode").isInstanceOf(LogDelivery.class);
		String marker = marker();
		long id = sendCommitted(new Notification("servicedesk.order", "138-1234-5678",
				"SMS_7654321", Map.of("order", "A-1"), "您的服务单 A-1 已派单。" + marker), marker);

		String whole = jdbc.sql("select t::text from notification_outbox t where id = :id").param("id", id)
			.query(String.class).single();
		assertThat(whole).contains(MASKED, marker).doesNotContain(MOBILE).doesNotContain("138-1234-5678");
		Map<String, Object> sealed = jdbc.sql("""
				select recipient_cipher, recipient_masked, recipient_key_id, parameters::text as parameters
				from notification_outbox where id = :id""").param("id", id).query().singleRow();
		assertThat(sealed.get("recipient_masked")).isEqualTo(MASKED);
		assertThat(new String((byte[]) sealed.get("recipient_cipher"), StandardCharsets.ISO_8859_1)).doesNotContain(MOBILE);
		assertThat(seal.open(Outbox.RECIPIENT_COLUMN, new ContactSeal.SealedContact((byte[]) sealed.get("recipient_cipher"),
				MASKED, (String) sealed.get("recipient_key_id")))).isEqualTo(MOBILE);
		assertThat((String) sealed.get("parameters")).isEqualTo("{\"order\": \"A-1\"}");

		new OutboxDelivery(outbox, seal, new LogDelivery(), NotificationFixtures.logMode(), "node-log")
			.deliverDue(clock.instant().plusSeconds(1));
		assertThat(row(jdbc, id).get("status")).isEqualTo("SENT");
		String line = output.getOut().lines().filter(l -> l.contains(marker)).findFirst().orElseThrow();
		assertThat(line).contains("topic=servicedesk.order", "to=" + MASKED, "template=SMS_7654321", "已派单")
			.doesNotContain(MOBILE);
		assertThat(output.getAll()).doesNotContain(MOBILE);
	}

	@Test
	void sentNoticesArePurgedAfterTheRetentionAndTheOthersStay() {
		String sentMarker = marker();
		String failedMarker = marker();
		long sent = sendCommitted(notice(sentMarker), sentMarker);
		long failed = sendCommitted(notice(failedMarker), failedMarker);
		Instant old = clock.instant().minus(Duration.ofDays(40));
		jdbc.sql("update notification_outbox set status = 'SENT', sent_at = :old, created_at = :old where id = :id")
			.param("old", java.sql.Timestamp.from(old)).param("id", sent).update();
		jdbc.sql("update notification_outbox set status = 'FAILED', created_at = :old where id = :id")
			.param("old", java.sql.Timestamp.from(old)).param("id", failed).update();
		org.wenming.platform.RetentionJob job = retentionJobs.stream().filter(j -> j.name().equals("notification-outbox"))
			.findFirst().orElseThrow();
		assertThat(job.retention()).isEqualTo(Duration.ofDays(30));
		int deleted = job.deleteBatch(clock.instant().minus(job.retention()), 10_000);
		assertThat(deleted).isGreaterThanOrEqualTo(1);
		assertThat(countOf(jdbc, sentMarker)).isZero();
		assertThat(countOf(jdbc, failedMarker)).as("a FAILED notice stays for the administrators").isEqualTo(1);
	}
}

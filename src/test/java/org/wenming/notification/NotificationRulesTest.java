package org.wenming.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.wenming.notification.NotificationProperties.Mode;
import org.wenming.notification.internal.Backoff;
import org.wenming.notification.internal.BodyTemplate;
import org.wenming.notification.internal.NotificationRules;
import org.wenming.notification.internal.OutboundMessage;
import org.wenming.notification.internal.WebhookSignature;
import org.wenming.platform.InvalidInputException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The notifier's rules without Spring: the notice, the back-off, the body template, the signature, the settings. */
class NotificationRulesTest {

	/** HMAC-SHA256("key", "1700000000.{}"), computed with {@code openssl dgst -sha256 -hmac key}. */
	static final String KNOWN = "sha256=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae";

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(NotificationProperties.class)
	static class Settings {
	}

	final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(Settings.class);

	@Test
	void aNoticeIsNormalisedAsVolunteersNumbersAre() {
		NotificationRules.Checked checked = NotificationRules.check(new Notification("servicedesk.code",
				"１３８ 1234-5678", "SMS_1", Map.of("b", "2", "a", "1"), "验证码 1"));
		assertThat(checked.mobile()).isEqualTo("13812345678");
		assertThat(checked.parameters()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
		assertThat(new Notification("t", "1", "x", null, "y").parameters()).isEmpty();
		assertThat(new Notification("t", "13812345678", "x", null, "y").toString()).doesNotContain("13812345678");
		assertThatThrownBy(() -> NotificationRules.check(new Notification("servicedesk.code", "23812345678", "SMS_1",
				Map.of(), "x"))).isInstanceOfSatisfying(InvalidInputException.class,
						ex -> assertThat(ex.field()).isEqualTo("mobile"));
	}

	@Test
	void theBackOffDoublesUpToItsCapLessAtMostAFifth() {
		Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(5));
		assertThat(backoff.wait(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(backoff.wait(2)).isEqualTo(Duration.ofSeconds(60));
		assertThat(backoff.wait(4)).isEqualTo(Duration.ofSeconds(240));
		assertThat(backoff.wait(5)).isEqualTo(Duration.ofMinutes(5));
		assertThat(backoff.wait(1000)).isEqualTo(Duration.ofMinutes(5));
		Instant now = Instant.parse("2026-12-06T08:00:00Z");
		assertThat(backoff.next(now, 1, 0.0)).isEqualTo(now.plusSeconds(30));
		assertThat(backoff.next(now, 1, 0.999999)).isAfter(now.plusSeconds(23)).isBefore(now.plusSeconds(25));
	}

	@Test
	void theBodyTemplateFillsJsonEscapedValuesInOnePass() {
		OutboundMessage message = new OutboundMessage(42, "servicedesk.order", "13812345678", "138****5678", "SMS_9",
				Map.of("name", "张\"三\""), "line \"one\"\n{mobile} \\ </script>", Instant.parse("2026-12-06T08:00:00Z"), 1);
		String body = new BodyTemplate(NotificationProperties.DEFAULT_BODY).fill(message);
		JsonNode json = JsonMapper.builder().build().readTree(body);
		assertThat(json.get("id").asLong()).isEqualTo(42);
		assertThat(json.get("text").asString()).isEqualTo("line \"one\"\n{mobile} \\ </script>");
		assertThat(json.get("parameters").get("name").asString()).isEqualTo("张\"三\"");
		assertThat(json.get("createdAt").asString()).isEqualTo("2026-12-06T08:00:00Z");
		assertThat(new BodyTemplate("to={mobile}&msg={text}&x={unknown}").fill(message))
			.isEqualTo("to=13812345678&msg=line \\\"one\\\"\\n{mobile} \\\\ </script>&x={unknown}");
	}

	@Test
	void theSignatureIsTheHmacOfTimestampDotBody() {
		assertThat(WebhookSignature.sign("key", 1_700_000_000L, "{}")).isEqualTo(
				KNOWN);
		assertThat(WebhookSignature.verify("key", "1700000000", "{}",
				KNOWN)).isTrue();
		assertThat(WebhookSignature.verify("key", "1700000000", "{ }",
				KNOWN)).isFalse();
		assertThat(WebhookSignature.verify("key", "x", "{}", "sha256=00")).isFalse();
		assertThat(WebhookSignature.verify("key", null, "{}", null)).isFalse();
	}

	@Test
	void theDefaultsAreTheReadmes() {
		context.run(c -> {
			NotificationProperties p = c.getBean(NotificationProperties.class);
			assertThat(p.mode()).isEqualTo(Mode.LOG);
			assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(p.poll()).isEqualTo(Duration.ofSeconds(10));
			assertThat(p.batchSize()).isEqualTo(50);
			assertThat(p.backoffBase()).isEqualTo(Duration.ofSeconds(30));
			assertThat(p.backoffMax()).isEqualTo(Duration.ofHours(1));
			assertThat(p.maxAttempts()).isEqualTo(10);
			assertThat(p.retention()).isEqualTo(Duration.ofDays(30));
			assertThat(p.bodyTemplate()).isEqualTo(NotificationProperties.DEFAULT_BODY);
		});
	}

	@Test
	void webhookModeWithoutASecretOrAnAddressStopsTheStart() {
		context.withPropertyValues("wenming.notification.mode=webhook", "wenming.notification.url=https://sms.example.cn/hook")
			.run(c -> {
				assertThat(c).hasFailed();
				assertThat(c.getStartupFailure()).rootCause().hasMessageContaining("wenming.notification.secret");
			});
		context.withPropertyValues("wenming.notification.mode=webhook", "wenming.notification.secret=0123456789abcdef")
			.run(c -> {
				assertThat(c).hasFailed();
				assertThat(c.getStartupFailure()).rootCause().hasMessageContaining("wenming.notification.url");
			});
		context.withPropertyValues("wenming.notification.mode=webhook", "wenming.notification.url=https://sms.example.cn/hook",
				"wenming.notification.secret=0123456789abcdef").run(c -> {
					assertThat(c).hasNotFailed();
					assertThat(c.getBean(NotificationProperties.class).toString()).doesNotContain("0123456789abcdef");
				});
		context.withPropertyValues("wenming.notification.max-attempts=0").run(c -> {
			assertThat(c).hasFailed();
			assertThat(c.getStartupFailure()).rootCause().hasMessageContaining("maxAttempts");
		});
		context.withPropertyValues("wenming.notification.purge-cron=every night").run(c -> assertThat(c).hasFailed());
	}
}

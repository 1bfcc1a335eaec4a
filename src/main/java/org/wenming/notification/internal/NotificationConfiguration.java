package org.wenming.notification.internal;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.wenming.notification.NotificationProperties;
import org.wenming.platform.RetentionJob;
import org.wenming.volunteer.ContactSeal;

/** The delivery chosen by {@code wenming.notification.mode}, the delivery run, and the retention of SENT rows. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationProperties.class)
class NotificationConfiguration {

	/** Which node claimed a notice: process id and host, as the job locks name them. */
	static final String NODE = ManagementFactory.getRuntimeMXBean().getName();

	@Bean
	Delivery notificationDelivery(NotificationProperties properties) {
		return switch (properties.mode()) {
			case LOG -> new LogDelivery();
			case WEBHOOK -> new WebhookDelivery(properties.url(), properties.secret(), properties.bodyTemplate(),
					properties.timeout());
		};
	}

	@Bean
	OutboxDelivery outboxDelivery(Outbox outbox, ContactSeal seal, Delivery delivery, NotificationProperties properties) {
		return new OutboxDelivery(outbox, seal, delivery, properties, NODE);
	}

	/** SENT notices older than {@code wenming.notification.retention} go, with their sealed numbers. */
	@Bean
	RetentionJob notificationRetention(Outbox outbox, NotificationProperties properties) {
		return new RetentionJob() {

			@Override
			public String name() {
				return "notification-outbox";
			}

			@Override
			public String cron() {
				return properties.purgeCron();
			}

			@Override
			public Duration retention() {
				return properties.retention();
			}

			@Override
			public int deleteBatch(Instant before, int limit) {
				return outbox.purgeSent(before, limit);
			}
		};
	}
}

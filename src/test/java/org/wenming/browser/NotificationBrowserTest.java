package org.wenming.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.wenming.account.AccountFixtures;
import org.wenming.notification.Notification;
import org.wenming.notification.Notifier;
import org.wenming.shared.Roles;

/**
 * The notification outbox page on a 375 px phone in the elderly mode: a system administrator finds a notice
 * that gave up, sees only its masked number, and sends it again with "retry now".
 */
@BrowserTest
class NotificationBrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	Notifier notifier;

	@Test
	void anAdministratorRetriesAFailedNoticeOnAPhoneInTheElderlyMode(Browsers browsers) {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		notifier.send(new Notification("servicedesk.order", "13912345678", "SMS_1", Map.of("order", tag),
				"您的服务单 " + tag + " 已派单。"));
		long id = jdbc.sql("select id from notification_outbox where text like :t").param("t", "%" + tag + "%")
			.query(Long.class).single();
		// as the delivery leaves a notice after max-attempts
		jdbc.sql("update notification_outbox set status = 'FAILED', attempts = 10, last_error = 'HTTP 503: gateway busy' "
				+ "where id = :id").param("id", id).update();
		String admin = "notify-admin-" + tag;
		new AccountFixtures(jdbc, encoder).user(admin, "44", Roles.SYSTEM_ADMIN);

		Browser phone = browsers.open(Viewport.PHONE);
		phone.open("/?care=on");
		phone.signIn(admin, AccountFixtures.PASSWORD);
		phone.open("/admin/notifications?status=FAILED");
		ElderlyModeBrowserTest.assertElderlyPage(phone);
		assertThat(phone.text()).contains("139****5678", "HTTP 503: gateway busy").doesNotContain("13912345678");

		phone.clickToNextPage("form[action='/admin/notifications/" + id + "/retry'] button");
		assertThat(phone.path()).startsWith("/admin/notifications?status=PENDING&retried=" + id);
		assertThat(phone.find("p.notice").getText()).contains(String.valueOf(id));
		assertThat(jdbc.sql("select status from notification_outbox where id = :id").param("id", id)
			.query(String.class).single()).isEqualTo("PENDING");
		ElderlyModeBrowserTest.assertElderlyPage(phone);
	}
}

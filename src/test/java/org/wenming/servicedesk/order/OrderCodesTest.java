package org.wenming.servicedesk.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.platform.InvalidInputException;

/**
 * One-time codes on the real database: sent through the outbox, right once, wrong counted, dead after 5
 * tries or 5 minutes; at most 5 per mobile and 20 per client in an hour; neither mobile nor code stored.
 */
@org.wenming.support.WenmingTest
class OrderCodesTest {

	@Autowired
	OrderCodes codes;

	@Autowired
	JdbcClient jdbc;

	static String mobile() {
		return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
	}

	String lastCode() {
		String text = jdbc.sql("select text from notification_outbox where topic = 'servicedesk.code' order by id desc limit 1")
				.query(String.class).single();
		Matcher m = Pattern.compile("(\\d{6})").matcher(text);
		assertThat(m.find()).isTrue();
		return m.group(1);
	}

	String wrong(String code) {
		return code.equals("000000") ? "111111" : "000000";
	}

	@Test
	void aCodeIsRightOnceWrongEntriesCountAndNothingPlainIsStored() {
		String mobile = mobile();
		String client = UUID.randomUUID().toString();
		assertThat(codes.request(mobile, client, Locale.CHINA)).isEqualTo(OrderCodes.Request.SENT);
		String code = lastCode();
		assertThat(codes.check(mobile, wrong(code))).isEqualTo(OrderCodes.Check.WRONG);
		assertThat(codes.check(mobile(), code)).isEqualTo(OrderCodes.Check.NONE);
		assertThat(codes.check(mobile, code)).isEqualTo(OrderCodes.Check.PASSED);
		assertThat(codes.check(mobile, code)).isEqualTo(OrderCodes.Check.NONE);
		// the rows hold neither the number nor the code
		for (byte[] hash : jdbc.sql("select mobile_hash || code_hash from service_code").query(byte[].class).list()) {
			String raw = new String(hash, StandardCharsets.ISO_8859_1);
			assertThat(raw).doesNotContain(mobile).doesNotContain(code);
		}
		assertThatThrownBy(() -> codes.request("12345", client, Locale.CHINA)).isInstanceOfSatisfying(
				InvalidInputException.class, ex -> assertThat(ex.field()).isEqualTo("contactMobile"));
	}

	@Test
	void fiveWrongTriesOrFiveMinutesKillACode() {
		String mobile = mobile();
		codes.request(mobile, UUID.randomUUID().toString(), Locale.CHINA);
		String code = lastCode();
		for (int i = 0; i < 5; i++) {
			assertThat(codes.check(mobile, wrong(code))).isEqualTo(OrderCodes.Check.WRONG);
		}
		assertThat(codes.check(mobile, code)).isEqualTo(OrderCodes.Check.NONE);

		String other = mobile();
		codes.request(other, UUID.randomUUID().toString(), Locale.CHINA);
		String late = lastCode();
		jdbc.sql("update service_code set expires_at = now() - interval '1 second', created_at = created_at - interval '5 minutes'"
				+ " where id = (select max(id) from service_code)").update();
		assertThat(codes.check(other, late)).isEqualTo(OrderCodes.Check.NONE);
	}

	@Test
	void requestsAreLimitedPerMobileAndPerClient() {
		String mobile = mobile();
		for (int i = 0; i < 5; i++) {
			assertThat(codes.request(mobile, UUID.randomUUID().toString(), Locale.CHINA)).isEqualTo(OrderCodes.Request.SENT);
		}
		long sent = jdbc.sql("select count(*) from notification_outbox").query(Long.class).single();
		assertThat(codes.request(mobile, UUID.randomUUID().toString(), Locale.CHINA))
				.isEqualTo(OrderCodes.Request.MOBILE_LIMIT);
		String client = UUID.randomUUID().toString();
		for (int i = 0; i < 20; i++) {
			assertThat(codes.request(mobile(), client, Locale.CHINA)).isEqualTo(OrderCodes.Request.SENT);
		}
		assertThat(codes.request(mobile(), client, Locale.CHINA)).isEqualTo(OrderCodes.Request.CLIENT_LIMIT);
		assertThat(jdbc.sql("select count(*) from notification_outbox").query(Long.class).single()).isEqualTo(sent + 20);
	}
}

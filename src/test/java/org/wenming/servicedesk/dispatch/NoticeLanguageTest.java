package org.wenming.servicedesk.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.region.PracticeSites;
import org.wenming.region.Regions;
import org.wenming.servicedesk.order.OrderChannel;
import org.wenming.servicedesk.order.OrderDraft;
import org.wenming.servicedesk.order.Orders;
import org.wenming.servicedesk.order.PlacedOrder;
import org.wenming.shared.ScopedUser;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

/**
 * Notices in the resident's language: the language of the ordering request is kept with the order
 * ({@code service_order.lang}) and every notice about it — placed, accepted, declined, passed up, escalated — is
 * written in it; the resident is told of every escalation, once per level, and not again by a second run.
 */
@WenmingTest
class NoticeLanguageTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PracticeSites sites;

	@Autowired
	Regions regions;

	@Autowired
	ContactSeal seal;

	@Autowired
	Orders orders;

	@Autowired
	Dispatch dispatch;

	@Autowired
	Escalation escalation;

	DispatchFixtures fx;

	ScopedUser county;

	@BeforeEach
	void fixtures() {
		fx = new DispatchFixtures(jdbc, sites, regions, seal);
		county = fx.staff(DispatchFixtures.COUNTY);
	}

	PlacedOrder order(Locale locale) {
		return orders.place(new OrderDraft(null, "HOME_VISIT", "陪老人聊天" + DispatchFixtures.tag(),
				DispatchFixtures.VILLAGE, null, null, null, null, null, "林伯", "13700137000", null), OrderChannel.WEB, null,
				locale);
	}

	List<String> notices(PlacedOrder order) {
		return jdbc.sql("""
				select text from notification_outbox
				where topic = 'servicedesk.order' and (parameters ->> 'order' = :n or parameters ->> 'number' = :n)
				order by id""").param("n", order.orderNumber()).query(String.class).list();
	}

	String lang(PlacedOrder order) {
		return jdbc.sql("select lang from service_order where id = :id").param("id", order.id()).query(String.class)
			.single();
	}

	@Test
	void everyNoticeIsInTheLanguageTheResidentOrderedIn() {
		PlacedOrder english = order(Locale.forLanguageTag("en-GB"));
		PlacedOrder traditional = order(Locale.forLanguageTag("zh-HK"));
		PlacedOrder simplified = order(Locale.forLanguageTag("fr-FR"));
		assertThat(List.of(lang(english), lang(traditional), lang(simplified))).containsExactly("en", "zh-TW", "zh-CN");

		dispatch.accept(english.id(), county);
		dispatch.decline(traditional.id(), "本村暫無此項服務", county);
		dispatch.passUp(simplified.id(), null, county);
		assertThat(notices(english)).hasSize(2).allSatisfy(text -> assertThat(text).contains("Civilization Practice")
			.doesNotContain("您的"));
		assertThat(notices(english).get(1)).contains("was accepted");
		assertThat(notices(traditional)).hasSize(2);
		assertThat(notices(traditional).get(1)).contains("很抱歉", "點單", "本村暫無此項服務");
		assertThat(notices(simplified).get(1)).contains("已转交上级实践阵地");
		assertThat(jdbc.sql("select parameters ->> 'lang' from notification_outbox where parameters ->> 'order' = :n")
			.param("n", english.orderNumber()).query(String.class).single()).isEqualTo("en");
	}

	@Test
	void theResidentIsToldOfEveryEscalationOncePerLevel() {
		PlacedOrder english = order(Locale.ENGLISH);
		Instant due = jdbc.sql("select accept_due from service_order where id = :id").param("id", english.id())
			.query(java.time.OffsetDateTime.class).single().toInstant();
		Instant later = due.plus(1, ChronoUnit.MINUTES);
		for (int level = 1; level <= 3; level++) {
			escalation.escalateOverdue(later);
			// a second node's run at the same time tells nobody again
			escalation.escalateOverdue(later);
			assertThat(jdbc.sql("select escalation_level from service_order where id = :id").param("id", english.id())
				.query(Integer.class).single()).isEqualTo(level);
			assertThat(notices(english)).as("after level %d", level).hasSize(1 + level);
			later = jdbc.sql("select accept_due from service_order where id = :id").param("id", english.id())
				.query(java.time.OffsetDateTime.class).single().toInstant().plus(1, ChronoUnit.MINUTES);
		}
		escalation.escalateOverdue(later.plus(30, ChronoUnit.DAYS));
		List<String> told = notices(english);
		assertThat(told).hasSize(4);
		assertThat(told.subList(1, 4)).allSatisfy(text -> assertThat(text).contains("is overdue and was raised"));
	}
}

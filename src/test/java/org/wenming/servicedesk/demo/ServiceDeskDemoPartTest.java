package org.wenming.servicedesk.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.demo.DemoCity;
import org.wenming.demo.DemoScale;
import org.wenming.servicedesk.OrderStatus;
import org.wenming.servicedesk.SealedColumns;
import org.wenming.shared.CityTime;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

/**
 * The service desk's part of the tiny demo city, generated in a transaction that is rolled back: 40
 * orders of the last year whose events follow the steps {@link OrderStatus} allows, with consistent
 * clocks, sealed contacts, ratings only on rated orders (and a follow-up for each 1–2 stars), menus of
 * the sites, and a resident of a village of 鼎湖区 among them.
 */
@WenmingTest
class ServiceDeskDemoPartTest {

	@Autowired
	DemoCity city;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	ContactSeal seal;

	@Test
	void aTinyYearOfOrdersFollowsTheOrdersLife() {
		TransactionTemplate tx = new TransactionTemplate(transactions);
		tx.executeWithoutResult(status -> {
			status.setRollbackOnly();
			long before = jdbc.sql("select count(*) from service_order").query(Long.class).single();
			city.generate(DemoScale.TINY, 7, LocalDate.now(CityTime.ZONE), true, line -> {
			});
			List<Map<String, Object>> orders = jdbc.sql("""
					select id, status, region_code, received_at, accepted_at, dispatched_at, served_at, closed_at,
					    contact_cipher, contact_masked, contact_key_id, team_id
					from service_order where order_number like 'SD-____-D%' order by id""").query().listOfRows();
			assertThat(orders).hasSize(40);
			assertThat(jdbc.sql("select count(*) from service_order").query(Long.class).single()).isEqualTo(before + 40);
			for (Map<String, Object> o : orders) {
				long id = ((Number) o.get("id")).longValue();
				OrderStatus current = OrderStatus.valueOf((String) o.get("status"));
				// the events: received first, every step one the order's life allows, ending at its status
				List<Map<String, Object>> events = jdbc.sql("""
						select kind, from_status, to_status, at from service_order_event where order_id = :id order by at, id""")
					.param("id", id).query().listOfRows();
				assertThat(events.get(0).get("kind")).isEqualTo("RECEIVED");
				OrderStatus at = OrderStatus.RECEIVED;
				for (Map<String, Object> e : events.subList(1, events.size())) {
					OrderStatus to = OrderStatus.valueOf((String) e.get("to_status"));
					assertThat(at.mayMoveTo(to)).as("order %d: %s → %s", id, at, to).isTrue();
					assertThat(e.get("from_status")).isEqualTo(at.name());
					at = to;
				}
				assertThat(at).as("order %d ends at its status", id).isEqualTo(current);
				// the clocks in order
				java.sql.Timestamp received = (java.sql.Timestamp) o.get("received_at");
				for (String column : List.of("accepted_at", "dispatched_at", "served_at", "closed_at")) {
					java.sql.Timestamp t = (java.sql.Timestamp) o.get(column);
					if (t != null) {
						assertThat(t).as("%s of order %d", column, id).isAfterOrEqualTo(received);
						received = t;
					}
				}
				assertThat(o.get("team_id") != null).isEqualTo(o.get("dispatched_at") != null);
				// the contact sealed for its column, masked
				String mobile = seal.open(SealedColumns.CONTACT, new ContactSeal.SealedContact((byte[]) o.get("contact_cipher"),
						(String) o.get("contact_masked"), (String) o.get("contact_key_id")));
				assertThat(mobile).matches("1\\d{10}");
				assertThat((String) o.get("contact_masked")).contains("****").doesNotContain(mobile);
			}
			// ratings exactly on the rated orders; a follow-up for each of 1–2 stars
			assertThat(jdbc.sql("""
					select count(*) from service_order o full join service_rating r on r.order_id = o.id
					where o.order_number like 'SD-____-D%' and ((o.status = 'RATED') <> (r.order_id is not null))""")
				.query(Long.class).single()).isZero();
			assertThat(jdbc.sql("""
					select count(*) from service_rating r join service_order o on o.id = r.order_id
					left join service_followup f on f.order_id = r.order_id
					where o.order_number like 'SD-____-D%' and ((r.stars <= 2) <> (f.order_id is not null))""")
				.query(Long.class).single()).isZero();
			assertThat(orders.stream().filter(o -> ((String) o.get("region_code")).startsWith("441203")).count())
				.as("a resident of a village of 鼎湖区").isPositive();
			assertThat(orders.stream().map(o -> o.get("status")).distinct().count()).isGreaterThan(3);
			assertThat(jdbc.sql("select count(*) from service_menu_item where created_by = 'demo'").query(Long.class)
				.single()).isPositive();
		});
	}
}

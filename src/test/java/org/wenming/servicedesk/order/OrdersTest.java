package org.wenming.servicedesk.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.wenming.platform.SecretTokens;
import org.wenming.region.Regions;
import org.wenming.servicedesk.dispatch.Dispatch;
import org.wenming.servicedesk.menu.MenuItem;
import org.wenming.servicedesk.menu.MenuItemDraft;
import org.wenming.servicedesk.menu.MenuItems;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;
import org.wenming.volunteer.ContactSeal.SealedContact;

/**
 * Placing orders on the real database: a wish lands at the village's station, an item at its site, as
 * RECEIVED with its accept clock, an event and a notice in the outbox; the mobile and the address are
 * sealed (no plain text in the row) and open again only with their own column; only the follow token's
 * hash is kept; numbers count up per year; bad input is refused naming every field with nothing stored;
 * staff order on a resident's behalf only inside their scope.
 */
@WenmingTest
class OrdersTest {

	static final String VILLAGE = "441202001002";

	@Autowired
	Orders orders;

	@Autowired
	MenuItems menus;

	@Autowired
	ContactSeal seal;

	@Autowired
	Dispatch dispatch;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	TestUsers users;

	String tag;

	@BeforeEach
	void setUp() {
		users = new TestUsers(regions);
		tag = UUID.randomUUID().toString().substring(0, 8);
	}

	long station(String village) {
		return jdbc.sql("select id from practice_site where region_code = :code and kind = 'STATION'")
				.param("code", village).query(Long.class).single();
	}

	long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	OrderDraft wish(String what) {
		return new OrderDraft(null, "WISH", what, VILLAGE, "端州区杏花路8号3栋", null, null, null, null, "陈阿姨",
				"138-0013 8000", null);
	}

	@Test
	void anOrderPlacedHereIsAcceptedAndItsContactRevealedByTheDispatchDesk() {
		PlacedOrder placed = orders.place(wish("请人上门量血压" + tag), OrderChannel.WEB, null, Locale.CHINA);
		ScopedUser county = users.staffPrincipal("441202", Roles.OFFICE_STAFF);
		dispatch.accept(placed.id(), county);
		Dispatch.Revealed revealed = dispatch.reveal(placed.id(), "上门前电话确认时间", county);
		// the two parts seal and open with the same column names
		assertThat(revealed.mobile()).isEqualTo("13800138000");
		assertThat(revealed.address()).isEqualTo("端州区杏花路8号3栋");
		assertThat(jdbc.sql("select status from service_order where id = :id").param("id", placed.id())
				.query(String.class).single()).isEqualTo("ACCEPTED");
	}

	@Test
	void anAnonymousWishLandsAtTheVillagesStationSealedAndNotified() {
		long outbox = count("notification_outbox");
		PlacedOrder placed = orders.place(wish("想请人帮忙修理漏水的水龙头" + tag), OrderChannel.WEB, null, Locale.CHINA);
		assertThat(placed.orderNumber()).matches("SD-\\d{4}-\\d{6}");
		assertThat(placed.siteId()).isEqualTo(station(VILLAGE));
		assertThat(placed.followToken()).hasSizeGreaterThan(20);

		Map<String, Object> row = jdbc.sql("select * from service_order where id = :id").param("id", placed.id())
				.query().singleRow();
		assertThat(row).containsEntry("status", "RECEIVED").containsEntry("category", "WISH")
				.containsEntry("region_code", VILLAGE).containsEntry("channel", "WEB")
				.containsEntry("contact_masked", "138****8000").containsEntry("contact_name", "陈阿姨");
		assertThat(row.get("account_user_id")).isNull();
		assertThat(row.get("ordered_by")).isNull();
		assertThat((java.sql.Timestamp) row.get("accept_due")).isAfter((java.sql.Timestamp) row.get("received_at"));
		// sealed: neither the number nor the address is in the row as text, and each opens only with its column
		byte[] contact = (byte[]) row.get("contact_cipher");
		byte[] address = (byte[]) row.get("address_cipher");
		assertThat(new String(contact, StandardCharsets.ISO_8859_1)).doesNotContain("13800138000");
		assertThat(new String(address, StandardCharsets.UTF_8)).doesNotContain("杏花路");
		assertThat(seal.open(Orders.CONTACT_COLUMN, new SealedContact(contact, "", (String) row.get("contact_key_id"))))
				.isEqualTo("13800138000");
		assertThat(seal.open(Orders.ADDRESS_COLUMN, new SealedContact(address, "", (String) row.get("address_key_id"))))
				.isEqualTo("端州区杏花路8号3栋");
		assertThatThrownBy(() -> seal.open(Orders.ADDRESS_COLUMN,
				new SealedContact(contact, "", (String) row.get("contact_key_id")))).isInstanceOf(RuntimeException.class);
		// only the token's hash
		assertThat((byte[]) row.get("follow_token_hash")).isEqualTo(SecretTokens.sha256(placed.followToken()));
		assertThat(jdbc.sql("select count(*) from service_order where follow_token_hash = :h")
				.param("h", placed.followToken().getBytes(StandardCharsets.UTF_8)).query(Long.class).single()).isZero();
		// the event and the notice
		assertThat(jdbc.sql("select kind || ':' || to_status || ':' || actor from service_order_event where order_id = :id")
				.param("id", placed.id()).query(String.class).list()).containsExactly("RECEIVED:RECEIVED:anonymous");
		assertThat(count("notification_outbox")).isEqualTo(outbox + 1);
		assertThat(jdbc.sql("select text from notification_outbox order by id desc limit 1").query(String.class).single())
				.contains(placed.orderNumber());
		// the next order has the next number
		PlacedOrder second = orders.place(wish("再来一单" + tag), OrderChannel.WEB, null, Locale.CHINA);
		assertThat(Integer.parseInt(second.orderNumber().substring(8)))
				.isGreaterThan(Integer.parseInt(placed.orderNumber().substring(8)));
	}

	@Test
	void anItemsOrderLandsAtItsSiteAndCarriesItsCategory() {
		long centre = jdbc.sql("select id from practice_site where region_code = '441202' and kind = 'CENTRE'")
				.query(Long.class).single();
		ScopedUser county = users.staffPrincipal("441202", Roles.OFFICE_STAFF);
		MenuItem item = menus.create(centre, new MenuItemDraft("法律咨询" + tag, "LEGAL_ADVICE", "", null, null, null,
				false), county);
		ScopedUser resident = users.principal(424242, VILLAGE, Roles.CITIZEN);
		PlacedOrder placed = orders.place(new OrderDraft(item.id(), null, null, VILLAGE, null, null, null,
				LocalDate.now().plusDays(2), LocalDate.now().plusDays(5), "李先生", "13900139000", "下午方便"),
				OrderChannel.WEB, resident, Locale.ENGLISH);
		Map<String, Object> row = jdbc.sql("select * from service_order where id = :id").param("id", placed.id())
				.query().singleRow();
		assertThat(row).containsEntry("site_id", centre).containsEntry("category", "LEGAL_ADVICE")
				.containsEntry("what", "法律咨询" + tag).containsEntry("account_user_id", 424242L)
				.containsEntry("menu_item_id", item.id());
		assertThat(row.get("address_cipher")).isNull();
		// a station's item does not reach another county's village
		long station = station(VILLAGE);
		MenuItem local = menus.create(station, new MenuItemDraft("本村" + tag, "HOME_VISIT", "", null, null, null, true),
				county);
		long before = count("service_order");
		assertThatThrownBy(() -> orders.place(new OrderDraft(local.id(), null, null, "441202001003", null, null, null,
				null, null, "李先生", "13900139000", null), OrderChannel.WEB, null, Locale.CHINA))
				.isInstanceOfSatisfying(OrderRefusedException.class, ex -> assertThat(ex.problems())
						.containsExactly(new OrderProblem("regionCode", "servicedesk.order.error.itemNotHere")));
		assertThat(count("service_order")).isEqualTo(before);
	}

	@Test
	void staffOrderOnBehalfOnlyInsideTheirScope() {
		ScopedUser station = users.staffPrincipal(VILLAGE, Roles.SITE_ADMIN);
		PlacedOrder placed = orders.place(wish("电话点单" + tag), OrderChannel.PHONE, station, Locale.CHINA);
		assertThat(jdbc.sql("select ordered_by from service_order where id = :id").param("id", placed.id())
				.query(String.class).single()).isEqualTo(station.username());
		long before = count("service_order");
		ScopedUser dinghu = users.staffPrincipal("441203", Roles.OFFICE_STAFF);
		assertThatThrownBy(() -> orders.place(wish("越权" + tag), OrderChannel.WALK_IN, dinghu, Locale.CHINA))
				.isInstanceOf(AccessDeniedException.class);
		assertThatThrownBy(() -> orders.place(wish("匿名代点" + tag), OrderChannel.PHONE, null, Locale.CHINA))
				.isInstanceOf(AccessDeniedException.class);
		assertThat(count("service_order")).isEqualTo(before);
	}

	@Test
	void badInputIsRefusedNamingEveryFieldWithNothingStored() {
		long orders0 = count("service_order");
		long events0 = count("service_order_event");
		long outbox0 = count("notification_outbox");
		OrderDraft bad = new OrderDraft(999_999_999L, null, "x".repeat(1001), "441202001", "地".repeat(201), null, null,
				LocalDate.now().minusDays(1), LocalDate.now().minusDays(2), " ", "12345", "n".repeat(1001));
		assertThatThrownBy(() -> orders.place(bad, OrderChannel.WEB, null, Locale.CHINA))
				.isInstanceOfSatisfying(OrderRefusedException.class, ex -> assertThat(ex.problems())
						.extracting(OrderProblem::field).containsExactly("menuItemId", "what", "regionCode", "address",
								"preferredFrom", "preferredTo", "contactName", "contactMobile", "notes"));
		assertThatThrownBy(() -> orders.place(new OrderDraft(null, "NOPE", null, VILLAGE, null, null, null, null, null,
				"陈", "13800138000", null), OrderChannel.WEB, null, Locale.CHINA))
				.isInstanceOfSatisfying(OrderRefusedException.class, ex -> assertThat(ex.problems())
						.extracting(OrderProblem::field).containsExactly("category", "what"));
		assertThat(count("service_order")).isEqualTo(orders0);
		assertThat(count("service_order_event")).isEqualTo(events0);
		assertThat(count("notification_outbox")).isEqualTo(outbox0);
	}
}

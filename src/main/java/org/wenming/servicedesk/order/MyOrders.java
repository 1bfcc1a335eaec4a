package org.wenming.servicedesk.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * 我的点单: a signed-in resident's own orders (those placed while signed in, {@code account_user_id}), each
 * with the same steps and reasons the private link shows — read from the order for its owner, so no token is
 * needed (none is stored). Orders staff took on someone's behalf are not the staff's own.
 */
@Service
public class MyOrders {

	/** How many of the latest orders the list shows. */
	public static final int LIST_MAX = 100;

	private final JdbcClient jdbc;

	MyOrders(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The person's latest orders, newest first, without their steps. */
	public List<OrderFollow> list(long userId) {
		return jdbc.sql(SELECT + " where o.account_user_id = :user order by o.received_at desc, o.id desc limit :max")
				.param("user", userId).param("max", LIST_MAX).query((rs, i) -> order(rs, List.of())).list();
	}

	/**
	 * One of the person's orders by its number, with its public steps.
	 *
	 * @return empty when there is no such order or it is not theirs (the caller answers 404)
	 */
	public Optional<OrderFollow> find(long userId, String number) {
		if (number == null || !number.matches("SD-\\d{4}-\\d{6,9}")) {
			return Optional.empty();
		}
		return jdbc.sql(SELECT + " where o.order_number = :number and o.account_user_id = :user")
				.param("number", number).param("user", userId)
				.query((rs, i) -> order(rs, steps(rs.getLong("id")))).optional();
	}

	private static final String SELECT = """
			select o.id, o.order_number, o.status, o.category, o.what, s.name as site_name, t.name as team_name,
			       o.contact_masked, o.received_at
			from service_order o
			left join published_practice_site s on s.id = o.site_id
			left join published_team t on t.id = o.team_id""";

	private List<OrderFollow.Step> steps(long id) {
		return jdbc.sql("""
				select at, kind, to_status, case when public_reason then reason end as reason
				from service_order_event where order_id = :id and kind not in ('REVEALED', 'NOTE')
				order by at, id""").param("id", id)
				.query((e, j) -> new OrderFollow.Step(e.getObject("at", OffsetDateTime.class), e.getString("kind"),
						e.getString("to_status"), e.getString("reason")))
				.list();
	}

	private static OrderFollow order(ResultSet rs, List<OrderFollow.Step> steps) throws SQLException {
		return new OrderFollow(rs.getString("order_number"), rs.getString("status"), rs.getString("category"),
				rs.getString("what"), rs.getString("site_name"), rs.getString("team_name"), rs.getString("contact_masked"),
				rs.getObject("received_at", OffsetDateTime.class), steps);
	}
}

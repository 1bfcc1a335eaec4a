package org.wenming.servicedesk.dispatch;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.servicedesk.OrderStatus;
import org.wenming.servicedesk.order.OrderPhotos;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopedUser;

/**
 * One order as staff in scope see it (the per-order page): its facts with the contact masked, its whole
 * history (every event with its actor, reason and time, the reveals included) and its photos. Staff whose
 * scope does not cover the site holding the order get an {@link OutOfScopeException} (404 and a security
 * event), as for every step.
 */
@Service
public class OrderHistory {

	private final JdbcClient jdbc;

	private final PracticeSites sites;

	private final OrderPhotos photos;

	private final Regions regions;

	OrderHistory(JdbcClient jdbc, PracticeSites sites, Regions regions, OrderPhotos photos) {
		this.regions = regions;
		this.jdbc = jdbc;
		this.sites = sites;
		this.photos = photos;
	}

	/** The order's facts; never the address or the mobile in full. */
	public record Facts(long id, String orderNumber, String category, String what, String regionName,
			OrderStatus status, String siteName, String teamName, Integer needed, int escalationLevel, String channel,
			String contactName, String contactMasked, boolean hasAddress, LocalDate preferredFrom, LocalDate preferredTo,
			String notes, String lang, OffsetDateTime receivedAt, OffsetDateTime acceptDue, OffsetDateTime serveDue) {
	}

	/** One event: who did what, from and to which status, why (and whether the resident sees the reason). */
	public record Event(OffsetDateTime at, String kind, String fromStatus, String toStatus, String actor,
			String siteName, String teamName, String reason, boolean publicReason) {
	}

	public record Detail(Facts facts, List<Event> events, List<OrderPhotos.Photo> photos) {
	}

	/**
	 * @throws OutOfScopeException when there is no such order or the site holding it is outside the caller's scope
	 */
	public Detail detail(long orderId, ScopedUser user) {
		requireInScope(orderId, user);
		Facts facts = jdbc.sql("""
				select o.id, o.order_number, o.category, o.what, o.region_code, o.status, s.name as site_name,
				    t.name as team_name, o.needed, o.escalation_level, o.channel, o.contact_name, o.contact_masked,
				    o.address_cipher is not null as has_address, o.preferred_from, o.preferred_to, o.notes, o.lang,
				    o.received_at, o.accept_due, o.serve_due
				from service_order o
				left join published_practice_site s on s.id = o.site_id
				left join published_team t on t.id = o.team_id
				where o.id = :id""").param("id", orderId)
			.query((rs, i) -> new Facts(rs.getLong("id"), rs.getString("order_number"), rs.getString("category"),
					rs.getString("what"),
					regions.find(rs.getString("region_code")).map(Region::name).orElse(rs.getString("region_code")), OrderStatus.valueOf(rs.getString("status")),
					rs.getString("site_name"), rs.getString("team_name"), (Integer) rs.getObject("needed"),
					rs.getInt("escalation_level"), rs.getString("channel"), rs.getString("contact_name"),
					rs.getString("contact_masked"), rs.getBoolean("has_address"),
					rs.getObject("preferred_from", LocalDate.class), rs.getObject("preferred_to", LocalDate.class),
					rs.getString("notes"), rs.getString("lang"), rs.getObject("received_at", OffsetDateTime.class),
					rs.getObject("accept_due", OffsetDateTime.class), rs.getObject("serve_due", OffsetDateTime.class)))
			.single();
		List<Event> events = jdbc.sql("""
				select e.at, e.kind, e.from_status, e.to_status, e.actor, s.name as site_name, t.name as team_name,
				    e.reason, e.public_reason
				from service_order_event e
				left join published_practice_site s on s.id = e.site_id
				left join published_team t on t.id = e.team_id
				where e.order_id = :id order by e.at, e.id""").param("id", orderId)
			.query((rs, i) -> new Event(rs.getObject("at", OffsetDateTime.class), rs.getString("kind"),
					rs.getString("from_status"), rs.getString("to_status"), rs.getString("actor"),
					rs.getString("site_name"), rs.getString("team_name"), rs.getString("reason"),
					rs.getBoolean("public_reason")))
			.list();
		return new Detail(facts, events, photos.list(orderId));
	}

	/**
	 * A photo of the order, for staff in scope.
	 *
	 * @return empty when the order has no such photo
	 */
	public java.util.Optional<OrderPhotos.Content> photo(long orderId, long photoId, ScopedUser user) {
		requireInScope(orderId, user);
		return photos.open(orderId, photoId);
	}

	private void requireInScope(long orderId, ScopedUser user) {
		Long siteId = jdbc.sql("select site_id from service_order where id = :id").param("id", orderId)
			.query(Long.class).optional().orElse(null);
		boolean inScope = siteId != null && Dispatch.isStaff(user)
				&& sites.find(siteId).map(site -> user.scope().covers(site.regionPath())).orElse(false);
		if (!inScope) {
			throw new OutOfScopeException("service order", String.valueOf(orderId));
		}
	}
}

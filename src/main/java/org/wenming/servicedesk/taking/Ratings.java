package org.wenming.servicedesk.taking;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.platform.RecordNotFound;
import org.wenming.platform.SecretTokens;
import org.wenming.servicedesk.OrderStatus;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopedUser;

/**
 * 评单: the resident rates the service by the private link, once (1–5 stars and a comment), only when it was
 * served; SERVED → RATED. A rating of 1 or 2 stars opens a follow-up for the staff of the site holding the
 * order, who close it with a note. Refused: a second rating (409, the {@code service_rating} key is the last
 * word), a rating before completion (409), bad input (400 naming the field); nothing is stored then.
 */
@Service
public class Ratings {

	static final int COMMENT_MAX = 500;

	static final int NOTE_MAX = 1000;

	static final String RESIDENT = "resident";

	private final JdbcClient jdbc;

	private final OrderSteps steps;

	private final Clock clock;

	Ratings(JdbcClient jdbc, OrderSteps steps, Clock clock) {
		this.jdbc = jdbc;
		this.steps = steps;
		this.clock = clock;
	}

	/** A poor rating's follow-up as the site's staff see it. */
	public record Followup(long orderId, String orderNumber, String category, String what, long siteId,
			String siteName, int stars, String comment, OffsetDateTime ratedAt, OffsetDateTime createdAt) {
	}

	/**
	 * Rates the order behind the link.
	 *
	 * @throws RecordNotFound when the token is no order's (404)
	 */
	@Transactional
	public void rate(String token, Integer stars, String comment) {
		if (stars == null) {
			throw ServiceRefusedException.invalid("stars", "servicedesk.service.error.required");
		}
		if (stars < 1 || stars > 5) {
			throw ServiceRefusedException.invalid("stars", "servicedesk.service.error.stars");
		}
		String text = comment == null || comment.isBlank() ? null : comment.strip();
		if (text != null && text.length() > COMMENT_MAX) {
			throw ServiceRefusedException.invalid("comment", "servicedesk.service.error.commentLong");
		}
		if (token == null || !token.matches("[A-Za-z0-9_-]{16,64}")) {
			throw new RecordNotFound();
		}
		OrderSteps.Order order = steps.lockByToken(SecretTokens.sha256(token)).orElseThrow(RecordNotFound::new);
		if (order.status() == OrderStatus.RATED) {
			throw ServiceRefusedException.conflict("servicedesk.service.error.alreadyRated");
		}
		if (order.status() == OrderStatus.UNRATED) {
			throw ServiceRefusedException.conflict("servicedesk.service.error.ratingClosed");
		}
		if (order.status() != OrderStatus.SERVED) {
			throw ServiceRefusedException.conflict("servicedesk.service.error.notServed");
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		try {
			jdbc.sql("insert into service_rating (order_id, stars, comment, rated_at) values (:id, :stars, :comment, :at)")
				.param("id", order.id()).param("stars", stars).param("comment", text, java.sql.Types.VARCHAR)
				.param("at", OrderSteps.at(now)).update();
		}
		catch (DuplicateKeyException ex) {
			throw ServiceRefusedException.conflict("servicedesk.service.error.alreadyRated");
		}
		jdbc.sql("update service_order set status = 'RATED', closed_at = :now, version = version + 1 where id = :id")
			.param("id", order.id()).param("now", OrderSteps.at(now)).update();
		steps.event(order, "RATED", OrderStatus.RATED, RESIDENT, null, false, now);
		if (stars <= 2) {
			jdbc.sql("insert into service_followup (order_id, site_id, created_at) values (:id, :site, :at)")
				.param("id", order.id()).param("site", order.siteId()).param("at", OrderSteps.at(now)).update();
		}
	}

	/** The open follow-ups of the sites in the staff member's scope, oldest first. */
	public List<Followup> openFollowups(ScopedUser staff) {
		if (!OrderSteps.isStaff(staff)) {
			throw new AccessDeniedException("follow-ups need a staff role");
		}
		DataScope scope = staff.scope();
		return jdbc.sql("""
				select f.order_id, o.order_number, o.category, o.what, f.site_id, s.name as site_name, r.stars, r.comment,
				    r.rated_at, f.created_at
				from service_followup f join service_order o on o.id = f.order_id
				join service_rating r on r.order_id = f.order_id
				join published_practice_site s on s.id = f.site_id
				where f.resolved_at is null and s.region_path >= :lower and s.region_path < :upper
				order by f.created_at, f.order_id limit 200""").param("lower", scope.lower())
			.param("upper", scope.upper())
			.query((rs, i) -> new Followup(rs.getLong("order_id"), rs.getString("order_number"),
					rs.getString("category"), rs.getString("what"), rs.getLong("site_id"), rs.getString("site_name"),
					rs.getInt("stars"), rs.getString("comment"), rs.getObject("rated_at", OffsetDateTime.class),
					rs.getObject("created_at", OffsetDateTime.class)))
			.list();
	}

	/** Staff in scope close a follow-up with a note (recorded on the order as a NOTE, not shown to the resident). */
	@Transactional
	public void closeFollowup(long orderId, String note, ScopedUser staff) {
		String text = note == null ? "" : note.strip();
		if (text.isEmpty()) {
			throw ServiceRefusedException.invalid("note", "servicedesk.service.error.required");
		}
		if (text.length() > NOTE_MAX) {
			throw ServiceRefusedException.invalid("note", "servicedesk.service.error.noteLong");
		}
		OrderSteps.Order order = steps.lock(orderId);
		if (!steps.staffInScope(order, staff)) {
			throw new OutOfScopeException("service order", String.valueOf(orderId));
		}
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		int closed = jdbc.sql("""
				update service_followup set resolved_by = :by, resolved_at = :now, note = :note
				where order_id = :id and resolved_at is null""").param("by", staff.username())
			.param("now", OrderSteps.at(now)).param("note", text).param("id", orderId).update();
		if (closed == 0) {
			throw ServiceRefusedException.conflict("servicedesk.service.error.noFollowup");
		}
		steps.event(order, "NOTE", order.status(), staff.username(), text, false, now);
	}
}

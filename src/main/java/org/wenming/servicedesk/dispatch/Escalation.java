package org.wenming.servicedesk.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.casework.calendar.WorkingTime;
import org.wenming.region.PracticeSite;
import org.wenming.region.PracticeSites;
import org.wenming.servicedesk.OrderStatus;

/**
 * 督办: orders whose stage clock ran out go one level up, as casework's escalation does — a station's
 * order to its town's institute, then the county's centre, then the city (level 3: the city's office
 * staff see it; no site above a centre). Each escalation is an {@code ESCALATED} event, raises
 * {@code escalation_level}, moves the holding site up (so the order sits in the queue of the level
 * above, marked overdue), and gives that level {@code escalate-after-days} working days before the next.
 * The job runs on one node per period (ShedLock); each order in its own transaction under its row lock.
 */
@Component
@EnableConfigurationProperties(DispatchProperties.class)
public class Escalation {

	private static final Logger log = LoggerFactory.getLogger(Escalation.class);

	static final String ACTOR = "system:escalation";

	private final JdbcClient jdbc;

	private final Dispatch dispatch;

	private final PracticeSites sites;

	private final WorkingTime working;

	private final TransactionTemplate transactions;

	private final DispatchProperties properties;

	private final Clock clock;

	Escalation(JdbcClient jdbc, Dispatch dispatch, PracticeSites sites, WorkingTime working,
			TransactionTemplate transactions, DispatchProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.dispatch = dispatch;
		this.sites = sites;
		this.working = working;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	// one node per period; held a minute at least so that a node whose clock is late skips the period
	@Scheduled(cron = "${wenming.servicedesk.dispatch.escalation-cron:0 */5 * * * *}", zone = "Asia/Shanghai")
	@SchedulerLock(name = "servicedesk-escalation", lockAtMostFor = "5m", lockAtLeastFor = "1m")
	void escalateOnSchedule() {
		int raised = escalateOverdue(clock.instant());
		if (raised > 0) {
			log.info("Escalated {} overdue service orders", raised);
		}
	}

	/**
	 * Raises every order overdue at {@code at} one level (below the highest).
	 *
	 * @return how many orders were raised
	 */
	public int escalateOverdue(Instant at) {
		Instant now = at.truncatedTo(ChronoUnit.MICROS);
		List<Long> overdue = jdbc.sql("""
				select id from service_order
				where escalation_level < :max and (
				    (status in ('RECEIVED', 'PASSED_UP', 'HANDED_BACK') and accept_due <= :now)
				    or (status in ('ACCEPTED', 'DISPATCHED') and serve_due <= :now))
				order by id""").param("max", properties.maxEscalationLevel()).param("now", Dispatch.at(now))
			.query(Long.class).list();
		int raised = 0;
		for (long id : overdue) {
			try {
				Boolean done = transactions.execute(tx -> escalate(id, now));
				raised += Boolean.TRUE.equals(done) ? 1 : 0;
			}
			catch (RuntimeException ex) {
				log.warn("service order {} could not be escalated now; the next run tries again: {}", id,
						ex.getClass().getSimpleName());
			}
		}
		return raised;
	}

	private boolean escalate(long id, Instant now) {
		Dispatch.Locked order = dispatch.lock(id);
		boolean accepting = order.status().atSite();
		Instant due = jdbc.sql("select " + (accepting ? "accept_due" : "serve_due") + " from service_order where id = :id")
			.param("id", id).query(java.time.OffsetDateTime.class).optional().map(java.time.OffsetDateTime::toInstant)
			.orElse(null);
		boolean serving = order.status() == OrderStatus.ACCEPTED || order.status() == OrderStatus.DISPATCHED;
		if ((!accepting && !serving) || due == null || due.isAfter(now)
				|| order.escalationLevel() >= properties.maxEscalationLevel()) {
			return false;
		}
		Optional<PracticeSite> up = sites.find(order.siteId()).flatMap(sites::above);
		long site = up.map(PracticeSite::id).orElse(order.siteId());
		Instant next = working.dueInWorkingDays(now, properties.escalateAfterDays());
		jdbc.sql("update service_order set escalation_level = escalation_level + 1, site_id = :site, "
				+ (accepting ? "accept_due" : "serve_due") + " = :next, version = version + 1 where id = :id")
			.param("id", id).param("site", site).param("next", Dispatch.at(next)).update();
		dispatch.event(order, "ESCALATED", order.status(), ACTOR, site, order.teamId(),
				"level " + (order.escalationLevel() + 1), false, now);
		dispatch.tell(order, "ESCALATED", null);
		return true;
	}
}

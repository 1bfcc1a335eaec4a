package org.wenming.servicedesk.taking;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.servicedesk.OrderStatus;

/**
 * 未评价: a served order the resident has not rated within the rating period ({@code period}, default 7 days)
 * is closed as UNRATED — counted as not rated, never as satisfied. One node per run (ShedLock); each order
 * in its own transaction under its row lock, so a rating arriving at the same moment wins or waits.
 */
@Component
@EnableConfigurationProperties(RatingProperties.class)
public class UnratedOrders {

	private static final Logger log = LoggerFactory.getLogger(UnratedOrders.class);

	static final String ACTOR = "system:rating";

	private final JdbcClient jdbc;

	private final OrderSteps steps;

	private final TransactionTemplate transactions;

	private final RatingProperties properties;

	private final Clock clock;

	UnratedOrders(JdbcClient jdbc, OrderSteps steps, TransactionTemplate transactions, RatingProperties properties,
			Clock clock) {
		this.jdbc = jdbc;
		this.steps = steps;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(cron = "${wenming.servicedesk.rating.unrated-cron:0 20 * * * *}", zone = "Asia/Shanghai")
	@SchedulerLock(name = "servicedesk-unrated", lockAtMostFor = "10m", lockAtLeastFor = "1m")
	void closeOnSchedule() {
		int closed = closeUnrated(clock.instant());
		if (closed > 0) {
			log.info("Closed {} served service orders as unrated", closed);
		}
	}

	/**
	 * Closes every order served at least the rating period before {@code at} and still not rated.
	 *
	 * @return how many were closed
	 */
	public int closeUnrated(Instant at) {
		Instant now = at.truncatedTo(ChronoUnit.MICROS);
		Instant servedBefore = now.minus(properties.period());
		List<Long> due = jdbc.sql("""
				select id from service_order where status = 'SERVED' and served_at <= :before
				order by served_at, id limit 10000""").param("before", OrderSteps.at(servedBefore))
			.query(Long.class).list();
		int closed = 0;
		for (long id : due) {
			try {
				Boolean done = transactions.execute(tx -> {
					OrderSteps.Order order = steps.lock(id);
					if (order.status() != OrderStatus.SERVED || order.servedAt() == null
							|| order.servedAt().isAfter(servedBefore)) {
						return false;
					}
					jdbc.sql("update service_order set status = 'UNRATED', closed_at = :now, version = version + 1 where id = :id")
						.param("id", id).param("now", OrderSteps.at(now)).update();
					steps.event(order, "UNRATED", OrderStatus.UNRATED, ACTOR, null, false, now);
					return true;
				});
				closed += Boolean.TRUE.equals(done) ? 1 : 0;
			}
			catch (RuntimeException ex) {
				log.warn("service order {} could not be closed as unrated now; the next run tries again: {}", id,
						ex.getClass().getSimpleName());
			}
		}
		return closed;
	}
}

package org.wenming.servicedesk.statistics;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.region.Regions;
import org.wenming.servicedesk.SealedColumns;
import org.wenming.volunteer.ContactSeal;

/**
 * Orders at any stage of their life inserted with SQL, with consistent stage timestamps and a rating for
 * the rated ones (the code that serves and rates is written beside this part): the statistics are
 * asserted on what the schema holds.
 */
final class StatisticsFixtures {

	private static final SecureRandom RANDOM = new SecureRandom();

	final JdbcClient jdbc;

	final Regions regions;

	final ContactSeal seal;

	StatisticsFixtures(JdbcClient jdbc, Regions regions, ContactSeal seal) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.seal = seal;
	}

	/** A practice site to hold the orders: the village's station if the network has one, else any. */
	long site(String village) {
		return jdbc.sql("""
				select id from practice_site order by (region_code = :village) desc, (:village like region_code || '%') desc,
				    length(region_code) desc, id limit 1""").param("village", village).query(Long.class).single();
	}

	/** The first village or community (12 digits) of a county. */
	String village(String county) {
		String path = regions.find(county).orElseThrow().path();
		return jdbc.sql("select code from region where path like :path and length(code) = 12 order by code limit 1")
			.param("path", path + "%").query(String.class).single();
	}

	/**
	 * An order received at {@code received} in {@code status}; the stages it went through get their
	 * timestamps at the given hours after the previous one (null: the stage did not happen).
	 */
	long order(String village, long site, String category, String status, Instant received, Double acceptHours,
			Double dispatchHours, Double serveHours, Integer stars) {
		ContactSeal.SealedContact contact = seal.seal(SealedColumns.CONTACT, "13900001111");
		byte[] token = new byte[32];
		RANDOM.nextBytes(token);
		Instant accepted = acceptHours == null ? null : received.plus(hours(acceptHours));
		Instant dispatched = dispatchHours == null ? null : (accepted == null ? received : accepted).plus(hours(dispatchHours));
		Instant served = serveHours == null ? null : dispatched.plus(hours(serveHours));
		Instant closed = switch (status) {
			case "RATED", "UNRATED" -> served.plus(Duration.ofDays(2));
			case "DECLINED", "CANCELLED" -> received.plus(Duration.ofHours(1));
			default -> null;
		};
		long id = jdbc.sql("""
				insert into service_order (order_number, category, what, region_code, region_path, contact_name,
				    contact_cipher, contact_masked, contact_key_id, channel, follow_token_hash, status, site_id,
				    received_at, accepted_at, dispatched_at, served_at, closed_at)
				values (:number, :category, '统计测试', :region, :path, '李大爷', :cipher, :masked, :key, 'WEB', :token,
				    :status, :site, :received, :accepted, :dispatched, :served, :closed)
				returning id""").param("number", "SD-S-" + UUID.randomUUID().toString().substring(0, 12))
			.param("category", category).param("region", village)
			.param("path", regions.find(village).orElseThrow().path()).param("cipher", contact.cipher())
			.param("masked", contact.masked()).param("key", contact.keyId()).param("token", token)
			.param("status", status).param("site", site).param("received", at(received))
			.param("accepted", at(accepted), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.param("dispatched", at(dispatched), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.param("served", at(served), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.param("closed", at(closed), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.query(Long.class).single();
		if (stars != null) {
			rate(id, stars, served.plus(Duration.ofDays(1)));
		}
		return id;
	}

	void rate(long order, int stars, Instant at) {
		jdbc.sql("insert into service_rating (order_id, stars, rated_at) values (:id, :stars, :at)").param("id", order)
			.param("stars", stars).param("at", at(at)).update();
		jdbc.sql("update service_order set status = 'RATED', closed_at = :at where id = :id").param("id", order)
			.param("at", at(at)).update();
	}

	private static Duration hours(double hours) {
		return Duration.ofSeconds(Math.round(hours * 3600));
	}

	private static java.time.OffsetDateTime at(Instant instant) {
		return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
	}
}

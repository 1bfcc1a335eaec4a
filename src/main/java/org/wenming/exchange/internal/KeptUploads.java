package org.wenming.exchange.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.exchange.ExchangeProperties;
import org.wenming.platform.ObjectStore;
import org.wenming.platform.ObjectStores;
import org.wenming.platform.RetentionJob;

/**
 * The import files the office previewed, kept in the object store's {@code exchange} area until stored. Their keys
 * and times are kept in {@code exchange_upload} so that one previewed and never stored goes after
 * {@code wenming.exchange.upload-retention}: a platform retention job (one node per run, {@code skip locked}).
 */
@Component
public class KeptUploads implements RetentionJob {

	private final JdbcClient jdbc;

	private final ObjectStore uploads;

	private final ExchangeProperties properties;

	KeptUploads(JdbcClient jdbc, ObjectStores stores, ExchangeProperties properties) {
		this.jdbc = jdbc;
		this.uploads = stores.area("exchange", null);
		this.properties = properties;
	}

	public ObjectStore store() {
		return uploads;
	}

	/** Notes a file just put under {@code key}. */
	public void kept(String key, long userId) {
		jdbc.sql("insert into exchange_upload (object_key, uploaded_by) values (:key, :user)").param("key", key)
			.param("user", userId).update();
	}

	/** The file was stored (or refused for good): it goes now. */
	public void done(String key) {
		uploads.delete(key);
		jdbc.sql("delete from exchange_upload where object_key = :key").param("key", key).update();
	}

	@Override
	public String name() {
		return "exchange-uploads";
	}

	@Override
	public String cron() {
		return properties.uploadPurgeCron();
	}

	@Override
	public Duration retention() {
		return properties.uploadRetention();
	}

	@Override
	public int deleteBatch(Instant before, int limit) {
		List<String> keys = jdbc.sql("""
				delete from exchange_upload where object_key in (
				    select object_key from exchange_upload where uploaded_at < :before
				    order by uploaded_at limit :limit for update skip locked)
				returning object_key""").param("before", java.sql.Timestamp.from(before)).param("limit", limit)
			.query(String.class).list();
		// the rows first: an object whose delete fails is an orphan in the store, never a row pointing at nothing
		keys.forEach(uploads::delete);
		return keys.size();
	}
}

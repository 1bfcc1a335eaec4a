package org.wenming.honor;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Roll entries made by SQL for the tests of the parts that read the roll (care, brands): a published
 * nomination of a person in a region, with a consent given (or not), and its roll entry.
 */
public final class HonorTestRows {

	private HonorTestRows() {
	}

	/** A published nomination of {@code name} in the region, its consent ({@code GIVEN}, or none when null), and a roll entry. */
	public static long rollEntry(JdbcClient jdbc, String name, String regionCode, Honour honour, String period,
			String consent) {
		String path = jdbc.sql("select path from region where code = :c").param("c", regionCode).query(String.class)
				.single();
		String tag = UUID.randomUUID().toString().replace("-", "");
		long nomination = jdbc.sql("""
				insert into honor_nomination (number, category, kind, nominee_name, nominee_id_masked, nominee_id_hash,
				    region_code, region_path, title, story, nominator_kind, nominator_name, nominator_mobile_cipher,
				    nominator_mobile_masked, nominator_mobile_key_id, follow_token_hash, quarter, status, submitted_at,
				    updated_at)
				values (:number, 'HELPING', 'PERSON', :name, '4412**********0000', :hash, :region, :path, '测试事迹',
				    '测试事迹全文', 'PUBLIC', '测试提名人', '\\x00'::bytea, '138****0000', 'k1', :token, '2026Q3', 'PUBLISHED',
				    now(), now()) returning id""")
				.param("number", "T-" + tag.substring(0, 20)).param("name", name)
				.param("hash", tag.getBytes(StandardCharsets.UTF_8)).param("region", regionCode).param("path", path)
				.param("token", (tag + "t").getBytes(StandardCharsets.UTF_8)).query(Long.class).single();
		if (consent != null) {
			jdbc.sql("""
					insert into honor_consent (nomination_id, status, snapshot, snapshot_sha256, channel, requested_by,
					    requested_at, decided_at, ended_at)
					values (:n, :status, '{}'::jsonb, '\\x00'::bytea, 'PAPER', 'test', now(), now(),
					    case when :status in ('WITHDRAWN', 'SUPERSEDED') then now() end)""")
					.param("n", nomination).param("status", consent).update();
		}
		return jdbc.sql("""
				insert into honor_roll_entry (nomination_id, honour, period, published_by, published_at)
				values (:n, :honour, :period, 'test', now()) returning id""").param("n", nomination)
				.param("honour", honour.name()).param("period", period).query(Long.class).single();
	}
}

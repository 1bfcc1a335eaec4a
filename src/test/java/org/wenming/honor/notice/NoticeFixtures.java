package org.wenming.honor.notice;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Nominations, consents and notice periods made by SQL (the nomination, consent and notice-period parts are
 * built at the same time as the notice): a person nominated in a region, in notice in a period, with a given
 * consent unless said otherwise.
 */
public final class NoticeFixtures {

	private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000_000L);

	private final JdbcClient jdbc;

	public NoticeFixtures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A notice period of the city from {@code startsAt} to {@code endsAt}. */
	public long notice(Instant startsAt, Instant endsAt) {
		return jdbc.sql("""
				insert into honor_notice (region_code, quarter, title, starts_at, ends_at, created_by, created_at)
				values ('4412', '2026Q4', '测试公示', :starts, :ends, 'test', now()) returning id""")
				.param("starts", OffsetDateTime.ofInstant(startsAt, ZoneOffset.UTC))
				.param("ends", OffsetDateTime.ofInstant(endsAt, ZoneOffset.UTC)).query(Long.class).single();
	}

	/** An open period: began a day ago, ends in three days. */
	public long openNotice() {
		Instant now = Instant.now();
		return notice(now.minusSeconds(86_400), now.plusSeconds(3 * 86_400));
	}

	/** A nominee in the notice, IN_NOTICE, with a given consent. */
	public long nominee(long noticeId, String regionCode, String name, String title, String story) {
		long n = NEXT.incrementAndGet();
		byte[] idHash = new byte[32];
		byte[] token = new byte[32];
		ThreadLocalRandom.current().nextBytes(idHash);
		ThreadLocalRandom.current().nextBytes(token);
		long id = jdbc.sql("""
				insert into honor_nomination (number, category, kind, nominee_name, nominee_id_hash, region_code,
				    region_path, title, story, nominator_kind, nominator_name, nominator_mobile_cipher,
				    nominator_mobile_masked, nominator_mobile_key_id, follow_token_hash, quarter, status, submitted_at,
				    updated_at)
				select :number, 'HELPING', 'PERSON', :name, :idHash, code, path, :title, :story, 'PUBLIC', '测试提名人',
				    '\\x00'::bytea, '138****0000', 'k1', :token, '2026Q4', 'IN_NOTICE', now(), now()
				from region where code = :region returning id""").param("number", "HT-" + n).param("name", name)
				.param("idHash", idHash).param("title", title).param("story", story).param("token", token)
				.param("region", regionCode).query(Long.class).single();
		jdbc.sql("""
				insert into honor_consent (nomination_id, status, snapshot, snapshot_sha256, channel, given_by,
				    requested_by, requested_at, decided_at)
				values (:id, 'GIVEN', '{}'::jsonb, '\\x00'::bytea, 'PAPER', 'NOMINEE', 'test', now(), now())""")
				.param("id", id).update();
		jdbc.sql("insert into honor_notice_entry (notice_id, nomination_id, position) values (:notice, :id, :pos)")
				.param("notice", noticeId).param("id", id).param("pos", (int) (n % 1000)).update();
		return id;
	}

	/** A nominee of 端州区 in a new open period. */
	public long openNominee(String name) {
		return nominee(openNotice(), "441202", name, name + "的事迹", "第一段。\n第二段。");
	}

	/** The nominee withdraws consent: one update, as the consent part does it. */
	public void withdrawConsent(long nominationId) {
		jdbc.sql("""
				update honor_consent set status = 'WITHDRAWN', ended_at = now(), ended_by = 'nominee'
				where nomination_id = :id and status = 'GIVEN'""").param("id", nominationId).update();
	}

	public long count(String sql, long nominationId) {
		return jdbc.sql(sql).param("id", nominationId).query(Long.class).single();
	}
}

package org.wenming.honor.notice;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.wenming.shared.ScopedUser;

/**
 * What staff see of likes (never an address): per nominee in their scope the counted likes and the suspects by
 * reason, and the clients (the first hex digits of the address block's keyed hash) with the most likes, so a
 * pattern — one block liking one nominee all day — shows.
 */
@Service
public class LikeSuspects {

	/** A nominee's likes: counted, and kept as suspects by reason. */
	public record NomineeLikes(long nominationId, String name, String title, long counted, long addressCap,
			long noProof, long badProof, long replayed, long noSession, long headless) {

		public long suspects() {
			return addressCap + noProof + badProof + replayed + noSession + headless;
		}
	}

	/** One client (hash prefix) over the nominees in scope. */
	public record ClientLikes(String clientPrefix, long counted, long suspects, long nominees) {
	}

	private final JdbcClient jdbc;

	LikeSuspects(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public List<NomineeLikes> byNominee(ScopedUser user) {
		String scope = NoticeStaff.scope(user);
		return jdbc.sql("""
				select n.id, n.nominee_name, n.title,
				       count(*) filter (where l.counted) as counted,
				       count(*) filter (where l.suspect = 'ADDRESS_CAP') as address_cap,
				       count(*) filter (where l.suspect = 'NO_PROOF') as no_proof,
				       count(*) filter (where l.suspect = 'BAD_PROOF') as bad_proof,
				       count(*) filter (where l.suspect = 'REPLAYED') as replayed,
				       count(*) filter (where l.suspect = 'NO_SESSION') as no_session,
				       count(*) filter (where l.suspect = 'HEADLESS') as headless
				from honor_like l join honor_nomination n on n.id = l.nomination_id
				where n.region_path like :scope || '%'
				group by n.id, n.nominee_name, n.title
				order by count(*) filter (where not l.counted) desc, n.id limit 200""").param("scope", scope)
				.query((rs, i) -> new NomineeLikes(rs.getLong("id"), rs.getString("nominee_name"), rs.getString("title"),
						rs.getLong("counted"), rs.getLong("address_cap"), rs.getLong("no_proof"), rs.getLong("bad_proof"),
						rs.getLong("replayed"), rs.getLong("no_session"), rs.getLong("headless")))
				.list();
	}

	/** The 20 clients with the most suspect likes (then the most likes) on nominees in scope. */
	public List<ClientLikes> byClient(ScopedUser user) {
		String scope = NoticeStaff.scope(user);
		return jdbc.sql("""
				select substr(encode(l.client_hash, 'hex'), 1, 8) as prefix, count(*) filter (where l.counted) as counted,
				       count(*) filter (where not l.counted) as suspects, count(distinct l.nomination_id) as nominees
				from honor_like l join honor_nomination n on n.id = l.nomination_id
				where n.region_path like :scope || '%'
				group by 1 order by 3 desc, 2 desc, 1 limit 20""").param("scope", scope)
				.query((rs, i) -> new ClientLikes(rs.getString("prefix"), rs.getLong("counted"), rs.getLong("suspects"),
						rs.getLong("nominees")))
				.list();
	}
}

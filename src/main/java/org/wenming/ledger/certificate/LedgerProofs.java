package org.wenming.ledger.certificate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.wenming.ledger.transparency.InclusionProof;
import org.wenming.ledger.transparency.LedgerTree;
import org.wenming.ledger.transparency.SignedHead;
import org.wenming.ledger.transparency.TreeHeads;
import org.wenming.shared.CityTime;

/**
 * The ledger proof of a certificate (issue 20): at issue, the signed tree head of each city whose tree holds the
 * certificate's records is named and recorded ({@code service_certificate_head}); on verification, the bundle — for
 * each city the named head, the latest head, the consistency proof between them and every record's inclusion
 * proof against the latest — so that anyone can check the records are in the signed, append-only ledger without
 * trusting the server. The certificate's records are those its figures are computed from: the volunteer's records
 * up to {@code ledger_seq} whose service (or, for a correction, the corrected service) started in the period.
 */
@Service
public class LedgerProofs {

	/** Records per page of the bundle: each carries its encoding and path (~1.3 KB of JSON). */
	public static final int PAGE_SIZE = 250;

	private static final String RECORDS = """
			select r.seq, split_part(r.region_path, '.', 2) as city
			from service_record r left join service_record o on o.seq = r.corrects_seq
			where r.volunteer_id = :volunteer and r.seq <= :seq
			  and coalesce(o.started_at, r.started_at) >= :from and coalesce(o.started_at, r.started_at) < :until
			order by 2, 1""";

	private final JdbcClient jdbc;

	private final LedgerTree tree;

	private final TreeHeads heads;

	LedgerProofs(JdbcClient jdbc, LedgerTree tree, TreeHeads heads) {
		this.jdbc = jdbc;
		this.tree = tree;
		this.heads = heads;
	}

	/** A certificate's head: the city's tree of {@code treeSize} leaves as signed at {@code signedAt}. */
	public record NamedHead(String cityCode, long treeSize, Instant signedAt) {
	}

	/** One record with its inclusion proof against the group's latest head. */
	public record RecordProof(long seq, long leafIndex, byte[] leafData, List<byte[]> path) {
	}

	/**
	 * One city: the head the certificate names, the latest head ({@code null} when it is the same), the
	 * consistency proof from the first to the second (empty when the same), and the records of this page.
	 */
	public record Group(SignedHead head, SignedHead latest, List<byte[]> consistency, List<RecordProof> records) {
	}

	/** The bundle's page: groups (the city with most records first), page 1.., how many pages and records. */
	public record Bundle(List<Group> groups, int page, int pages, int recordCount) {
	}

	private record CityRecords(String city, List<Long> seqs) {

		long last() {
			return seqs.get(seqs.size() - 1);
		}
	}

	/**
	 * Integrates the ledger into the trees and names, per city, the newest signed head covering the certificate's
	 * records (signing one now when none does). Called in the issuing transaction.
	 */
	void nameHeads(long certificateId, long volunteerId, CertificatePeriod period, long ledgerSeq) {
		List<CityRecords> cities = records(volunteerId, period, ledgerSeq);
		if (cities.isEmpty()) {
			return;
		}
		tree.integrate();
		for (CityRecords city : cities) {
			SignedHead head = heads.covering(city.city(), leafIndex(city.last(), city.city()));
			jdbc.sql("""
					insert into service_certificate_head (certificate_id, city_code, tree_size, signed_at)
					values (:id, :city, :size, :time)""")
				.param("id", certificateId).param("city", head.cityCode()).param("size", head.size())
				.param("time", OffsetDateTime.ofInstant(head.time(), ZoneOffset.UTC)).update();
		}
	}

	/** The heads a certificate names (none for certificates issued before heads existed). */
	public List<NamedHead> named(long certificateId) {
		return jdbc.sql("""
				select city_code, tree_size, signed_at from service_certificate_head where certificate_id = :id
				order by city_code""")
			.param("id", certificateId)
			.query((rs, i) -> new NamedHead(rs.getString(1), rs.getLong(2),
					rs.getObject(3, OffsetDateTime.class).toInstant()))
			.list();
	}

	/** The signed heads a certificate names, as stored (for the PDF). */
	public List<SignedHead> namedHeads(long certificateId) {
		return named(certificateId).stream()
			.map(n -> heads.head(n.cityCode(), n.treeSize(), n.signedAt()))
			.flatMap(Optional::stream)
			.toList();
	}

	/**
	 * The proof bundle's page ({@code page} from 1) for an issued certificate: heads and consistency proofs for
	 * every city, the records of this page with their inclusion proofs.
	 */
	public Bundle bundle(IssuedCertificate certificate, int page) {
		List<CityRecords> cities = records(certificate.volunteerId(),
				new CertificatePeriod(certificate.periodFrom(), certificate.periodTo()),
				certificate.figures().ledgerSeq());
		Map<String, NamedHead> named = new LinkedHashMap<>();
		named(certificate.id()).forEach(n -> named.put(n.cityCode(), n));
		// the city with most records first: the bundle's top-level fields are that city's
		List<CityRecords> ordered = new ArrayList<>(cities);
		ordered.sort((a, b) -> Integer.compare(b.seqs().size(), a.seqs().size()));
		int total = ordered.stream().mapToInt(c -> c.seqs().size()).sum();
		int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
		int first = (page - 1) * PAGE_SIZE;
		int at = 0;
		List<Group> groups = new ArrayList<>();
		for (CityRecords city : ordered) {
			int from = Math.max(0, first - at);
			int to = Math.min(city.seqs().size(), first + PAGE_SIZE - at);
			at += city.seqs().size();
			groups.add(group(city, named.get(city.city()), from < to ? city.seqs().subList(from, to) : List.of()));
		}
		return new Bundle(groups, page, pages, total);
	}

	private Group group(CityRecords city, NamedHead name, List<Long> seqs) {
		SignedHead head = name == null ? null
				: heads.head(name.cityCode(), name.treeSize(), name.signedAt()).orElse(null);
		SignedHead latest = heads.latest(city.city()).orElse(null);
		if (latest == null || tree.inclusion(city.last(), latest.size()).isEmpty()) {
			// a certificate from before heads, records newer than the last head: a head that covers them
			if (tree.inclusion(city.last(), tree.current(city.city()).size()).isEmpty()) {
				tree.integrate();
			}
			latest = heads.covering(city.city(), leafIndex(city.last(), city.city()));
		}
		if (head == null) {
			head = latest;
		}
		boolean same = head.equals(latest);
		List<byte[]> consistency = same ? List.of() : tree.consistency(city.city(), head.size(), latest.size());
		List<RecordProof> records = new ArrayList<>(seqs.size());
		for (long seq : seqs) {
			InclusionProof proof = tree.inclusion(seq, latest.size())
				.orElseThrow(() -> new IllegalStateException("record " + seq + " is not in its city's latest head"));
			records.add(new RecordProof(seq, proof.leafIndex(), proof.leafData(), proof.path()));
		}
		return new Group(head, same ? null : latest, consistency, records);
	}

	/**
	 * Checks a bundle as the browser does, on the server's side (tests, and anyone holding a bundle in Java): every
	 * head's signature with the installation's key, the consistency of each named head with the latest, each
	 * record's encoding (its seq and city) and inclusion path against the latest root. The names of what failed
	 * ({@code signature, consistency, record, path, root}); empty when the whole bundle proves.
	 */
	public List<String> check(Bundle bundle) {
		java.util.Set<String> failures = new java.util.LinkedHashSet<>();
		for (Group group : bundle.groups()) {
			SignedHead head = group.head();
			SignedHead latest = group.latest() == null ? head : group.latest();
			org.wenming.ledger.transparency.TreeHash h = head.suite().hash();
			if (!heads.verify(head) || !heads.verify(latest)) {
				failures.add("signature");
			}
			if (!latest.cityCode().equals(head.cityCode()) || latest.time().isBefore(head.time())
					|| !org.wenming.ledger.transparency.Merkle.verifyConsistency(h, head.size(), latest.size(), head.root(),
							latest.root(), group.consistency())) {
				failures.add("consistency");
			}
			for (RecordProof record : group.records()) {
				if (!encodes(record, head.cityCode()) || record.leafIndex() >= head.size()) {
					failures.add("record");
				}
				byte[] leaf = org.wenming.ledger.transparency.Merkle.leafHash(h, record.leafData());
				if (!org.wenming.ledger.transparency.Merkle.verifyInclusion(h, record.leafIndex(), latest.size(), leaf,
						record.path(), latest.root())) {
					failures.add(record.path().size() != expectedPathLength(record.leafIndex(), latest.size()) ? "path" : "root");
				}
			}
		}
		return List.copyOf(failures);
	}

	/** Whether the encoding is version 1 of this record's seq in this city. */
	private static boolean encodes(RecordProof record, String city) {
		java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(record.leafData());
		byte[] magic = "wenming-ledger-v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		try {
			byte[] start = new byte[magic.length];
			in.get(start);
			if (!java.util.Arrays.equals(start, magic)) {
				return false;
			}
			String seq = null;
			String region = null;
			for (int field = 0; field < 20; field++) {
				int length = in.getInt();
				if (length == -1) {
					continue;
				}
				byte[] value = new byte[length];
				in.get(value);
				if (field == 0) {
					seq = new String(value, java.nio.charset.StandardCharsets.UTF_8);
				}
				else if (field == 13) {
					region = new String(value, java.nio.charset.StandardCharsets.UTF_8);
				}
			}
			String[] segments = region == null ? new String[0] : region.split("\\.");
			return in.remaining() == 32 && String.valueOf(record.seq()).equals(seq) && segments.length > 1
					&& segments[1].equals(city);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** RFC 9162: the length of a leaf's audit path in a tree of {@code size}. */
	static int expectedPathLength(long index, long size) {
		int length = 0;
		long fn = index;
		long sn = size - 1;
		while (sn > 0) {
			if ((fn & 1) == 1 || fn < sn) {
				length++;
			}
			fn >>= 1;
			sn >>= 1;
		}
		return length;
	}

	private long leafIndex(long seq, String city) {
		return tree.inclusion(seq, tree.current(city).size())
			.map(InclusionProof::leafIndex)
			.orElseThrow(() -> new IllegalStateException("record " + seq + " is not in the tree of city " + city));
	}

	private List<CityRecords> records(long volunteerId, CertificatePeriod period, long ledgerSeq) {
		LocalDate first = period.from() == null ? LocalDate.of(1900, 1, 1) : period.from();
		Map<String, List<Long>> byCity = new LinkedHashMap<>();
		jdbc.sql(RECORDS).param("volunteer", volunteerId).param("seq", ledgerSeq)
			.param("from", first.atStartOfDay(CityTime.ZONE).toOffsetDateTime())
			.param("until", period.to().plusDays(1).atStartOfDay(CityTime.ZONE).toOffsetDateTime())
			.query((rs, i) -> byCity.computeIfAbsent(rs.getString("city"), c -> new ArrayList<>()).add(rs.getLong("seq")))
			.list();
		return byCity.entrySet().stream().map(e -> new CityRecords(e.getKey(), List.copyOf(e.getValue()))).toList();
	}
}

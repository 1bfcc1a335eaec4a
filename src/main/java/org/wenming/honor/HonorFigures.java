package org.wenming.honor;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.wenming.shared.DataScope;

/**
 * The roll's counts for the dashboards (insight), as {@code ServiceDeskFigures} is for the service desk:
 * how many honours of each kind the people of a region's subtree hold on the public roll. Read from
 * {@code honor_public_entry} only, so a withdrawn consent leaves the count at the next request. Aggregates
 * only: no person.
 */
@Service
public class HonorFigures {

	private final JdbcClient jdbc;

	HonorFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Counts by honour, every honour present (zero when none). */
	public record Counts(Map<Honour, Long> byHonour) {

		public long of(Honour honour) {
			return byHonour.getOrDefault(honour, 0L);
		}

		public long total() {
			return byHonour.values().stream().mapToLong(Long::longValue).sum();
		}
	}

	/** The counts of a region's subtree (the whole installation for {@link DataScope#EVERYTHING}). */
	public Counts counts(DataScope region) {
		Map<Honour, Long> counts = new EnumMap<>(Honour.class);
		for (Honour honour : Honour.values()) {
			counts.put(honour, 0L);
		}
		jdbc.sql("""
				select honour, count(*) from honor_public_entry
				where region_path >= :lower and region_path < :upper group by honour""")
			.param("lower", region.lower()).param("upper", region.upper())
			.query((rs, i) -> counts.put(Honour.valueOf(rs.getString(1)), rs.getLong(2)))
			.list();
		return new Counts(counts);
	}
}

package org.wenming.catalogue;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.wenming.shared.DataScope;

/**
 * The catalogue's counts for the dashboards (insight), as {@code HonorFigures} is for the roll: how many items
 * a region's subtree offers under each scope tag (an item with several tags counts under each). Aggregates only.
 */
@Service
public class CatalogueFigures {

	private final JdbcClient jdbc;

	CatalogueFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Counts by scope tag, every tag present (zero when none). */
	public record Counts(Map<ScopeTag, Long> byTag) {

		public long of(ScopeTag tag) {
			return byTag.getOrDefault(tag, 0L);
		}
	}

	/** The counts of a region's subtree (the whole installation for {@link DataScope#EVERYTHING}). */
	public Counts counts(DataScope region) {
		Map<ScopeTag, Long> counts = new EnumMap<>(ScopeTag.class);
		for (ScopeTag tag : ScopeTag.values()) {
			counts.put(tag, 0L);
		}
		jdbc.sql("""
				select s.tag, count(*) from catalogue_item i cross join lateral unnest(i.scopes) as s(tag)
				where i.region_path >= :lower and i.region_path < :upper group by s.tag""")
			.param("lower", region.lower()).param("upper", region.upper())
			.query((rs, i) -> {
				ScopeTag tag = ScopeTag.of(rs.getString(1));
				if (tag != null) {
					counts.put(tag, rs.getLong(2));
				}
				return tag;
			})
			.list();
		return new Counts(counts);
	}
}

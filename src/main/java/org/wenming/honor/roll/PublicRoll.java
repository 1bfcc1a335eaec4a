package org.wenming.honor.roll;

import java.io.IOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.honor.HonorCategory;
import org.wenming.honor.HonorFigures;
import org.wenming.honor.Honour;
import org.wenming.platform.InvalidInputException;
import org.wenming.region.Region;
import org.wenming.region.RegionLevel;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;

/**
 * 好人榜 as the public reads it: every query here reads {@code honor_public_entry} (consented entries only),
 * never the tables, so a withdrawn consent hides the person from the next request on. The roll is paged by
 * key — (period, id) descending — so a page costs the same deep in the list as at its head.
 */
@Service
public class PublicRoll {

	public static final int PAGE_SIZE = 24;

	public static final int FEED_SIZE = 50;

	private final JdbcClient jdbc;

	private final Regions regions;

	private final HonorFigures figures;

	PublicRoll(JdbcClient jdbc, Regions regions, HonorFigures figures) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.figures = figures;
	}

	/** What the roll is narrowed to (null: no filter on it). */
	public record Filter(Honour honour, String period, HonorCategory category, Region county) {

		public static final Filter NONE = new Filter(null, null, null, null);

		/** The query string of the filter (to keep it when paging), starting with '&' when not empty. */
		public String query() {
			StringBuilder q = new StringBuilder();
			if (honour != null) {
				q.append("&honour=").append(honour.name());
			}
			if (period != null) {
				q.append("&period=").append(period);
			}
			if (category != null) {
				q.append("&category=").append(category.name());
			}
			if (county != null) {
				q.append("&county=").append(county.code());
			}
			return q.toString();
		}
	}

	/** Where a page starts: after the entry with this period and id (null: the head of the roll). */
	public record Cursor(String period, long id) {

		public String token() {
			return period + "-" + id;
		}

		/** A cursor from its text ({@code 2026Q4-123}); blank is the head. */
		public static Cursor parse(String text) {
			if (text == null || text.isBlank()) {
				return null;
			}
			String t = text.strip();
			if (!t.matches("\\d{4}(Q[1-4])?-\\d{1,18}")) {
				throw new InvalidInputException("after", "honor.roll.error.cursor");
			}
			int dash = t.indexOf('-');
			return new Cursor(t.substring(0, dash), Long.parseLong(t.substring(dash + 1)));
		}
	}

	/** An entry of the roll, as the list and the feed show it. */
	public record Item(long id, long nominationId, Honour honour, String period, HonorCategory category, String kind,
			String name, String title, String regionCode, String regionName, Instant publishedAt,
			Long portraitEvidenceId) {
	}

	/** One page and the cursor of the next (null at the end). */
	public record Page(List<Item> items, Cursor next) {
	}

	/** An entry's page: the entry, its story, and every honour the person holds on the public roll. */
	public record Detail(Item item, String story, String deedDate, List<Item> honours) {

		/** The story's paragraphs (its lines, blank ones left out): text, never markup. */
		public List<String> paragraphs() {
			return story == null ? List.of() : story.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
		}
	}

	/**
	 * A filter from the request's text; blank is no filter.
	 *
	 * @throws InvalidInputException naming {@code honour}, {@code period}, {@code category} or {@code county}
	 */
	public Filter filter(String honour, String period, String category, String county) {
		Honour h = null;
		if (honour != null && !honour.isBlank()) {
			try {
				h = Honour.valueOf(honour.strip());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("honour", "honor.roll.error.honour");
			}
		}
		String p = null;
		if (period != null && !period.isBlank()) {
			p = period.strip();
			if (!p.matches("\\d{4}(Q[1-4])?")) {
				throw new InvalidInputException("period", "honor.roll.error.period");
			}
		}
		HonorCategory c = null;
		if (category != null && !category.isBlank()) {
			try {
				c = HonorCategory.valueOf(category.strip());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidInputException("category", "honor.roll.error.category");
			}
		}
		Region r = null;
		if (county != null && !county.isBlank()) {
			r = regions.find(county.strip()).filter(x -> x.level() == RegionLevel.COUNTY)
				.orElseThrow(() -> new InvalidInputException("county", "honor.roll.error.county"));
		}
		return new Filter(h, p, c, r);
	}

	private static final String COLUMNS = """
			select e.id, e.nomination_id, e.honour, e.period, e.category, e.kind, e.nominee_name, e.title, e.region_code,
			    r.name as region_name, e.published_at, e.portrait_evidence_id
			from honor_public_entry e join published_region r on r.code = e.region_code
			""";

	private static Item item(ResultSet rs, int i) throws SQLException {
		return new Item(rs.getLong("id"), rs.getLong("nomination_id"), Honour.valueOf(rs.getString("honour")),
				rs.getString("period"), HonorCategory.valueOf(rs.getString("category")), rs.getString("kind"),
				rs.getString("nominee_name"), rs.getString("title"), rs.getString("region_code"),
				rs.getString("region_name"), rs.getTimestamp("published_at").toInstant(),
				(Long) rs.getObject("portrait_evidence_id"));
	}

	/** One page of the roll after the cursor, newest period first. */
	@Transactional(readOnly = true)
	public Page page(Filter filter, Cursor after, int size) {
		int limit = Math.max(1, Math.min(size, 100));
		DataScope scope = filter.county() == null ? DataScope.EVERYTHING : filter.county().scope();
		List<Item> rows = jdbc.sql(COLUMNS + """
				where (cast(:honour as varchar) is null or e.honour = cast(:honour as varchar))
				    and (cast(:period as varchar) is null or e.period = cast(:period as varchar))
				    and (cast(:category as varchar) is null or e.category = cast(:category as varchar))
				    and e.region_path >= :lower and e.region_path < :upper
				    and (cast(:afterPeriod as varchar) is null or (e.period, e.id) < (cast(:afterPeriod as varchar), :afterId))
				order by e.period desc, e.id desc limit :limit""")
			.param("honour", filter.honour() == null ? null : filter.honour().name(), Types.VARCHAR)
			.param("period", filter.period(), Types.VARCHAR)
			.param("category", filter.category() == null ? null : filter.category().name(), Types.VARCHAR)
			.param("lower", scope.lower()).param("upper", scope.upper())
			.param("afterPeriod", after == null ? null : after.period(), Types.VARCHAR)
			.param("afterId", after == null ? 0L : after.id()).param("limit", limit + 1)
			.query(PublicRoll::item).list();
		Cursor next = null;
		if (rows.size() > limit) {
			rows = rows.subList(0, limit);
			Item last = rows.get(limit - 1);
			next = new Cursor(last.period(), last.id());
		}
		return new Page(List.copyOf(rows), next);
	}

	/** The counts by honour of the county (null: the whole roll). */
	public HonorFigures.Counts counts(Region county) {
		return figures.counts(county == null ? DataScope.EVERYTHING : county.scope());
	}

	/**
	 * The counties of the city whose roll this is (the city of the latest entry), for the filter: read from the
	 * region tree, not by scanning the roll.
	 */
	@Transactional(readOnly = true)
	public List<Region> counties() {
		return jdbc.sql("select left(region_code, 4) from honor_public_entry order by published_at desc, id desc limit 1")
			.query(String.class).optional().map(city -> regions.children(city).stream()
				.filter(r -> r.level() == RegionLevel.COUNTY).toList())
			.orElse(List.of());
	}

	/** An entry of the public roll; empty when there is none or its consent is not given. */
	@Transactional(readOnly = true)
	public Optional<Detail> entry(long id) {
		record Row(Item item, String story, String deed) {
		}
		Optional<Row> row = jdbc.sql(COLUMNS.replace("e.portrait_evidence_id", "e.portrait_evidence_id, e.story, e.deed_date")
				+ " where e.id = :id").param("id", id)
			.query((rs, i) -> new Row(item(rs, i), rs.getString("story"),
					rs.getDate("deed_date") == null ? null : rs.getDate("deed_date").toLocalDate().toString()))
			.optional();
		return row.map(r -> new Detail(r.item(), r.story(), r.deed(), jdbc.sql(COLUMNS + """
				 where e.nomination_id = :n order by e.published_at, e.id""").param("n", r.item().nominationId())
			.query(PublicRoll::item).list()));
	}

	/** The newest entries for the Atom feed. */
	@Transactional(readOnly = true)
	public List<Item> newest() {
		return jdbc.sql(COLUMNS + " order by e.published_at desc, e.id desc limit :limit").param("limit", FEED_SIZE)
			.query(PublicRoll::item).list();
	}

	/** Writes the public roll of a region's subtree as CSV (UTF-8 with a byte-order mark, for spreadsheets). */
	@Transactional(readOnly = true)
	public void export(DataScope scope, Writer out, java.util.function.Function<String, String> names)
			throws IOException {
		out.write('\ufeff');
		try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
			.setHeader(names.apply("honor.roll.export.id"), names.apply("honor.roll.export.honour"),
					names.apply("honor.roll.export.period"), names.apply("honor.roll.export.name"),
					names.apply("honor.roll.export.category"), names.apply("honor.roll.export.region"),
					names.apply("honor.roll.export.title"), names.apply("honor.roll.export.published"))
			.get())) {
			jdbc.sql(COLUMNS + """
					 where e.region_path >= :lower and e.region_path < :upper order by e.period desc, e.id desc""")
				.param("lower", scope.lower()).param("upper", scope.upper())
				.query(rs -> {
					Item it = item(rs, 0);
					try {
						csv.printRecord(it.id(), names.apply("honor.honour." + it.honour().name()), it.period(),
								cell(it.name()), names.apply("honor.category." + it.category().name()), it.regionName(),
								cell(it.title()), it.publishedAt().toString());
					}
					catch (IOException ex) {
						throw new java.io.UncheckedIOException(ex);
					}
				});
		}
	}

	/** A cell a spreadsheet will not take for a formula. */
	static String cell(String text) {
		return text != null && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
	}
}

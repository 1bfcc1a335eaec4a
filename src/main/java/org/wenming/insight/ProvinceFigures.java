package org.wenming.insight;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.region.FieldProblem;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.RegionLevel;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * Other cities of the province (their registered volunteers and service hours per year), entered
 * by the city office or the system administrator one by one or as a CSV file, for the city's rank in
 * the province. The home city's own figures always come from its aggregates, never from here.
 */
@Service
public class ProvinceFigures {

	/** CSV rows accepted at most (21 cities × many years fits easily). */
	public static final int ROWS_MAX = 2_000;

	static final BigDecimal HOURS_MAX = new BigDecimal("1000000000000");

	static final long VOLUNTEERS_MAX = 1_000_000_000L;

	public record Line(String city, String name, int year, long volunteers, BigDecimal hours, String updatedBy,
			OffsetDateTime updatedAt) {
	}

	/** A line as entered (text), before its checks. */
	public record Entry(String city, String year, String volunteers, String hours) {
	}

	/** Problems of an import, by CSV line number (1 = the header). */
	public record RowProblem(long line, String field, String messageKey) {
	}

	private final JdbcClient jdbc;

	private final Regions regions;

	private final PracticeSites sites;

	private final Clock clock;

	ProvinceFigures(JdbcClient jdbc, Regions regions, PracticeSites sites, Clock clock) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.sites = sites;
		this.clock = clock;
	}

	/** The system administrator and the city office (whose scope is the whole home city). */
	public boolean mayEdit(ScopedUser user) {
		if (user == null) {
			return false;
		}
		return user.roles().contains(Roles.SYSTEM_ADMIN) || (user.roles().contains(Roles.OFFICE_STAFF)
				&& (user.scope().isEverything() || user.scope().regionCode().equals(sites.homeCity().code())));
	}

	private void require(ScopedUser user) {
		if (!mayEdit(user)) {
			throw new AccessDeniedException("province figures are for the city office");
		}
	}

	/** The other prefecture-level cities of the home city's province. */
	public List<Region> cities() {
		Region home = sites.homeCity();
		return regions.children(home.parentCode()).stream()
			.filter(r -> r.level() == RegionLevel.CITY && !r.code().equals(home.code())).toList();
	}

	public List<Line> lines(int year, ScopedUser user) {
		require(user);
		return jdbc.sql("""
				select f.city_code, r.name, f.year, f.volunteers, f.hours, f.updated_by, f.updated_at
				from insight_province_figure f join published_region r on r.code = f.city_code where f.year = :year order by f.hours desc""")
			.param("year", year)
			.query((rs, n) -> new Line(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getBigDecimal(5),
					rs.getString(6), rs.getObject(7, OffsetDateTime.class)))
			.list();
	}

	/** Enters (or replaces) one city's figures of one year; the problems name the fields, nothing is stored with any. */
	@Transactional
	public List<FieldProblem> save(Entry entry, ScopedUser user) {
		require(user);
		List<FieldProblem> problems = new ArrayList<>();
		Checked checked = check(entry, problems);
		if (problems.isEmpty()) {
			upsert(checked, user);
		}
		return problems;
	}

	/**
	 * A CSV file with the header {@code city,year,volunteers,hours}: every row checked, all stored or,
	 * with any problem, none.
	 */
	@Transactional
	public List<RowProblem> importCsv(Reader reader, ScopedUser user) throws IOException {
		require(user);
		List<RowProblem> problems = new ArrayList<>();
		Map<String, Checked> rows = new LinkedHashMap<>();
		CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
			.setIgnoreEmptyLines(true).get();
		try (CSVParser parser = CSVParser.parse(reader, format)) {
			if (!Set.copyOf(parser.getHeaderNames()).containsAll(List.of("city", "year", "volunteers", "hours"))) {
				return List.of(new RowProblem(1, "file", "insight.province.error.header"));
			}
			for (CSVRecord record : parser) {
				long line = parser.getCurrentLineNumber();
				if (record.getRecordNumber() > ROWS_MAX) {
					return List.of(new RowProblem(line, "file", "insight.province.error.tooMany"));
				}
				if (!record.isConsistent()) {
					problems.add(new RowProblem(line, "file", "insight.province.error.columns"));
					continue;
				}
				List<FieldProblem> found = new ArrayList<>();
				Checked checked = check(new Entry(record.get("city"), record.get("year"), record.get("volunteers"),
						record.get("hours")), found);
				found.forEach(p -> problems.add(new RowProblem(line, p.field(), p.messageKey())));
				if (found.isEmpty() && rows.put(checked.city() + ":" + checked.year(), checked) != null) {
					problems.add(new RowProblem(line, "city", "insight.province.error.repeated"));
				}
			}
		}
		catch (IllegalArgumentException | java.io.UncheckedIOException ex) {
			return List.of(new RowProblem(0, "file", "insight.province.error.unreadable"));
		}
		if (rows.isEmpty() && problems.isEmpty()) {
			problems.add(new RowProblem(1, "file", "insight.province.error.empty"));
		}
		if (problems.isEmpty()) {
			rows.values().forEach(c -> upsert(c, user));
		}
		return problems;
	}

	record Checked(String city, int year, long volunteers, BigDecimal hours) {
	}

	private Checked check(Entry e, List<FieldProblem> problems) {
		String city = e.city() == null ? "" : e.city().strip();
		if (!city.matches("\\d{4}") || cities().stream().noneMatch(r -> r.code().equals(city))) {
			problems.add(new FieldProblem("city", "insight.province.error.city"));
		}
		int thisYear = LocalDate.now(clock.withZone(CityTime.ZONE)).getYear();
		String y = e.year() == null ? "" : e.year().strip();
		int year = 0;
		if (!y.matches("\\d{4}") || Integer.parseInt(y) < 2000 || Integer.parseInt(y) > thisYear) {
			problems.add(new FieldProblem("year", "insight.province.error.year"));
		}
		else {
			year = Integer.parseInt(y);
		}
		String v = e.volunteers() == null ? "" : e.volunteers().strip().replace(",", "");
		long volunteers = 0;
		if (!v.matches("\\d{1,10}") || Long.parseLong(v) > VOLUNTEERS_MAX) {
			problems.add(new FieldProblem("volunteers", "insight.province.error.volunteers"));
		}
		else {
			volunteers = Long.parseLong(v);
		}
		String h = e.hours() == null ? "" : e.hours().strip().replace(",", "");
		BigDecimal hours = BigDecimal.ZERO;
		if (!h.matches("\\d{1,13}(\\.\\d)?") || new BigDecimal(h).compareTo(HOURS_MAX) > 0) {
			problems.add(new FieldProblem("hours", "insight.province.error.hours"));
		}
		else {
			hours = new BigDecimal(h);
		}
		return new Checked(city, year, volunteers, hours);
	}

	private void upsert(Checked c, ScopedUser user) {
		jdbc.sql("""
				insert into insight_province_figure (city_code, year, volunteers, hours, updated_by, updated_at)
				values (:city, :year, :volunteers, :hours, :by, :now)
				on conflict (city_code, year) do update set volunteers = excluded.volunteers, hours = excluded.hours,
				    updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
			.param("city", c.city()).param("year", c.year()).param("volunteers", c.volunteers())
			.param("hours", c.hours()).param("by", user.username()).param("now", OffsetDateTime.now(clock)).update();
	}
}

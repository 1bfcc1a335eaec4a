package org.wenming.assessment.place;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.assessment.PlaceType;
import org.wenming.platform.Sheets;
import org.wenming.region.CityGeography;
import org.wenming.region.Region;
import org.wenming.region.RegionLevel;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;
import org.wenming.shared.ScopedUser;

/**
 * Imports places from a CSV (UTF-8) or XLSX file, all or nothing: every row is checked first, and
 * one refused value anywhere stores nothing and answers every problem with its row and column. A
 * row naming a place already in the registry (same village, type and name) updates its address and
 * position and makes it active again, so a corrected file can be imported again.
 *
 * <p>Columns, by header (Chinese or English, any order): 类型 type (the code such as MARKET or its
 * name 集贸市场), 名称 name, 地址 address, 区划 region (a village's 12-digit code, or its name: the
 * village alone when it is unique in the city, or "县/镇/村"), 纬度 latitude, 经度 longitude.
 */
@Service
public class PlaceImports {

	/** Largest file taken (a city's registry of 2,000 places is about 150 KB). */
	public static final int MAX_BYTES = 5 * 1024 * 1024;

	public static final int MAX_ROWS = 20_000;

	/** A registry's sheet: up to 50 cells a row, 200 zip entries, 100 MB unzipped (a zip bomb is refused first). */
	private static final Sheets.Limits SHEET = new Sheets.Limits(MAX_ROWS, 50, 200, 100L * 1024 * 1024);

	/** The columns, each with the header names it is known by. */
	public enum Column {
		TYPE("类型", "類型", "type", "点位类型"), NAME("名称", "名稱", "name"), ADDRESS("地址", "address"),
		REGION("区划", "區劃", "region", "村社区", "村（社区）"), LATITUDE("纬度", "緯度", "latitude", "lat"),
		LONGITUDE("经度", "經度", "longitude", "lon", "lng");

		private final List<String> headers;

		Column(String... headers) {
			this.headers = List.of(headers);
		}

		public String field() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Column of(String header) {
			String h = header == null ? "" : header.strip().replace("\uFEFF", "").toLowerCase(Locale.ROOT);
			for (Column c : values()) {
				if (c.headers.contains(h)) {
					return c;
				}
			}
			return null;
		}
	}

	/** One refused value: the file's row number (the header is row 1), the column and the rule. */
	public record RowError(int row, String column, String messageKey, String value) {
	}

	/** What an import did, or why it stored nothing. */
	public record Result(int rows, int added, int updated, List<RowError> errors) {

		public boolean refused() {
			return !errors.isEmpty();
		}
	}

	record Parsed(int row, PlaceDraft draft, String regionText) {
	}

	private final JdbcClient jdbc;

	private final Regions regions;

	private final Places places;

	private final MessageSource messages;

	PlaceImports(JdbcClient jdbc, Regions regions, Places places, MessageSource messages) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.places = places;
		this.messages = messages;
	}

	/**
	 * Checks every row of the file and, when none is refused, stores them all.
	 *
	 * @param fileName tells CSV from XLSX together with the content (an XLSX is a zip; anything else is read as CSV)
	 */
	@Transactional
	public Result importFile(String fileName, byte[] content, ScopedUser user) {
		Places.requireManaging(user);
		if (content == null || content.length == 0) {
			return refused(0, "file", "assessment.place.import.empty", null);
		}
		if (content.length > MAX_BYTES) {
			return refused(0, "file", "assessment.place.import.tooLarge", null);
		}
		List<List<String>> table;
		try {
			table = Sheets.read(content, SHEET);
		}
		catch (Sheets.Refused r) {
			return refused(r.row(), "file", "assessment.place.import." + r.reason(), null);
		}
		if (table.isEmpty()) {
			return refused(0, "file", "assessment.place.import.empty", null);
		}
		List<RowError> errors = new ArrayList<>();
		Map<Column, Integer> columns = header(table.get(0), errors);
		if (!errors.isEmpty()) {
			return new Result(0, 0, 0, errors);
		}
		if (table.size() - 1 > MAX_ROWS) {
			return refused(MAX_ROWS + 2, "file", "assessment.place.import.tooManyRows", null);
		}
		Lookup lookup = new Lookup(user.scope().isEverything() ? places.homeCity().scope() : user.scope());
		Map<String, PlaceType> types = typeNames();
		List<Parsed> rows = new ArrayList<>();
		Set<String> keys = new HashSet<>();
		for (int i = 1; i < table.size(); i++) {
			List<String> cells = table.get(i);
			if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
				continue;
			}
			int rowNumber = i + 1;
			Parsed parsed = parse(rowNumber, cells, columns, types, lookup, errors);
			if (parsed != null) {
				if (!keys.add(parsed.draft().regionCode() + "|" + parsed.draft().type() + "|" + parsed.draft().name())) {
					errors.add(new RowError(rowNumber, Column.NAME.field(), "assessment.place.import.repeated",
							parsed.draft().name()));
				}
				rows.add(parsed);
			}
		}
		if (rows.isEmpty() && errors.isEmpty()) {
			return refused(0, "file", "assessment.place.import.empty", null);
		}
		if (!errors.isEmpty()) {
			return new Result(table.size() - 1, 0, 0, errors);
		}
		int added = 0;
		int updated = 0;
		for (Parsed row : rows) {
			Region village = lookup.byCode.get(row.draft().regionCode());
			boolean inserted = jdbc.sql("""
					insert into assessment_place (place_type, name, address, region_code, region_path, latitude, longitude,
					    active, created_by, created_at, updated_at)
					values (:type, :name, :address, :code, :path, :lat, :lon, true, :by, now(), now())
					on conflict (region_code, place_type, name) do update set address = excluded.address,
					    latitude = excluded.latitude, longitude = excluded.longitude, active = true, updated_at = now()
					returning (xmax = 0)""")
					.param("type", row.draft().type().name()).param("name", row.draft().name())
					.param("address", row.draft().address()).param("code", village.code()).param("path", village.path())
					.param("lat", row.draft().latitude(), java.sql.Types.NUMERIC)
					.param("lon", row.draft().longitude(), java.sql.Types.NUMERIC).param("by", user.username())
					.query(Boolean.class).single();
			if (inserted) {
				added++;
			}
			else {
				updated++;
			}
		}
		return new Result(rows.size(), added, updated, List.of());
	}

	private Parsed parse(int rowNumber, List<String> cells, Map<Column, Integer> columns, Map<String, PlaceType> types,
			Lookup lookup, List<RowError> errors) {
		int before = errors.size();
		String typeText = Sheets.cell(cells, columns, Column.TYPE);
		PlaceType type = typeText == null ? null : types.get(typeText.strip().toUpperCase(Locale.ROOT));
		if (typeText != null && type == null) {
			errors.add(new RowError(rowNumber, Column.TYPE.field(), "assessment.place.error.type", Sheets.clip(typeText)));
		}
		String regionText = Sheets.cell(cells, columns, Column.REGION);
		String code = null;
		if (regionText != null) {
			Lookup.Found found = lookup.resolve(regionText.strip());
			if (found.key() != null) {
				errors.add(new RowError(rowNumber, Column.REGION.field(), found.key(), Sheets.clip(regionText)));
			}
			else {
				code = found.region().code();
			}
		}
		BigDecimal lat = decimal(rowNumber, Column.LATITUDE, Sheets.cell(cells, columns, Column.LATITUDE), errors);
		BigDecimal lon = decimal(rowNumber, Column.LONGITUDE, Sheets.cell(cells, columns, Column.LONGITUDE), errors);
		PlaceDraft draft = new PlaceDraft(type, Sheets.cell(cells, columns, Column.NAME), Sheets.cell(cells, columns, Column.ADDRESS),
				code, lat, lon).trimmed();
		for (PlaceProblem p : PlaceRules.check(draft)) {
			String column = p.field().equals("regionCode") ? Column.REGION.field() : p.field();
			boolean already = errors.subList(before, errors.size()).stream().anyMatch(e -> e.column().equals(column));
			if (!already) {
				Column c = switch (p.field()) {
					case "type" -> Column.TYPE;
					case "regionCode" -> Column.REGION;
					case "address" -> Column.ADDRESS;
					case "latitude" -> Column.LATITUDE;
					case "longitude" -> Column.LONGITUDE;
					default -> Column.NAME;
				};
				errors.add(new RowError(rowNumber, column, p.messageKey(), Sheets.clip(Sheets.cell(cells, columns, c))));
			}
		}
		return errors.size() == before ? new Parsed(rowNumber, draft, regionText) : null;
	}

	private static BigDecimal decimal(int row, Column column, String text, List<RowError> errors) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String t = text.strip();
		if (!t.matches("-?\\d{1,3}(\\.\\d{1,12})?")) {
			errors.add(new RowError(row, column.field(), "assessment.place.error.number", Sheets.clip(t)));
			return null;
		}
		BigDecimal value = new BigDecimal(t);
		return value.scale() > 6 ? value.setScale(6, java.math.RoundingMode.HALF_UP) : value;
	}

	private static Map<Column, Integer> header(List<String> header, List<RowError> errors) {
		Map<Column, Integer> columns = new LinkedHashMap<>();
		for (int i = 0; i < header.size(); i++) {
			String text = header.get(i);
			if (text == null || text.isBlank()) {
				continue;
			}
			Column c = Column.of(text);
			if (c == null) {
				errors.add(new RowError(1, "header", "assessment.place.import.unknownColumn", Sheets.clip(text)));
			}
			else if (columns.putIfAbsent(c, i) != null) {
				errors.add(new RowError(1, c.field(), "assessment.place.import.repeatedColumn", Sheets.clip(text)));
			}
		}
		for (Column required : List.of(Column.TYPE, Column.NAME, Column.REGION)) {
			if (!columns.containsKey(required)) {
				errors.add(new RowError(1, required.field(), "assessment.place.import.missingColumn", null));
			}
		}
		return columns;
	}

	/** The type's code and its name in each language, upper-cased (a code may come in lower case). */
	private Map<String, PlaceType> typeNames() {
		Map<String, PlaceType> names = new HashMap<>();
		for (PlaceType t : PlaceType.values()) {
			names.put(t.name(), t);
			for (Locale l : List.of(Locale.SIMPLIFIED_CHINESE, Locale.TRADITIONAL_CHINESE, Locale.ENGLISH)) {
				names.put(messages.getMessage(t.messageKey(), null, t.name(), l).toUpperCase(Locale.ROOT), t);
			}
		}
		return names;
	}

	private static Result refused(int row, String column, String key, String value) {
		return new Result(0, 0, 0, List.of(new RowError(row, column, key, value)));
	}

	/** The villages of the importer's scope, by code and by name. */
	private final class Lookup {

		record Found(Region region, String key) {
		}

		final Map<String, Region> byCode = new HashMap<>();

		final Map<String, List<Region>> byName = new HashMap<>();

		Lookup(DataScope scope) {
			Map<String, Region> all = new HashMap<>();
			List<Region> within = regions.within(scope);
			within.forEach(r -> all.put(r.code(), r));
			for (Region r : within) {
				if (r.level() != RegionLevel.VILLAGE) {
					continue;
				}
				byCode.put(r.code(), r);
				Region town = all.get(r.parentCode());
				Region county = town == null ? null : all.get(town.parentCode());
				for (String v : names(r.name())) {
					key(v, r);
					if (town != null) {
						for (String t : names(town.name())) {
							key(t + "/" + v, r);
							if (county != null) {
								key(county.name() + "/" + t + "/" + v, r);
							}
						}
					}
				}
			}
		}

		private List<String> names(String name) {
			String shortName = CityGeography.shortVillage(name);
			return shortName.equals(name) ? List.of(name) : List.of(name, shortName);
		}

		private void key(String key, Region r) {
			List<Region> list = byName.computeIfAbsent(key, k -> new ArrayList<>(1));
			if (!list.contains(r)) {
				list.add(r);
			}
		}

		Found resolve(String text) {
			if (text.matches("\\d{2,12}")) {
				Region r = byCode.get(text);
				if (r != null) {
					return new Found(r, null);
				}
				return new Found(null, text.length() == 12 ? "assessment.place.error.regionUnknown"
						: "assessment.place.error.village");
			}
			String key = text.replaceAll("\\s*[/／>＞]\\s*", "/");
			List<Region> found = byName.getOrDefault(key, List.of());
			if (found.size() == 1) {
				return new Found(found.get(0), null);
			}
			return new Found(null, found.isEmpty() ? "assessment.place.error.regionUnknown"
					: "assessment.place.error.regionAmbiguous");
		}
	}
}

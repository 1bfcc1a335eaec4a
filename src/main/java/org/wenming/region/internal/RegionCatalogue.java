package org.wenming.region.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.region.RegionLevel;

/**
 * Loads the official division files (provinces, cities, areas, streets, villages) into the region
 * tree. Every row is checked before anything is written: a broken row, a duplicate code or an
 * unknown parent refuses the whole load with the file, line and rule, and the database stays as
 * it was. Loading is idempotent: rows already present are left alone, and a catalogue whose
 * checksum was already loaded is skipped without reading the database twice.
 */
public class RegionCatalogue {

	private static final Logger log = LoggerFactory.getLogger(RegionCatalogue.class);

	/** The five files, top level first, with the column naming each row's parent. */
	private static final List<FileSpec> FILES = List.of(
			new FileSpec("provinces.csv", RegionLevel.PROVINCE, null),
			new FileSpec("cities.csv", RegionLevel.CITY, "provinceCode"),
			new FileSpec("areas.csv", RegionLevel.COUNTY, "cityCode"),
			new FileSpec("streets.csv", RegionLevel.TOWN, "areaCode"),
			new FileSpec("villages.csv", RegionLevel.VILLAGE, "streetCode"));

	private static final int MAX_NAME_LENGTH = 100;

	private final DataSource dataSource;

	private final TransactionTemplate transactions;

	private final ResourceLoader resources;

	public RegionCatalogue(DataSource dataSource, TransactionTemplate transactions, ResourceLoader resources) {
		this.dataSource = dataSource;
		this.transactions = transactions;
		this.resources = resources;
	}

	/**
	 * Loads the catalogue found under a location (a folder URL ending in '/').
	 *
	 * @return how many regions were added (0 when already loaded)
	 */
	public int load(String location) {
		Map<String, byte[]> files = read(location);
		String checksum = checksum(files);
		if (alreadyLoaded(checksum)) {
			return 0;
		}
		List<Row> rows = parse(files);
		Integer added = transactions.execute(status -> write(rows, checksum));
		return added == null ? 0 : added;
	}

	/** A restart reads the files only to hash them; the rows are parsed only when something is new. */
	private boolean alreadyLoaded(String checksum) {
		return new org.springframework.jdbc.core.JdbcTemplate(dataSource).queryForObject(
				"select count(*) from region_catalogue where checksum = ?", Long.class, checksum) > 0;
	}

	private Map<String, byte[]> read(String location) {
		Map<String, byte[]> files = new LinkedHashMap<>();
		for (FileSpec spec : FILES) {
			Resource resource = resources.getResource(location + spec.name());
			if (!resource.exists()) {
				throw new RegionCatalogueException(spec.name() + ": file not found in " + location);
			}
			try (InputStream in = resource.getInputStream()) {
				files.put(spec.name(), in.readAllBytes());
			}
			catch (IOException ex) {
				throw new RegionCatalogueException(spec.name() + ": cannot be read", ex);
			}
		}
		return files;
	}

	/** Parses and checks every row of every file; nothing is written here. */
	static List<Row> parse(Map<String, byte[]> files) {
		Map<String, Row> byCode = new LinkedHashMap<>();
		for (FileSpec spec : FILES) {
			String text = decode(spec.name(), files.get(spec.name()));
			CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
			try (Reader reader = new StringReader(text); CSVParser parser = CSVParser.parse(reader, format)) {
				List<String> header = parser.getHeaderNames();
				require(header.contains("code") && header.contains("name")
						&& (spec.parentColumn() == null || header.contains(spec.parentColumn())), spec, 1,
						"header must name the columns code, name"
								+ (spec.parentColumn() == null ? "" : ", " + spec.parentColumn()));
				for (CSVRecord record : parser) {
					long line = record.getParser().getCurrentLineNumber();
					require(record.isConsistent(), spec, line,
							"expected " + header.size() + " columns, found " + record.size());
					Row row = check(spec, line, record, byCode);
					byCode.put(row.code(), row);
				}
			}
			catch (IOException | IllegalStateException | IllegalArgumentException ex) {
				if (ex instanceof RegionCatalogueException rce) {
					throw rce;
				}
				throw new RegionCatalogueException(spec.name() + ": not a valid CSV file (" + ex.getMessage() + ")", ex);
			}
		}
		return new ArrayList<>(byCode.values());
	}

	private static Row check(FileSpec spec, long line, CSVRecord record, Map<String, Row> known) {
		String code = record.get("code").trim();
		String name = record.get("name").trim();
		require(code.matches("\\d+"), spec, line, "code '" + printable(code) + "' must be digits only");
		require(code.length() == spec.level().codeLength(), spec, line,
				"code " + code + " must have " + spec.level().codeLength() + " digits");
		require(!known.containsKey(code), spec, line, "duplicate code " + code);
		require(!name.isEmpty(), spec, line, "name is empty");
		require(name.length() <= MAX_NAME_LENGTH, spec, line, "name is longer than " + MAX_NAME_LENGTH + " characters");
		require(name.codePoints().noneMatch(Character::isISOControl), spec, line, "name contains control characters");
		String path = code + ".";
		String parentCode = null;
		if (spec.parentColumn() != null) {
			parentCode = record.get(spec.parentColumn()).trim();
			Row parent = known.get(parentCode);
			require(parent != null && parent.level() == spec.level().depth() - 1, spec, line,
					"unknown parent " + spec.parentColumn() + " '" + printable(parentCode) + "'");
			require(code.startsWith(parentCode), spec, line,
					"code " + code + " does not start with its parent's code " + parentCode);
			path = parent.path() + path;
		}
		return new Row(code, name, spec.level().depth(), parentCode, path);
	}

	private static String decode(String file, byte[] bytes) {
		try {
			String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
			return text.startsWith("\uFEFF") ? text.substring(1) : text;
		}
		catch (CharacterCodingException ex) {
			throw new RegionCatalogueException(file + ": not UTF-8 text", ex);
		}
	}

	private static String printable(String value) {
		String cut = value.length() > 20 ? value.substring(0, 20) + "…" : value;
		return cut.replaceAll("\\p{Cntrl}", "?");
	}

	private static void require(boolean ok, FileSpec spec, long line, String rule) {
		if (!ok) {
			throw new RegionCatalogueException(spec.name() + " line " + line + ": " + rule);
		}
	}

	private int write(List<Row> rows, String checksum) {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try (var statement = connection.createStatement()) {
			// one loader at a time, even with several application nodes starting together
			statement.execute("select pg_advisory_xact_lock(4412001)");
			try (var loaded = connection.prepareStatement("select count(*) from region_catalogue where checksum = ?")) {
				loaded.setString(1, checksum);
				try (var rs = loaded.executeQuery()) {
					rs.next();
					if (rs.getLong(1) > 0) {
						return 0;
					}
				}
			}
			statement.execute("create temporary table region_load (like region including defaults) on commit drop");
			StringBuilder csv = new StringBuilder(rows.size() * 64);
			for (Row row : rows) {
				csv.append(row.code()).append(',').append(quote(row.name())).append(',').append(row.level()).append(',')
						.append(row.parentCode() == null ? "" : row.parentCode()).append(',').append(row.path())
						.append('\n');
			}
			connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
					"copy region_load (code, name, level, parent_code, path) from stdin with (format csv)",
					new StringReader(csv.toString()));
			int added = statement.executeUpdate("""
					insert into region (code, name, level, parent_code, path)
					select code, name, level, parent_code, path from region_load
					order by level, code
					on conflict (code) do nothing""");
			try (var insert = connection.prepareStatement(
					"insert into region_catalogue (checksum, regions, loaded_at) values (?, ?, now())")) {
				insert.setString(1, checksum);
				insert.setInt(2, rows.size());
				insert.executeUpdate();
			}
			log.info("Region catalogue loaded: {} regions in the files, {} added", rows.size(), added);
			return added;
		}
		catch (SQLException | IOException ex) {
			throw new RegionCatalogueException("The region catalogue could not be written: " + ex.getMessage(), ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	private static String quote(String value) {
		return '"' + value.replace("\"", "\"\"") + '"';
	}

	private static String checksum(Map<String, byte[]> files) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			files.forEach((name, bytes) -> {
				digest.update(name.getBytes(StandardCharsets.UTF_8));
				digest.update(bytes);
			});
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record FileSpec(String name, RegionLevel level, String parentColumn) {
	}

	record Row(String code, String name, int level, String parentCode, String path) {
	}
}

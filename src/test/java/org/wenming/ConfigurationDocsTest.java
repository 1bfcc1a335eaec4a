package org.wenming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's configuration tables and the configuration metadata (generated from the
 * {@code @ConfigurationProperties} records by spring-boot-configuration-processor, plus
 * {@code META-INF/additional-spring-configuration-metadata.json}) name the same {@code wenming.*}
 * settings with the same defaults.
 * <p>
 * How the README is read: every table row whose first cell's first property (after any environment
 * variable, {@code ENV / property}) starts with {@code wenming.}; further names in the cell ({@code / `west`})
 * replace the last part of the first; a map's key placeholder ({@code keys.<id>}) names the map. How
 * defaults are compared: backticked values, one per name, against the metadata's default, both brought
 * to one form by the property's type: durations as {@link Duration} ({@code 30d} = {@code P30D} =
 * {@code 720h}), sizes in bytes ({@code 1MB} = {@code 1024KB}), numbers by value ({@code 24.40} =
 * {@code 24.4}), lists item by item without spaces, anything else as written. A backticked default
 * that contains {@code ${…}} or {@code <…>} is computed at start, and an italic note ({@code *(empty)*},
 * {@code *(generated)*}) says there is no literal one: then the metadata must have no default (or an
 * empty one).
 */
class ConfigurationDocsTest {

	private static final Pattern BACKTICKED = Pattern.compile("`([^`]+)`");

	static Map<String, Row> readme;

	static Map<String, JsonNode> metadata;

	/** One property's README entry: its default cell's value for it, and whether that is a literal. */
	record Row(String property, String defaultValue, Kind kind, int line) {
	}

	enum Kind {
		LITERAL, COMPUTED, NONE
	}

	@BeforeAll
	static void read() throws Exception {
		readme = readmeProperties(Files.readAllLines(Path.of("README.md")));
		metadata = new LinkedHashMap<>();
		for (JsonNode property : readMetadata(generatedMetadata()).get("properties")) {
			String name = property.get("name").asString();
			if (name.startsWith("wenming.")) {
				metadata.put(name, property);
			}
		}
	}

	@Test
	void everyPropertyInTheReadmeIsInTheMetadata() {
		Set<String> missing = new TreeSet<>(readme.keySet());
		missing.removeAll(metadata.keySet());
		assertThat(missing).as("README properties missing from the configuration metadata (a field of a "
				+ "@ConfigurationProperties record, or additional-spring-configuration-metadata.json)").isEmpty();
	}

	@Test
	void everyPropertyInTheMetadataIsInTheReadme() {
		Set<String> undocumented = new TreeSet<>(metadata.keySet());
		undocumented.removeAll(readme.keySet());
		assertThat(undocumented).as("wenming.* settings without a row in the README's configuration tables").isEmpty();
	}

	@Test
	void theReadmeAndTheMetadataGiveTheSameDefaults() {
		List<String> differences = new ArrayList<>();
		for (Row row : readme.values()) {
			JsonNode property = metadata.get(row.property());
			if (property == null) {
				continue;
			}
			String type = property.path("type").asString("");
			JsonNode given = property.get("defaultValue");
			String declared = given == null ? null : text(given);
			String problem = switch (row.kind()) {
				case LITERAL -> declared == null ? "the README gives `" + row.defaultValue() + "`, the metadata no default"
						: canonical(row.defaultValue(), type).equals(canonical(declared, type)) ? null
								: "the README gives `" + row.defaultValue() + "`, the metadata `" + declared + "`";
				case COMPUTED, NONE -> declared == null || declared.isEmpty() ? null
						: "the README gives no literal default (" + row.defaultValue() + "), the metadata `" + declared + "`";
			};
			if (problem != null) {
				differences.add(row.property() + " (README line " + row.line() + "): " + problem);
			}
		}
		assertThat(differences).as("defaults that differ").isEmpty();
	}

	/**
	 * application.yml sets some settings to their defaults, for the reader; a value there that differs
	 * from the record's default would silently be the real default, unlike what the README says. An
	 * environment placeholder counts with its fallback ({@code ${WENMING_DB_URL:}} is empty).
	 */
	@Test
	void applicationYmlKeepsTheDocumentedDefaults() throws Exception {
		List<String> differences = new ArrayList<>();
		for (var source : new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))) {
			for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
				JsonNode property = metadata.get(name);
				if (property == null || !property.has("defaultValue")) {
					continue;
				}
				String value = String.valueOf(source.getProperty(name)).replaceAll("^\\$\\{[A-Z_]+:(.*)}$", "$1");
				String type = property.path("type").asString("");
				if (!canonical(value, type).equals(canonical(text(property.get("defaultValue")), type))) {
					differences.add(name + ": application.yml `" + value + "`, the record `"
							+ text(property.get("defaultValue")) + "`");
				}
			}
		}
		assertThat(differences).as("application.yml values that are not the documented defaults").isEmpty();
	}

	/**
	 * A property described in additional-spring-configuration-metadata.json must not also be a record's
	 * field: the hand-written entry would silently replace the generated one (its default included).
	 */
	@Test
	void handWrittenMetadataOnlyForSettingsNoRecordBinds() throws Exception {
		JsonNode additional = readMetadata(
				ConfigurationDocsTest.class.getResource("/META-INF/additional-spring-configuration-metadata.json"));
		List<String> alsoBound = new ArrayList<>();
		for (JsonNode property : additional.get("properties")) {
			JsonNode merged = metadata.get(property.get("name").asString());
			if (merged != null && merged.has("sourceType")) {
				alsoBound.add(property.get("name").asString() + " (bound by " + merged.get("sourceType").asString() + ")");
			}
		}
		assertThat(alsoBound).as("remove these from additional-spring-configuration-metadata.json").isEmpty();
	}

	@Test
	void theReadmeReaderUnderstandsEveryKindOfRow() {
		Map<String, Row> rows = readmeProperties(List.of(
				"| `WENMING_DB_URL` / `wenming.db.url` | *(empty)* | JDBC URL |",
				"| `wenming.casework.city-bounds.south` / `west` | `22.78` / `111.35` | the box |",
				"| `WENMING_PERSONALDATA_KEYS_<ID>` / `wenming.personal-data.keys.<id>` | *(generated)* | keys |",
				"| `wenming.db.embedded-port` | `0` (a free port) | port |",
				"| `wenming.casework.photos.directory` | `${wenming.db.embedded-directory}/photos` | photos |",
				"| `server.port` | `8080` | not ours |", "| `/sites` | everyone | a page |"));
		assertThat(rows.keySet()).containsExactly("wenming.db.url", "wenming.casework.city-bounds.south",
				"wenming.casework.city-bounds.west", "wenming.personal-data.keys", "wenming.db.embedded-port",
				"wenming.casework.photos.directory");
		assertThat(rows.get("wenming.db.url").kind()).isEqualTo(Kind.NONE);
		assertThat(rows.get("wenming.casework.city-bounds.west").defaultValue()).isEqualTo("111.35");
		assertThat(rows.get("wenming.db.embedded-port").defaultValue()).isEqualTo("0");
		assertThat(rows.get("wenming.casework.photos.directory").kind()).isEqualTo(Kind.COMPUTED);
		assertThat(canonical("30d", "java.time.Duration")).isEqualTo(canonical("P30D", "java.time.Duration"))
			.isEqualTo(canonical("720h", "java.time.Duration")).isNotEqualTo(canonical("7d", "java.time.Duration"));
		assertThat(canonical("1MB", "org.springframework.util.unit.DataSize"))
			.isEqualTo(canonical("1024KB", "org.springframework.util.unit.DataSize"));
		assertThat(canonical("24.40", "java.math.BigDecimal")).isEqualTo(canonical("24.4", "java.math.BigDecimal"));
		assertThat(canonical("0, 2, 5", "java.util.List<java.lang.Integer>")).isEqualTo("0,2,5")
			.isEqualTo(canonical("[0, 2, 5]", "java.util.List<java.lang.Integer>"));
	}

	static Map<String, Row> readmeProperties(List<String> lines) {
		Map<String, Row> rows = new LinkedHashMap<>();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (!line.startsWith("| `")) {
				continue;
			}
			String[] cells = line.substring(1).split("\\|");
			if (cells.length < 2) {
				continue;
			}
			List<String> names = names(cells[0]);
			if (names.isEmpty()) {
				continue;
			}
			List<String> defaults = backticked(cells[1]);
			for (int n = 0; n < names.size(); n++) {
				Row row;
				if (defaults.isEmpty()) {
					row = new Row(names.get(n), cells[1].strip(), Kind.NONE, i + 1);
				}
				else {
					assertThat(defaults).as("README line %d: one default per property", i + 1).hasSameSizeAs(names);
					String value = defaults.get(n);
					Kind kind = value.contains("${") || value.matches(".*<[^>]+>.*") ? Kind.COMPUTED : Kind.LITERAL;
					row = new Row(names.get(n), value, kind, i + 1);
				}
				assertThat(rows.put(row.property(), row)).as("README lists %s twice", row.property()).isNull();
			}
		}
		return rows;
	}

	/** The {@code wenming.*} properties a first cell names (none when it names another kind of setting). */
	private static List<String> names(String cell) {
		List<String> tokens = backticked(cell).stream().filter(token -> !isEnvironmentVariable(token)).toList();
		if (tokens.isEmpty() || !tokens.get(0).startsWith("wenming.")) {
			return List.of();
		}
		String first = tokens.get(0).replaceAll("\\.<[^>]+>$", "");
		String parent = first.substring(0, first.lastIndexOf('.') + 1);
		List<String> names = new ArrayList<>();
		names.add(first);
		tokens.stream().skip(1).map(suffix -> suffix.startsWith("wenming.") ? suffix : parent + suffix).forEach(names::add);
		return names;
	}

	private static boolean isEnvironmentVariable(String token) {
		return !token.contains(".") && token.equals(token.toUpperCase(java.util.Locale.ROOT));
	}

	private static List<String> backticked(String cell) {
		List<String> values = new ArrayList<>();
		Matcher matcher = BACKTICKED.matcher(cell);
		while (matcher.find()) {
			values.add(matcher.group(1));
		}
		return values;
	}

	/** A default brought to one form by the property's type (see the class comment). */
	static String canonical(String value, String type) {
		var conversion = ApplicationConversionService.getSharedInstance();
		return switch (type) {
			case "java.time.Duration" -> String.valueOf(conversion.convert(value, Duration.class));
			case "org.springframework.util.unit.DataSize" -> String.valueOf(conversion.convert(value, DataSize.class).toBytes());
			case "java.lang.Integer", "java.lang.Long", "java.lang.Double", "java.lang.Float", "java.math.BigDecimal",
					"java.lang.Short" -> new BigDecimal(value).stripTrailingZeros().toPlainString();
			default -> type.startsWith("java.util.List") || type.startsWith("java.util.Set")
					// the metadata may hold a list as a JSON array or as its printed form, [a, b]
					? Arrays.stream(value.replaceAll("^\\[|\\]$", "").split(",")).map(String::strip)
						.collect(Collectors.joining(","))
					: value;
		};
	}

	private static String text(JsonNode value) {
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach(item -> items.add(item.asString()));
			return String.join(",", items);
		}
		return value.asString();
	}

	/** Our own generated metadata (target/classes), not that of the libraries on the class path. */
	private static URL generatedMetadata() throws Exception {
		for (URL url : Collections.list(ConfigurationDocsTest.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			if ("file".equals(url.getProtocol())) {
				return url;
			}
		}
		throw new IllegalStateException("no META-INF/spring-configuration-metadata.json in target/classes: "
				+ "compile with spring-boot-configuration-processor (./mvnw compile)");
	}

	private static JsonNode readMetadata(URL url) throws Exception {
		try (InputStream in = url.openStream()) {
			return JsonMapper.builder().build().readTree(in);
		}
	}
}

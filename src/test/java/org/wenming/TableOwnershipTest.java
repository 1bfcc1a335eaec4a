package org.wenming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.wenming.platform.ModuleTables;

/**
 * Each table has one owner. Reads every migration (which tables and views exist) and every SQL string
 * in each module's main code (string literals and text blocks), and fails when a module names a table
 * it does not own, writes a view, reads another module's view it has not declared, or when a table has
 * no owner. A module declares what it owns, publishes and reads with {@link ModuleTables} on its
 * {@code package-info}.
 */
class TableOwnershipTest {

	private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

	private static final Path SOURCES = Path.of("src/main/java");

	/** A table a later migration dropped is no one's any more (V52 dropped V48's order counter). */
	private static final Pattern DROPPED = Pattern.compile("\\bdrop\\s+table\\s+(?:if\\s+exists\\s+)?(\\w+)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern CREATED = Pattern.compile(
			"create\\s+(?:unlogged\\s+)?(table|(?:or\\s+replace\\s+)?view|materialized\\s+view)\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)",
			Pattern.CASE_INSENSITIVE);

	/** A name after these is written (or its definition changed). */
	private static final Pattern WRITE = Pattern.compile(
			"\\b(?:insert\\s+into|update|delete\\s+from|copy|truncate(?:\\s+table)?|lock\\s+table|alter\\s+table|drop\\s+table(?:\\s+if\\s+exists)?)\\s+(?:only\\s+)?(\\w+)",
			Pattern.CASE_INSENSITIVE);

	/** A name after these is read (a write's "delete from" is also counted here, which changes nothing). */
	private static final Pattern READ = Pattern.compile("\\b(?:from|join|references)\\s+(?:only\\s+)?(\\w+)",
			Pattern.CASE_INSENSITIVE);

	/**
	 * A string is taken for SQL when it carries a word or mark only SQL has here; a message such as
	 * "records from attendance" is prose. A fragment spliced into a statement ("left join team t on …",
	 * " where id = :id") still counts.
	 */
	private static final Pattern SQL_MARK = Pattern.compile(
			"\\b(?:select|insert|update|delete|copy|join|where|returning|truncate|lock|alter|create|drop|references)\\b|:\\w+",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern TEXT_BLOCK = Pattern.compile("\"\"\"(.*?)\"\"\"", Pattern.DOTALL);

	private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\\\n]|\\\\.)*)\"");

	record Use(String table, boolean write) {
	}

	@Test
	void everyTableHasOneOwnerAndEveryModuleKeepsToItsOwn() throws IOException {
		Map<String, String> created = createdByMigrations();
		ApplicationModules modules = ApplicationModules.of(WenmingApplication.class);
		Map<String, ModuleTables> declared = new TreeMap<>();
		for (ApplicationModule module : modules) {
			declared.put(module.getBasePackage().getName(), declaration(module));
		}
		List<String> problems = new ArrayList<>();
		Map<String, String> owner = new TreeMap<>();
		Map<String, String> views = new TreeMap<>();
		declared.forEach((pkg, tables) -> {
			for (String t : tables.owns()) {
				claim(owner, t, pkg, problems);
				if (!"table".equals(created.get(t))) {
					problems.add(pkg + " owns " + t + ", which no migration creates as a table");
				}
			}
			for (String v : tables.publishes()) {
				claim(owner, v, pkg, problems);
				views.put(v, pkg);
				if (!"view".equals(created.get(v))) {
					problems.add(pkg + " publishes " + v + ", which no migration creates as a view");
				}
			}
		});
		created.keySet().stream().filter(t -> !owner.containsKey(t))
			.forEach(t -> problems.add(t + " (" + created.get(t) + ") has no owning module: add it to a @ModuleTables"));

		Map<String, List<Path>> files = sourcesByModule(declared.keySet());
		files.forEach((pkg, paths) -> {
			ModuleTables tables = declared.get(pkg);
			Set<String> own = new TreeSet<>(Arrays.asList(tables.owns()));
			Set<String> reads = new TreeSet<>(Arrays.asList(tables.reads()));
			Set<String> viewsRead = new TreeSet<>();
			for (Path file : paths) {
				for (Use use : uses(read(file), created.keySet())) {
					String where = SOURCES.relativize(file) + ": ";
					if (views.containsKey(use.table())) {
						if (use.write()) {
							problems.add(where + "writes the view " + use.table() + "; published views are read-only");
						}
						else if (!views.get(use.table()).equals(pkg)) {
							viewsRead.add(use.table());
							if (!reads.contains(use.table())) {
								problems.add(where + "reads " + use.table() + " without declaring it in @ModuleTables(reads)");
							}
						}
					}
					else if (!own.contains(use.table())) {
						problems.add(where + (use.write() ? "writes " : "reads ") + use.table() + ", a table of "
								+ owner.getOrDefault(use.table(), "no module")
								+ ": use its owner's Java API, an event-fed projection or a view it publishes");
					}
				}
			}
			reads.stream().filter(r -> !viewsRead.contains(r))
				.forEach(r -> problems.add(pkg + " declares it reads " + r + " but no SQL of it does"));
			reads.stream().filter(r -> !views.containsKey(r))
				.forEach(r -> problems.add(pkg + " declares it reads " + r + ", which no module publishes"));
		});
		assertThat(problems).as("table ownership").isEmpty();
	}

	/** The scanner itself: what it must see as a read and as a write, so the test above can fail. */
	@Test
	void sqlStringsAreReadForReadsAndWrites() {
		Set<String> tables = Set.of("team", "user_role", "published_team", "volunteer");
		String source = """
				String a = "insert into user_role (user_id, role) values (:u, :r)";
				String b = \"\"\"
						select t.name from published_team t
						left join volunteer v on v.id = t.id\"\"\";
				String c = "update team set name = :n";
				String d = "delete from user_role where user_id = :u";
				String e = "select 1"; // from team in a comment is not SQL
				String f = "%,d records from volunteer files";
				String g = " from team t where t.id = :id";
				""";
		assertThat(uses(source, tables)).containsExactlyInAnyOrder(new Use("user_role", true),
				new Use("published_team", false), new Use("volunteer", false), new Use("team", true),
				new Use("user_role", true), new Use("user_role", false), new Use("team", false));
	}

	static List<Use> uses(String source, Set<String> known) {
		List<Use> found = new ArrayList<>();
		for (String sql : strings(source)) {
			if (!SQL_MARK.matcher(sql).find()) {
				continue;
			}
			Matcher w = WRITE.matcher(sql);
			while (w.find()) {
				add(found, known, w.group(1), true);
			}
			Matcher r = READ.matcher(sql);
			while (r.find()) {
				add(found, known, r.group(1), false);
			}
		}
		return found;
	}

	private static void add(List<Use> found, Set<String> known, String name, boolean write) {
		String table = name.toLowerCase();
		if (known.contains(table)) {
			found.add(new Use(table, write));
		}
	}

	/** Text blocks first (their quotes would confuse the literal pattern), then ordinary literals. */
	static List<String> strings(String source) {
		List<String> found = new ArrayList<>();
		Matcher blocks = TEXT_BLOCK.matcher(source);
		StringBuilder rest = new StringBuilder();
		while (blocks.find()) {
			found.add(blocks.group(1));
			blocks.appendReplacement(rest, "\"\"");
		}
		blocks.appendTail(rest);
		Matcher literals = LITERAL.matcher(withoutComments(rest.toString()));
		while (literals.find()) {
			found.add(literals.group(1));
		}
		return found;
	}

	/** Line comments outside strings, so a note like "// reads from team" is not taken for SQL. */
	private static String withoutComments(String source) {
		StringBuilder out = new StringBuilder();
		for (String line : source.split("\n", -1)) {
			int quotes = 0;
			int cut = -1;
			for (int i = 0; i < line.length(); i++) {
				char c = line.charAt(i);
				if (c == '\\') {
					i++;
				}
				else if (c == '"') {
					quotes++;
				}
				else if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/' && quotes % 2 == 0) {
					cut = i;
					break;
				}
			}
			out.append(cut < 0 ? line : line.substring(0, cut)).append('\n');
		}
		return out.toString();
	}

	private static Map<String, String> createdByMigrations() throws IOException {
		Map<String, String> created = new TreeMap<>();
		try (Stream<Path> files = Files.list(MIGRATIONS)) {
			// in Flyway's order (V9 before V10), so that a drop follows its create
			Comparator<Path> byVersion = Comparator.comparingInt(
					f -> Integer.parseInt(f.getFileName().toString().replaceFirst("^V(\\d+)__.*", "$1")));
			for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted(byVersion).toList()) {
				String sql = Files.readString(file);
				Matcher m = CREATED.matcher(sql);
				while (m.find()) {
					created.put(m.group(2).toLowerCase(), m.group(1).toLowerCase().contains("view") ? "view" : "table");
				}
				Matcher dropped = DROPPED.matcher(sql);
				while (dropped.find()) {
					created.remove(dropped.group(1).toLowerCase());
				}
			}
		}
		assertThat(created).as("tables found in %s", MIGRATIONS).isNotEmpty();
		return created;
	}

	private static ModuleTables declaration(ApplicationModule module) {
		String pkg = module.getBasePackage().getName();
		try {
			ModuleTables tables = Class.forName(pkg + ".package-info").getAnnotation(ModuleTables.class);
			assertThat(tables).as("@ModuleTables on %s's package-info", pkg).isNotNull();
			return tables;
		}
		catch (ClassNotFoundException ex) {
			throw new AssertionError(pkg + " has no package-info", ex);
		}
	}

	private static void claim(Map<String, String> owner, String table, String pkg, List<String> problems) {
		String before = owner.putIfAbsent(table, pkg);
		if (before != null && !before.equals(pkg)) {
			problems.add(table + " is claimed by both " + before + " and " + pkg);
		}
	}

	/** Every main source file under the module whose package is the longest prefix of its own. */
	private static Map<String, List<Path>> sourcesByModule(Set<String> packages) throws IOException {
		List<String> longestFirst = packages.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
		Map<String, List<Path>> files = new LinkedHashMap<>();
		try (Stream<Path> all = Files.walk(SOURCES)) {
			for (Path file : all.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
				String pkg = SOURCES.relativize(file.getParent()).toString().replace(java.io.File.separatorChar, '.');
				longestFirst.stream().filter(p -> pkg.equals(p) || pkg.startsWith(p + ".")).findFirst()
					.ifPresent(p -> files.computeIfAbsent(p, k -> new ArrayList<>()).add(file));
			}
		}
		return files;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}

package org.wenming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module map holds (no cycles, no reaching into another module's internals), and the map
 * committed in {@code docs/modules} is the one the code generates.
 */
class ModularityTests {

	static final Path COMMITTED = Path.of("docs/modules");

	/** What the documenter writes, as it writes it. */
	static final Path GENERATED = Path.of("target/modules-generated");

	/** The same in a stable order: what to copy to docs/modules. */
	static final Path TO_COMMIT = Path.of("target/modules");

	private final ApplicationModules modules = ApplicationModules.of(WenmingApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		modules.verify();
	}

	@Test
	void theCommittedModuleMapIsTheGeneratedOne() throws IOException {
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(GENERATED.toString()))
				.writeModulesAsPlantUml()
				.writeIndividualModulesAsPlantUml()
				.writeModuleCanvases();
		Map<String, String> generated = stable(read(GENERATED));
		write(TO_COMMIT, generated);
		assertThat(generated).as("the documenter wrote nothing to " + GENERATED).isNotEmpty();
		assertThat(differences(stable(read(COMMITTED)), generated))
			.as("docs/modules differs from the module map the code gives. If the change is meant, copy the "
					+ "generated map over and commit it:%n  rm -f docs/modules/* && cp target/modules/* docs/modules/%n")
			.isEmpty();
	}

	/** Per file: missing, not generated, or its first line that differs. */
	static List<String> differences(Map<String, String> committed, Map<String, String> generated) {
		List<String> differences = new ArrayList<>();
		TreeMap<String, String> all = new TreeMap<>(committed);
		generated.forEach(all::putIfAbsent);
		for (String name : all.keySet()) {
			String was = committed.get(name);
			String now = generated.get(name);
			if (was == null) {
				differences.add(name + ": not in docs/modules");
			}
			else if (now == null) {
				differences.add(name + ": no longer generated");
			}
			else if (!was.equals(now)) {
				List<String> a = was.lines().toList();
				List<String> b = now.lines().toList();
				int line = 0;
				while (line < Math.min(a.size(), b.size()) && a.get(line).equals(b.get(line))) {
					line++;
				}
				differences.add(name + " line " + (line + 1) + ": committed «" + (line < a.size() ? a.get(line) : "")
						+ "», generated «" + (line < b.size() ? b.get(line) : "") + "»");
			}
		}
		return differences;
	}

	@Test
	void theComparisonIgnoresTheDocumentersOrderButNoRealChange() {
		String canvas = """
				|Bean references
				|* `o.w.r.Regions` (in Region)
				* `o.w.c.Cases` (in Casework)
				|Events listened to
				|* `o.w.v.VolunteerWithdrawn` (async)
				* `o.w.a.ActivityHeld` (async)
				* `o.w.l.ServiceRecordsAppended` (async)
				|===
				""";
		String reordered = """
				|Bean references
				|* `o.w.c.Cases` (in Casework)
				* `o.w.r.Regions` (in Region)
				|Events listened to
				|* `o.w.a.ActivityHeld` (async)
				* `o.w.l.ServiceRecordsAppended` (async)
				* `o.w.v.VolunteerWithdrawn` (async)
				|===
				""";
		assertThat(stable(reordered)).isEqualTo(stable(canvas));
		// an event no longer listened to, or moved to another section, is a change
		assertThat(stable(canvas.replace("* `o.w.a.ActivityHeld` (async)\n", ""))).isNotEqualTo(stable(canvas));
		assertThat(stable(canvas.replace("* `o.w.c.Cases` (in Casework)\n", "")
			.replace("|===", "* `o.w.c.Cases` (in Casework)\n|==="))).isNotEqualTo(stable(canvas));

		String a = "Rel(A, B, \"uses\")\n";
		String b = "Rel(A, C, \"depends on\")\n";
		String c = "Rel(C, B, \"listens to\")\n";
		String diagram = "@startuml\n" + a + b + c + "@enduml\n";
		assertThat(stable("@startuml\n" + c + a + b + "@enduml\n")).isEqualTo(stable(diagram));
		assertThat(stable("@startuml\n" + a + c + "@enduml\n")).isNotEqualTo(stable(diagram));
		assertThat(stable(diagram.replace("uses", "listens to"))).isNotEqualTo(stable(diagram));
	}

	/**
	 * The documenter lists a module's relations and the events it listens to in an order that changes
	 * from run to run; within each run of such lines the order carries no meaning, so each run is
	 * sorted. Anything added, removed, changed or moved to another section still differs.
	 */
	static String stable(String text) {
		List<String> lines = text.lines().toList();
		List<String> out = new ArrayList<>(lines.size());
		int i = 0;
		while (i < lines.size()) {
			Predicate<String> kind = kindOf(lines.get(i));
			if (kind == null) {
				out.add(lines.get(i++));
				continue;
			}
			// a run of relations, or of one list's items ("|* " opens a table cell's list, "* " continues it)
			boolean opensCell = lines.get(i).startsWith("|");
			List<String> run = new ArrayList<>();
			while (i < lines.size() && kind.test(lines.get(i)) && (run.isEmpty() || !lines.get(i).startsWith("|"))) {
				run.add(lines.get(i).startsWith("|") ? lines.get(i).substring(1) : lines.get(i));
				i++;
			}
			run.sort(null);
			if (opensCell) {
				run.set(0, "|" + run.get(0));
			}
			out.addAll(run);
		}
		return String.join("\n", out) + "\n";
	}

	private static Predicate<String> kindOf(String line) {
		if (line.startsWith("Rel(")) {
			return l -> l.startsWith("Rel(");
		}
		if (line.startsWith("* ") || line.startsWith("|* ")) {
			return l -> l.startsWith("* ") || l.startsWith("|* ");
		}
		return null;
	}

	static Map<String, String> stable(Map<String, String> files) {
		Map<String, String> stable = new TreeMap<>();
		files.forEach((name, text) -> stable.put(name, stable(text)));
		return stable;
	}

	static Map<String, String> read(Path folder) throws IOException {
		Map<String, String> files = new TreeMap<>();
		try (Stream<Path> paths = Files.list(folder)) {
			for (Path p : paths.filter(Files::isRegularFile).toList()) {
				files.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
			}
		}
		return files;
	}

	private static void write(Path folder, Map<String, String> files) throws IOException {
		Files.createDirectories(folder);
		try (Stream<Path> old = Files.list(folder)) {
			for (Path p : old.toList()) {
				Files.delete(p);
			}
		}
		for (Map.Entry<String, String> file : files.entrySet()) {
			Files.writeString(folder.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
		}
	}
}

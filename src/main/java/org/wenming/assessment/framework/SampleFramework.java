package org.wenming.assessment.framework;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The sample framework shipped with Wenming ({@code assessment/sample-framework.tsv}): twelve items and
 * some 270 criteria over all fourteen place types, each type's marks adding up to 100. Written for this
 * project as a starting point a city adapts, in the style of the civilization-city assessment; not
 * copied from any official document. Loaded as a draft by staff, published by the demo city.
 */
@Component
public class SampleFramework {

	static final String RESOURCE = "/assessment/sample-framework.tsv";

	/** The name a city's office sees when it loads the sample. */
	public static final String NAME = "文明城市常态化测评体系（示例）";

	public static final String DESCRIPTION = "Wenming 附带的示例测评体系：12个测评项目、覆盖14类点位，每类点位满分100分。各地可在此基础上修改后发布。";

	private final Frameworks frameworks;

	SampleFramework(Frameworks frameworks) {
		this.frameworks = frameworks;
	}

	/** The sample's rows as the file gives them (line numbers counted from 1, comments included). */
	public static Rows rows() {
		Map<String, FrameworkContent.ItemRow> items = new LinkedHashMap<>();
		List<FrameworkContent.CriterionRow> criteria = new ArrayList<>();
		try (InputStream in = SampleFramework.class.getResourceAsStream(RESOURCE);
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			String line;
			long number = 0;
			boolean header = true;
			while ((line = reader.readLine()) != null) {
				number++;
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				if (header) {
					header = false;
					continue;
				}
				String[] f = line.split("\t", -1);
				if (f.length != 10) {
					throw new IllegalStateException(RESOURCE + " line " + number + " has " + f.length + " fields");
				}
				items.putIfAbsent(f[0], new FrameworkContent.ItemRow(number, f[0], f[1]));
				criteria.add(new FrameworkContent.CriterionRow(number, new CriterionDraft(f[0], f[2], f[3], f[4],
						new BigDecimal(f[5]), f[6], f[7].isEmpty() ? null : new BigDecimal(f[7]),
						f[8].isEmpty() ? null : Integer.valueOf(f[8]), f[9])));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<FrameworkContent.ItemRow> ordered = new ArrayList<>(items.values());
		ordered.sort(java.util.Comparator.comparing(FrameworkContent.ItemRow::code));
		return new Rows(ordered, criteria);
	}

	public record Rows(List<FrameworkContent.ItemRow> items, List<FrameworkContent.CriterionRow> criteria) {
	}

	/** The sample checked against the rules and the casework categories of this installation. */
	public FrameworkContent.Checked check() {
		Rows rows = rows();
		return FrameworkContent.check(rows.items(), rows.criteria(), frameworks.placeTypeNames(), frameworks::leafCategory);
	}

	/**
	 * Loads the sample as a new draft under the given name (the next version when the name has
	 * versions already).
	 *
	 * @throws FrameworkRefusedException when the sample does not pass this installation's rules (a
	 *         casework category it names was switched off), or the name has a draft open
	 */
	public long loadDraft(String name, String by) {
		FrameworkContent.Checked checked = check();
		if (!checked.ok()) {
			throw FrameworkRefusedException.conflict("sample", "assessment.framework.error.sampleInvalid");
		}
		return frameworks.createDraftWith(name, DESCRIPTION, checked.items(), checked.criteria(), by);
	}
}

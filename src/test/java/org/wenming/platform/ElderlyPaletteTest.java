package org.wenming.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The elderly mode's colours, read from the {@code html.care} block of wenming.css, meet WCAG's
 * enhanced contrast (7:1, 1.4.6) in every pair the pages use them in.
 */
class ElderlyPaletteTest {

	/** Text colour on background colour, as the style sheet uses them. */
	static final List<List<String>> PAIRS = List.of(
			List.of("--ink", "--paper"), List.of("--ink", "--tint"), List.of("--ink", "--alert-paper"),
			List.of("--ink", "--notice-paper"),
			List.of("--muted", "--paper"), List.of("--muted", "--tint"), List.of("--muted", "--alert-paper"),
			List.of("--muted", "--notice-paper"),
			List.of("--red-dark", "--paper"), List.of("--red-dark", "--tint"), List.of("--red-dark", "--alert-paper"),
			List.of("--red-dark", "--notice-paper"),
			// masthead, buttons and badges; the care switch turns it round (red on white)
			List.of("--on-red", "--red"), List.of("--on-red", "--red-dark"), List.of("--red", "--on-red"));

	@Test
	void everyTextColourHasAtLeastSevenToOneOnItsBackground() throws IOException {
		Map<String, String> palette = carePalette();
		for (List<String> pair : PAIRS) {
			assertThat(palette).as("html.care declares " + pair).containsKeys(pair.get(0), pair.get(1));
			double ratio = contrast(palette.get(pair.get(0)), palette.get(pair.get(1)));
			assertThat(ratio).as("%s %s on %s %s", pair.get(0), palette.get(pair.get(0)), pair.get(1),
					palette.get(pair.get(1))).isGreaterThanOrEqualTo(7.0);
		}
	}

	@Test
	void everyColourOfTheModeIsChecked() throws IOException {
		for (String colour : carePalette().keySet()) {
			assertThat(PAIRS).as(colour + " is in a checked pair").anyMatch(pair -> pair.contains(colour));
		}
	}

	@Test
	void theFormulaAgreesWithKnownRatios() {
		assertThat(contrast("#000000", "#ffffff")).isCloseTo(21.0, org.assertj.core.data.Offset.offset(0.01));
		assertThat(contrast("#767676", "#ffffff")).isCloseTo(4.54, org.assertj.core.data.Offset.offset(0.01));
		// the standard masthead is below 7:1, which is why the mode darkens it
		assertThat(contrast("#ffffff", "#b71c1c")).isLessThan(7.0).isGreaterThan(6.0);
	}

	static Map<String, String> carePalette() throws IOException {
		String css = Files.readString(Path.of("src/main/resources/static/css/wenming.css"));
		Matcher block = Pattern.compile("html\\.care\\s*\\{([^}]*)\\}").matcher(css);
		assertThat(block.find()).as("wenming.css has an html.care block").isTrue();
		Map<String, String> palette = new LinkedHashMap<>();
		Matcher property = Pattern.compile("(--[a-z-]+)\\s*:\\s*(#[0-9a-fA-F]{6})\\s*;").matcher(block.group(1));
		while (property.find()) {
			palette.put(property.group(1), property.group(2));
		}
		assertThat(palette).as("colours of html.care").isNotEmpty();
		return palette;
	}

	/** WCAG 2 contrast ratio of two sRGB colours written #rrggbb. */
	static double contrast(String a, String b) {
		double la = luminance(a);
		double lb = luminance(b);
		return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
	}

	private static double luminance(String hex) {
		int rgb = Integer.parseInt(hex.substring(1), 16);
		return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
	}

	private static double channel(int value) {
		double c = (value & 0xff) / 255.0;
		return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
	}
}

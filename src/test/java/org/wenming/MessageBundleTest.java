package org.wenming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every message exists in Simplified Chinese, Traditional Chinese and English with the same
 * placeholders, the Traditional set has no Simplified-only character, and every key a template uses exists.
 */
class MessageBundleTest {

	private static final Pattern TEMPLATE_KEY = Pattern.compile("ctx\\.t\\(\"([^\"]+)\"");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[,}]");

	@Test
	void chineseAndEnglishBundlesHaveTheSameKeys() throws IOException {
		Resource[] bundles = new PathMatchingResourcePatternResolver().getResources("classpath:messages/*.properties");
		int compared = 0;
		for (Resource bundle : bundles) {
			String name = bundle.getFilename();
			if (name.endsWith("_en.properties") || name.endsWith("_zh_TW.properties")) {
				continue;
			}
			Resource english = bundle.createRelative(name.replace(".properties", "_en.properties"));
			assertThat(english.exists()).as("English bundle for %s", name).isTrue();
			assertThat(load(english).stringPropertyNames()).as("keys of %s vs its English bundle", name)
					.isEqualTo(load(bundle).stringPropertyNames());
			compared++;
		}
		assertThat(compared).isGreaterThanOrEqualTo(3);
	}

	@Test
	void everyBundleHasTheSameKeysInAllThreeLanguages() throws IOException {
		int compared = 0;
		for (Bundle bundle : bundles()) {
			Set<String> keys = bundle.simplified().stringPropertyNames();
			assertThat(bundle.traditional().stringPropertyNames()).as("keys of %s_zh_TW vs zh-CN", bundle.name())
					.isEqualTo(keys);
			assertThat(bundle.english().stringPropertyNames()).as("keys of %s_en vs zh-CN", bundle.name()).isEqualTo(keys);
			compared++;
		}
		assertThat(compared).isEqualTo(basenames().size());
	}

	@Test
	void placeholdersMatchAcrossTheThreeLanguages() throws IOException {
		for (Bundle bundle : bundles()) {
			for (String key : bundle.simplified().stringPropertyNames()) {
				Set<String> expected = placeholders(bundle.simplified().getProperty(key));
				assertThat(placeholders(bundle.traditional().getProperty(key))).as("placeholders of %s in %s_zh_TW", key,
						bundle.name()).isEqualTo(expected);
				assertThat(placeholders(bundle.english().getProperty(key))).as("placeholders of %s in %s_en", key,
						bundle.name()).isEqualTo(expected);
			}
		}
	}

	/** Quoting too: MessageFormat reads {@code ''} as one quote, so the two Chinese sets must quote alike. */
	@Test
	void traditionalKeepsTheQuotingOfSimplified() throws IOException {
		for (Bundle bundle : bundles()) {
			for (String key : bundle.simplified().stringPropertyNames()) {
				assertThat(count(bundle.traditional().getProperty(key), '\''))
						.as("quotes in %s of %s_zh_TW", key, bundle.name())
						.isEqualTo(count(bundle.simplified().getProperty(key), '\''));
			}
		}
	}

	@Test
	void traditionalHasNoSimplifiedOnlyCharacter() throws IOException {
		Allowlist allowed = Allowlist.load();
		List<String> found = new ArrayList<>();
		for (Bundle bundle : bundles()) {
			for (String key : new TreeSet<>(bundle.traditional().stringPropertyNames())) {
				if (allowed.keys().contains(key)) {
					continue;
				}
				String simplifiedOnly = simplifiedOnly(bundle.traditional().getProperty(key), allowed.characters());
				if (!simplifiedOnly.isEmpty()) {
					found.add(bundle.name() + "_zh_TW " + key + ": " + simplifiedOnly);
				}
			}
		}
		assertThat(found).as("Simplified-only characters in the zh-TW bundles (or allow them in %s)", Allowlist.FILE)
				.isEmpty();
	}

	@Test
	void traditionalIsWrittenNotCopied() throws IOException {
		Allowlist allowed = Allowlist.load();
		List<String> copied = new ArrayList<>();
		for (Bundle bundle : bundles()) {
			for (String key : new TreeSet<>(bundle.simplified().stringPropertyNames())) {
				String simplified = bundle.simplified().getProperty(key);
				if (!allowed.keys().contains(key) && simplified.equals(bundle.traditional().getProperty(key))
						&& !simplifiedOnly(simplified, allowed.characters()).isEmpty()) {
					copied.add(bundle.name() + " " + key);
				}
			}
		}
		assertThat(copied).as("zh-TW values left in Simplified characters").isEmpty();
	}

	/** The checks above can fail: a Simplified word is caught, and a Traditional one passes. */
	@Test
	void theCharacterCheckCatchesSimplifiedText() {
		assertThat(simplifiedOnly("志愿者登录", Set.of())).isEqualTo("愿录");
		assertThat(simplifiedOnly("志願者登入 {0} QR Code", Set.of())).isEmpty();
		assertThat(placeholders("第 {0} 行，共 {1,number,#} 行")).containsExactly("{0}", "{1}");
	}

	/** The Han characters of a value that OpenCC's Simplified-to-Traditional table would change. */
	static String simplifiedOnly(String value, Set<Integer> allowed) {
		StringBuilder out = new StringBuilder();
		value.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
				.filter(c -> !allowed.contains(c)).distinct().forEach(c -> {
					String one = Character.toString(c);
					if (!ZhConverterUtil.toTraditional(one).equals(one)) {
						out.appendCodePoint(c);
					}
				});
		return out.toString();
	}

	private static Set<String> placeholders(String value) {
		Set<String> found = new TreeSet<>();
		Matcher m = PLACEHOLDER.matcher(value);
		while (m.find()) {
			found.add("{" + m.group(1) + "}");
		}
		return found;
	}

	private static long count(String value, char c) {
		return value.chars().filter(x -> x == c).count();
	}

	private record Bundle(String name, Properties simplified, Properties traditional, Properties english) {
	}

	/** Every bundle {@code spring.messages.basename} lists, in its three languages. */
	private static List<Bundle> bundles() throws IOException {
		List<Bundle> bundles = new ArrayList<>();
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		for (String basename : basenames()) {
			Resource simplified = resolver.getResource("classpath:" + basename + ".properties");
			Resource traditional = resolver.getResource("classpath:" + basename + "_zh_TW.properties");
			Resource english = resolver.getResource("classpath:" + basename + "_en.properties");
			assertThat(traditional.exists()).as("zh-TW bundle for %s", basename).isTrue();
			assertThat(english.exists()).as("English bundle for %s", basename).isTrue();
			bundles.add(new Bundle(basename.substring(basename.lastIndexOf('/') + 1), load(simplified), load(traditional),
					load(english)));
		}
		return bundles;
	}

	private static List<String> basenames() throws IOException {
		String yaml = Files.readString(Path.of("src/main/resources/application.yml"));
		Matcher m = Pattern.compile("basename:\\s*(\\S+)").matcher(yaml);
		assertThat(m.find()).as("spring.messages.basename in application.yml").isTrue();
		List<String> names = List.of(m.group(1).split(","));
		assertThat(names).hasSizeGreaterThanOrEqualTo(16);
		return names;
	}

	/**
	 * {@value #FILE}: characters a zh-TW value may keep although OpenCC would convert them, and keys
	 * whose value is deliberately not Traditional, each with its reason after a {@code #}.
	 */
	private record Allowlist(Set<Integer> characters, Set<String> keys) {

		static final String FILE = "src/test/resources/zh-tw-allowlist.txt";

		static Allowlist load() throws IOException {
			Set<Integer> characters = new TreeSet<>();
			Set<String> keys = new TreeSet<>();
			for (String line : Files.readAllLines(Path.of(FILE))) {
				String entry = line.replaceFirst("#.*", "").strip();
				if (entry.isEmpty()) {
					continue;
				}
				assertThat(line).as("every entry of %s says why", FILE).matches(".*\\S.*#\\s*\\S.*");
				String[] parts = entry.split("\\s+", 2);
				switch (parts[0]) {
					case "char" -> parts[1].codePoints().forEach(characters::add);
					case "key" -> keys.add(parts[1]);
					default -> throw new AssertionError(FILE + ": " + line);
				}
			}
			return new Allowlist(characters, keys);
		}
	}

	@Test
	void everyKeyUsedInATemplateIsDefined() throws IOException {
		Set<String> defined = new TreeSet<>();
		for (Resource bundle : new PathMatchingResourcePatternResolver().getResources("classpath:messages/*.properties")) {
			defined.addAll(load(bundle).stringPropertyNames());
		}
		Set<String> used = new TreeSet<>();
		try (Stream<Path> templates = Files.walk(Path.of("src/main/jte"))) {
			for (Path template : templates.filter(p -> p.toString().endsWith(".jte")).toList()) {
				Matcher m = TEMPLATE_KEY.matcher(Files.readString(template));
				while (m.find()) {
					used.add(m.group(1));
				}
			}
		}
		assertThat(used).isNotEmpty();
		// "picker.level." + level: a prefix completed at run time; some key must complete it
		Set<String> prefixes = new TreeSet<>();
		used.removeIf(key -> key.endsWith(".") && prefixes.add(key));
		assertThat(defined).containsAll(used);
		for (String prefix : prefixes) {
			assertThat(defined).as("keys completing %s", prefix).anyMatch(key -> key.startsWith(prefix));
		}
	}

	private static Properties load(Resource resource) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = resource.getInputStream()) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}
}

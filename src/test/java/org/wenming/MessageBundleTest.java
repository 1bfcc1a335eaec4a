package org.wenming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** Every message exists in Chinese and English, and every key a template uses exists. */
class MessageBundleTest {

	private static final Pattern TEMPLATE_KEY = Pattern.compile("ctx\\.t\\(\"([^\"]+)\"");

	@Test
	void chineseAndEnglishBundlesHaveTheSameKeys() throws IOException {
		Resource[] bundles = new PathMatchingResourcePatternResolver().getResources("classpath:messages/*.properties");
		int compared = 0;
		for (Resource bundle : bundles) {
			String name = bundle.getFilename();
			if (name.endsWith("_en.properties")) {
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

package org.wenming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The JVM flags of a start live in three places that must agree: the launcher ({@code ./wenming}, the
 * README's run command), {@code spring-boot:run}'s {@code jvmArguments} in the pom, and README's
 * "JVM flags" table, which explains each of them.
 */
class LaunchFlagsTest {

	private static final Path ROOT = Path.of("").toAbsolutePath();

	@Test
	void theLauncherThePomAndTheReadmeNameTheSameFlags() throws IOException {
		List<String> launcher = launcherFlags();
		assertThat(launcher).isNotEmpty().allMatch(flag -> flag.startsWith("-X"));

		Matcher pom = Pattern.compile("<jvmArguments>([^<]*)</jvmArguments>")
				.matcher(Files.readString(ROOT.resolve("pom.xml")));
		assertThat(pom.find()).as("pom.xml: spring-boot-maven-plugin's jvmArguments").isTrue();
		assertThat(Arrays.asList(pom.group(1).trim().split("\\s+"))).isEqualTo(launcher);

		String readme = Files.readString(ROOT.resolve("README.md"));
		String table = readme.substring(readme.indexOf("### JVM flags"));
		for (String flag : launcher) {
			assertThat(table).as("README's JVM-flags table explains " + flag).contains("| `" + flag + "` |");
		}
	}

	@Test
	void theLauncherIsAnExecutableBashScriptWithoutSyntaxErrors() throws Exception {
		Path script = ROOT.resolve("wenming");
		assertThat(Files.isExecutable(script)).isTrue();
		Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
		assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(bash.exitValue()).as(new String(bash.getInputStream().readAllBytes())).isZero();
	}

	private static List<String> launcherFlags() throws IOException {
		Matcher flags = Pattern.compile("(?m)^FLAGS=\\(([^)]*)\\)").matcher(Files.readString(ROOT.resolve("wenming")));
		assertThat(flags.find()).as("./wenming: FLAGS=(...)").isTrue();
		return Arrays.asList(flags.group(1).trim().split("\\s+"));
	}
}

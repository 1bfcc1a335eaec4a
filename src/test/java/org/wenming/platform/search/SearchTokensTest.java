package org.wenming.platform.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class SearchTokensTest {

	@Test
	void aPhrasesQueryTokensAreContainedInALongerTextsTokens() {
		assertThat(SearchTokens.of("新时代文明实践中心")).containsAll(SearchTokens.query("文明实践"));
		assertThat(SearchTokens.query("文明实践")).containsExactly("文明", "明实", "实践");
		assertThat(SearchTokens.of("新时代文明实践中心")).doesNotContain("践文");
	}

	@Test
	void traditionalMatchesSimplified() {
		assertThat(SearchTokens.of("居民身份证换领")).containsAll(SearchTokens.query("身份證"));
		assertThat(SearchTokens.of("居民身份證換領")).containsAll(SearchTokens.query("身份证换领"));
	}

	@Test
	void oneCharacterQueryIsItsUnigram() {
		assertThat(SearchTokens.query("证")).containsExactly("证");
		assertThat(SearchTokens.of("居民身份证")).contains("证");
	}

	@Test
	void latinWordsLowerCasedAndFullWidthFolded() {
		assertThat(SearchTokens.of("Wenming APP 办理ＩＤ 12345")).contains("wenming", "app", "id", "12345", "办理");
		assertThat(SearchTokens.query("WENMING")).containsExactly("wenming");
	}

	@Test
	void emptyAndBlankGiveNoTokens() {
		assertThat(SearchTokens.of(null)).isEmpty();
		assertThat(SearchTokens.of("")).isEmpty();
		assertThat(SearchTokens.of("  \t\n")).isEmpty();
		assertThat(SearchTokens.query("，。！")).isEmpty();
	}

	@Test
	void aMegabyteIsCappedAndQuick() {
		String big = "文明实践中心".repeat(200_000) + "尾巴";
		Instant start = Instant.now();
		var tokens = SearchTokens.of(big);
		assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
		assertThat(tokens).doesNotContain("尾巴").hasSizeLessThan(20);
		String words = "abc ".repeat(300_000);
		assertThat(SearchTokens.of(words)).containsExactly("abc");
	}
}

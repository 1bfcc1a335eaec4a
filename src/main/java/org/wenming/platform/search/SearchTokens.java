package org.wenming.platform.search;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.github.houbb.opencc4j.util.ZhConverterUtil;

/**
 * Search tokens for Chinese and Latin text (issue 19): an n-gram index. A text's tokens are the unigrams and
 * bigrams of its runs of CJK characters (after NFKC, lower-casing and Traditional → Simplified with opencc4j),
 * plus its Latin/digit words; they are kept in a {@code text[]} column with a GIN index, and a query matches the
 * rows whose tokens contain all of the query's ({@code tokens @> :q}). {@link #query} gives the bigrams of each
 * CJK run (its unigram for a one-character run) and the Latin words, so "文明实践" finds "新时代文明实践中心" and
 * "身份證" finds "身份证". {@code pg_trgm} is no help: it ignores CJK under the database's C.UTF-8 ctype.
 *
 * <p>Only the first {@link #MAX_CHARS} characters of a text are tokenized, so a huge input costs a bounded
 * amount of work and storage.
 */
public final class SearchTokens {

	/** How much of a text is tokenized. */
	public static final int MAX_CHARS = 20_000;

	/** The longest Latin/digit word kept as a token (longer ones are cut). */
	static final int MAX_WORD = 40;

	private SearchTokens() {
	}

	/** The tokens a text is indexed under, each once, in first-seen order; empty for null or blank. */
	public static List<String> of(String text) {
		Set<String> tokens = new LinkedHashSet<>();
		for (Run run : runs(text)) {
			if (run.cjk()) {
				String s = run.text();
				for (int i = 0; i < s.length(); i++) {
					tokens.add(s.substring(i, i + 1));
					if (i + 1 < s.length()) {
						tokens.add(s.substring(i, i + 2));
					}
				}
			}
			else {
				tokens.add(run.text());
			}
		}
		return List.copyOf(tokens);
	}

	/**
	 * The tokens a row must all hold to match a query: each CJK run's bigrams (a one-character run's unigram)
	 * and the Latin/digit words; empty for null or blank (match nothing, or everything, as the caller decides).
	 */
	public static List<String> query(String text) {
		Set<String> tokens = new LinkedHashSet<>();
		for (Run run : runs(text)) {
			String s = run.text();
			if (run.cjk() && s.length() > 1) {
				for (int i = 0; i + 1 < s.length(); i++) {
					tokens.add(s.substring(i, i + 2));
				}
			}
			else {
				tokens.add(s);
			}
		}
		return List.copyOf(tokens);
	}

	private record Run(String text, boolean cjk) {
	}

	/** The text folded (NFKC, lower case, Simplified) and cut into CJK runs and Latin/digit words. */
	private static List<Run> runs(String text) {
		List<Run> runs = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return runs;
		}
		String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
		if (Character.isHighSurrogate(cut.charAt(cut.length() - 1))) {
			cut = cut.substring(0, cut.length() - 1);
		}
		String folded = Normalizer.normalize(cut, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		if (folded.codePoints().anyMatch(SearchTokens::isCjk)) {
			folded = ZhConverterUtil.toSimple(folded);
		}
		StringBuilder current = new StringBuilder();
		boolean currentCjk = false;
		for (int i = 0; i < folded.length();) {
			int cp = folded.codePointAt(i);
			i += Character.charCount(cp);
			boolean cjk = isCjk(cp);
			boolean word = !cjk && Character.isLetterOrDigit(cp);
			if (!cjk && !word) {
				flush(runs, current, currentCjk);
				continue;
			}
			if (current.length() > 0 && cjk != currentCjk) {
				flush(runs, current, currentCjk);
			}
			currentCjk = cjk;
			current.appendCodePoint(cp);
		}
		flush(runs, current, currentCjk);
		return runs;
	}

	private static void flush(List<Run> runs, StringBuilder current, boolean cjk) {
		if (current.length() > 0) {
			String s = current.toString();
			if (!cjk && s.length() > MAX_WORD) {
				s = s.substring(0, MAX_WORD);
			}
			runs.add(new Run(s, cjk));
			current.setLength(0);
		}
	}

	static boolean isCjk(int cp) {
		Character.UnicodeScript script = Character.UnicodeScript.of(cp);
		return script == Character.UnicodeScript.HAN && Character.isLetter(cp);
	}
}

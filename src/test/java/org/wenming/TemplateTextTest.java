package org.wenming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A template has no words of its own: every visible text, and every alt, title, placeholder and
 * aria-label, comes from a bundle through an expression. The test removes comments, JTE
 * expressions and tags, scripts, styles and HTML tags from each template and fails on any word
 * (Latin letters or Han characters) that is left.
 */
class TemplateTextTest {

	/** Words that read the same in every language. Keep it tiny; a word here is not translated. */
	private static final Set<String> SAME_IN_EVERY_LANGUAGE = Set.of();

	private static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}|\\p{IsHan}+");

	private static final Pattern VISIBLE_ATTRIBUTE = Pattern
			.compile("\\s(?:alt|title|placeholder|aria-label)\\s*=\\s*\"([^\"]*)\"");

	@Test
	void noTemplateHasTextOutsideTheBundles() throws IOException {
		List<String> found = new ArrayList<>();
		try (Stream<Path> files = Files.walk(Path.of("src/main/jte"))) {
			for (Path template : files.filter(p -> p.toString().endsWith(".jte")).sorted().toList()) {
				for (String word : words(Files.readString(template))) {
					found.add(template + ": " + word);
				}
			}
		}
		assertThat(found).as("text in templates that is not from a bundle (use ctx.t)").isEmpty();
	}

	/** The scanner finds what it is for, and leaves expressions, tags and markup alone. */
	@Test
	void theScannerFindsAPlantedWord() {
		assertThat(words("<p>${ctx.t(\"home.lead\")} Download</p>")).containsExactly("Download");
		assertThat(words("<a href=\"/x\">下载</a>")).containsExactly("下载");
		assertThat(words("<img alt=\"Logo\" src=\"${x}\">")).containsExactly("Logo");
		assertThat(words("@template.platform.layout(ctx = ctx, title = ctx.t(\"t\"), content = @`<h1>${ctx.t(\"h\")} 标题</h1>`)"))
				.containsExactly("标题");
		assertThat(words("""
				@import org.wenming.platform.PageContext
				@param PageContext ctx
				<%-- a comment with words --%><!-- another -->
				@if(ctx.isChinese() && list.size() > 1)<ul class="list">@for(var x : xs)<li>${x.name("中文")}</li>@endfor</ul>@else
				@template.platform.layout(ctx = ctx, title = ctx.t("x"), content = @`<p>${ctx.t("y", a, b)}</p>`)@endif
				<script src="/js/near-me.js" defer></script><style>body { color: red }</style>&nbsp;&middot; · → #${n}
				""")).isEmpty();
	}

	static List<String> words(String template) {
		String text = template.replaceAll("(?s)<%--.*?--%>", " ").replaceAll("(?s)<!--.*?-->", " ")
				.replaceAll("(?m)^\\s*@(import|param)\\b.*$", " ");
		text = removeExpressions(text);
		text = text.replaceAll("(?s)<script\\b.*?</script>", " ").replaceAll("(?s)<style\\b.*?</style>", " ");
		StringBuilder visible = new StringBuilder();
		Matcher attributes = VISIBLE_ATTRIBUTE.matcher(text);
		while (attributes.find()) {
			visible.append(' ').append(attributes.group(1));
		}
		text = text.replaceAll("(?s)<[^>]*>", " ") + visible;
		text = text.replaceAll("&[a-zA-Z]+;|&#\\d+;", " ");
		List<String> words = new ArrayList<>();
		Matcher m = WORD.matcher(text);
		while (m.find()) {
			if (!SAME_IN_EVERY_LANGUAGE.contains(m.group())) {
				words.add(m.group());
			}
		}
		return words;
	}

	/**
	 * Removes ${…}, $unsafe{…}, !{…} and @keyword(…) (with nested brackets and strings) and bare
	 * @keywords, keeping the markup of content blocks ({@code @`…`}) passed to a template call.
	 */
	private static String removeExpressions(String text) {
		StringBuilder out = new StringBuilder();
		scan(text, 0, false, out);
		return out.toString();
	}

	/** Scans from {@code i} to the end, or to the backtick closing a content block; returns where it stopped. */
	private static int scan(String text, int i, boolean inBlock, StringBuilder out) {
		while (i < text.length()) {
			char c = text.charAt(i);
			if (inBlock && c == '`') {
				return i + 1;
			}
			if ((c == '$' || c == '!') && text.startsWith("{", i + 1)) {
				i = skipBalanced(text, i + 1, '{', '}', out);
				out.append(' ');
			}
			else if (c == '$' && text.startsWith("unsafe{", i + 1)) {
				i = skipBalanced(text, i + 7, '{', '}', out);
				out.append(' ');
			}
			else if (c == '@' && i + 1 < text.length() && Character.isLetter(text.charAt(i + 1))) {
				int j = i + 1;
				while (j < text.length() && (Character.isLetterOrDigit(text.charAt(j)) || ".-_".indexOf(text.charAt(j)) >= 0)) {
					j++;
				}
				i = j < text.length() && text.charAt(j) == '(' ? skipBalanced(text, j, '(', ')', out) : j;
				out.append(' ');
			}
			else {
				out.append(c);
				i++;
			}
		}
		return i;
	}

	/**
	 * The index after the bracket that closes the one at {@code open}, skipping Java strings; the
	 * markup of a content block inside (a template call's {@code @`…`}) is scanned into {@code out}.
	 */
	private static int skipBalanced(String text, int open, char opening, char closing, StringBuilder out) {
		int depth = 0;
		for (int i = open; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"') {
				i++;
				while (i < text.length() && text.charAt(i) != '"') {
					i += text.charAt(i) == '\\' ? 2 : 1;
				}
			}
			else if (c == '@' && text.startsWith("`", i + 1)) {
				out.append(' ');
				i = scan(text, i + 2, true, out) - 1;
				out.append(' ');
			}
			else if (c == opening) {
				depth++;
			}
			else if (c == closing && --depth == 0) {
				return i + 1;
			}
		}
		return text.length();
	}
}

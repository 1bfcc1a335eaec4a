package org.wenming.newsroom.integrity;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.wenming.newsroom.BodySanitizer;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

/**
 * What one answer of {@code /news/{number}} is checked for: its status, its article body against the published
 * one's hash (with a diff when they differ), and on the whole page anything hidden by CSS, obsolete tags, links
 * and sources off the allowlist, scripts written into the page. The page itself has no style attribute, no
 * style element and no inline script but its JSON-LD (the CSP would refuse them), so anything of that kind was
 * put there by someone else.
 */
final class PageChecks {

	/** The most text of one finding (the diff included). */
	static final int MAX_DETAIL = 4000;

	/** An inline style that hides its element from the reader while a crawler still reads it. */
	static final Pattern HIDING = Pattern.compile("display\\s*:\\s*none|visibility\\s*:\\s*(?:hidden|collapse)"
			+ "|font-size\\s*:\\s*(?:(?:0|0?\\.[0-4]\\d*)(?:em|rem|%)?|[01](?:\\.\\d+)?(?:px|pt))\\s*(?:;|!|$)|opacity\\s*:\\s*0?(?:\\.0\\d*)?\\s*(?:;|!|$)"
			+ "|(?:left|top|right|bottom|text-indent|margin-left|margin-top)\\s*:\\s*-\\d{3,}"
			+ "|(?:^|[;\\s])(?:width|height|max-width|max-height)\\s*:\\s*0(?:px)?\\s*(?:;|!|$)|clip\\s*:\\s*rect\\(\\s*0"
			+ "|clip-path\\s*:\\s*inset\\(\\s*50%|color\\s*:\\s*transparent|transform\\s*:\\s*scale\\(\\s*0\\s*\\)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern FOREGROUND = Pattern.compile("(?:^|[;\\s])color\\s*:\\s*([#a-z0-9]+)", Pattern.CASE_INSENSITIVE);

	private static final Pattern BACKGROUND = Pattern.compile("background(?:-color)?\\s*:\\s*([#a-z0-9]+)",
			Pattern.CASE_INSENSITIVE);

	/** Tags no page of ours writes; the real attack wrapped its spam links in them. */
	static final Set<String> OBSOLETE_TAGS = Set.of("font", "marquee", "center", "blink", "big", "strike", "tt",
			"basefont", "applet", "nobr", "spacer", "frameset", "frame", "noframes", "xmp", "plaintext");

	/** The share targets the article page links to (newsroom/article.jte). */
	static final Set<String> SHARE_HOSTS = Set.of("service.weibo.com");

	/** What the links may point at: this site, the allowlist, the article's reprint. */
	record Allowed(Set<String> ownHosts, Predicate<String> listed, String reprintUrl) {

		boolean allows(URI uri) {
			String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
			return ownHosts.contains(host) || SHARE_HOSTS.contains(host) || listed.test(host)
					|| (reprintUrl != null && reprintUrl.equals(uri.toString()));
		}
	}

	/** One answer's outcome: its findings by kind and the hash of its article body (null: none). */
	record Outcome(Map<FindingKind, String> findings, String bodyHash) {
	}

	private PageChecks() {
	}

	/**
	 * @param keptBody the published body, read only when the hash differs (for the diff)
	 */
	static Outcome check(int status, String location, String html, URI page, Allowed allowed, String keptHash,
			java.util.function.Supplier<String> keptBody) {
		Map<FindingKind, String> found = new EnumMap<>(FindingKind.class);
		if (status >= 300 && status < 400) {
			found.put(FindingKind.REDIRECT, bound(status + " → " + (location == null ? "(no Location)" : location)));
			return new Outcome(found, null);
		}
		if (status != 200) {
			found.put(FindingKind.STATUS, String.valueOf(status));
			return new Outcome(found, null);
		}
		Document doc = Jsoup.parse(html, page.toString());
		doc.outputSettings().prettyPrint(false);
		// one walk over the page (a selector per kind of check would walk it a dozen times: measured ~3x dearer)
		Element body = null;
		List<String> hidden = new ArrayList<>();
		List<String> links = new ArrayList<>();
		List<String> scripts = new ArrayList<>();
		for (Element e : doc.getAllElements()) {
			String tag = e.normalName();
			if (body == null && tag.equals("div") && e.hasClass("article-body")) {
				body = e;
			}
			if (e.attributesSize() > 0) {
				String style = e.attr("style");
				if (!style.isEmpty() && hides(style)) {
					hidden.add(describe(e, "style=\"" + style + "\""));
				}
				for (Attribute a : e.attributes()) {
					if (a.getKey().toLowerCase(Locale.ROOT).startsWith("on")) {
						scripts.add(describe(e, a.getKey() + "=\"" + a.getValue() + "\""));
					}
				}
			}
			if (OBSOLETE_TAGS.contains(tag)) {
				hidden.add(describe(e, "obsolete <" + tag + ">"));
			}
			switch (tag) {
				case "style" -> {
					if (hides(e.data())) {
						hidden.add("<style> " + shorten(e.data(), 200));
					}
				}
				case "script" -> {
					if (e.hasAttr("src")) {
						link(e, "src", page, allowed, links);
					}
					else if (!"application/ld+json".equalsIgnoreCase(e.attr("type").strip())) {
						scripts.add("<script> " + shorten(e.data(), 200));
					}
				}
				case "a", "area", "link" -> link(e, "href", page, allowed, links);
				case "iframe", "frame", "img", "embed", "source", "video", "audio" -> link(e, "src", page, allowed, links);
				case "object" -> link(e, "data", page, allowed, links);
				case "form" -> link(e, "action", page, allowed, links);
				case "meta" -> {
					if ("refresh".equalsIgnoreCase(e.attr("http-equiv").strip())) {
						String content = e.attr("content");
						int at = content.toLowerCase(Locale.ROOT).indexOf("url=");
						String target = at < 0 ? "" : content.substring(at + 4).strip().replaceAll("^['\"]|['\"]$", "");
						check(e, target.isEmpty() ? page.toString() : resolve(page, target), allowed, links, "refresh");
					}
				}
				default -> {
				}
			}
		}
		String hash = null;
		if (body == null) {
			found.put(FindingKind.BODY_CHANGED, "no <div class=\"article-body\"> in the page");
		}
		else {
			String fetched = body.html();
			hash = BodySanitizer.sha256(fetched);
			if (!hash.equals(keptHash)) {
				found.put(FindingKind.BODY_CHANGED, bound(diff(keptBody.get(), fetched)));
			}
		}
		if (!hidden.isEmpty()) {
			found.put(FindingKind.HIDDEN_CONTENT, bound(String.join("\n", hidden)));
		}
		if (!links.isEmpty()) {
			found.put(FindingKind.OFF_LIST_LINK, bound(String.join("\n", links)));
		}
		if (!scripts.isEmpty()) {
			found.put(FindingKind.INLINE_SCRIPT, bound(String.join("\n", scripts)));
		}
		return new Outcome(found, hash);
	}

	static boolean hides(String css) {
		if (HIDING.matcher(css).find()) {
			return true;
		}
		var fg = FOREGROUND.matcher(css);
		var bg = BACKGROUND.matcher(css);
		return fg.find() && bg.find() && fg.group(1).equalsIgnoreCase(bg.group(1));
	}

	private static void link(Element e, String attribute, URI page, Allowed allowed, List<String> out) {
		String value = e.attr(attribute).strip();
		if (value.isEmpty() || value.startsWith("#")) {
			return;
		}
		if (value.startsWith("/") && !value.startsWith("//") && value.indexOf('\\') < 0) {
			return; // a path on this site (most of the page's links): nothing to resolve
		}
		check(e, resolve(page, value), allowed, out, attribute);
	}

	private static String resolve(String base, String value) {
		try {
			return URI.create(base).resolve(value.replace(" ", "%20")).toString();
		}
		catch (IllegalArgumentException ex) {
			return value;
		}
	}

	private static String resolve(URI base, String value) {
		return resolve(base.toString(), value);
	}

	private static void check(Element e, String target, Allowed allowed, List<String> out, String attribute) {
		String lower = target.toLowerCase(Locale.ROOT);
		if (lower.startsWith("mailto:") || lower.startsWith("tel:")) {
			return;
		}
		URI uri;
		try {
			uri = URI.create(target);
		}
		catch (IllegalArgumentException ex) {
			out.add(describe(e, attribute + "=\"" + target + "\" (not a valid address)"));
			return;
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if ((scheme.equals("http") || scheme.equals("https")) && allowed.allows(uri)) {
			return;
		}
		out.add(describe(e, attribute + "=\"" + target + "\""));
	}

	/** An element in a few words: its tag, what was found, its text. */
	private static String describe(Element e, String what) {
		return "<" + e.tagName() + "> " + shorten(what, 300) + (e.text().isBlank() ? "" : " «" + shorten(e.text(), 120) + "»");
	}

	/** A unified diff of the kept body and the fetched one, a line per tag. */
	static String diff(String kept, String fetched) {
		List<String> a = lines(BodySanitizer.canonical(kept == null ? "" : kept));
		List<String> b = lines(BodySanitizer.canonical(fetched));
		Patch<String> patch = DiffUtils.diff(a, b);
		List<String> unified = UnifiedDiffUtils.generateUnifiedDiff("published", "served", a, patch, 1);
		return String.join("\n", unified);
	}

	private static List<String> lines(String html) {
		return java.util.Arrays.stream(html.replace(">", ">\n").replace("<", "\n<").split("\n"))
			.filter(s -> !s.isBlank()).toList();
	}

	static String shorten(String text, int max) {
		String t = text.strip().replaceAll("\\s+", " ");
		return t.length() <= max ? t : t.substring(0, max) + "…";
	}

	static String bound(String text) {
		return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "\n…";
	}
}

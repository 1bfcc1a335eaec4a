package org.wenming.newsroom;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The article body's allowlist. The input is parsed once (jsoup's HTML5 parser, as a browser would), walked
 * against the policy — each element, attribute, link and image it does not allow is removed and listed — and
 * the result passed through jsoup's {@link Cleaner} with the same policy as a {@link Safelist}, so nothing the
 * walk missed survives (the tests hold that the cleaner then finds nothing more to remove). The output is the
 * canonical serialization ({@link #canonical}): what is stored, what the article page emits, what is hashed.
 *
 * <ul>
 * <li>kept: p, h2–h4, strong, em, ul/ol/li, blockquote, figure/figcaption, img, a, table basics, br;</li>
 * <li>removed with their content: script, style, iframe, object, embed, svg, math, forms, templates…;</li>
 * <li>every other tag (font, center, marquee, blink, span, div, b, u…) removed, its text kept;</li>
 * <li>no attribute but a's href/title, img's src/alt/width/height, a cell's colspan/rowspan/scope — no
 * style, no class, no event handler; a style that hid content is listed as such;</li>
 * <li>a link only to https on an allowlisted domain (else its text is kept); an image only from
 * {@code /news/photos/{id}}, the path this module serves its object store's photos at (else removed).</li>
 * </ul>
 * Too long or too deeply nested input is refused ({@link NewsRefusedException} on {@code body}).
 */
public final class BodySanitizer {

	/** What one removal was; the message key is {@code newsroom.removal.<kind>} with {@code detail} as argument. */
	public enum Kind {
		ELEMENT, TAG, ATTRIBUTE, HIDDEN, LINK, IMAGE, COMMENT
	}

	/** One removal, listed to the editor. */
	public record Removal(Kind kind, String detail) {

		public String messageKey() {
			return "newsroom.removal." + kind.name();
		}
	}

	/** The clean body and what was taken out of the input. */
	public record Result(String html, List<Removal> removals) {
	}

	static final Set<String> KEPT = Set.of("p", "h2", "h3", "h4", "strong", "em", "ul", "ol", "li", "blockquote",
			"figure", "figcaption", "img", "a", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "br");

	/** Removed with everything inside: active content, embedded documents, forms, metadata. */
	static final Set<String> DROPPED = Set.of("script", "style", "iframe", "frame", "frameset", "object", "embed",
			"applet", "svg", "math", "template", "noscript", "noembed", "noframes", "xmp", "plaintext", "form", "input",
			"button", "select", "option", "optgroup", "textarea", "link", "meta", "base", "title", "head", "audio",
			"video", "source", "track", "canvas", "dialog", "portal", "param", "xml", "import", "datalist", "output");

	static final Map<String, Set<String>> ATTRIBUTES = Map.of("a", Set.of("href", "title"), "img",
			Set.of("src", "alt", "width", "height"), "th", Set.of("colspan", "rowspan", "scope"), "td",
			Set.of("colspan", "rowspan"));

	/** The one place images may come from: this module's photo URL. */
	public static final Pattern OWN_IMAGE = Pattern.compile("/news/photos/[0-9]{1,18}");

	private static final Pattern DIGITS = Pattern.compile("[0-9]{1,4}");

	private static final Pattern SCOPE = Pattern.compile("row|col|rowgroup|colgroup");

	/** A style that hides text from the reader while a crawler still reads it (黑链 tricks). */
	private static final Pattern HIDING = Pattern.compile(
			"display\\s*:\\s*none|visibility\\s*:\\s*hidden|font-size\\s*:\\s*0|(?:left|top|text-indent)\\s*:\\s*-\\d{3,}"
					+ "|position\\s*:\\s*(?:absolute|fixed)|opacity\\s*:\\s*0|height\\s*:\\s*0|width\\s*:\\s*0"
					+ "|color\\s*:\\s*(?:#fff\\b|#ffffff|white|transparent)|overflow\\s*:\\s*hidden|clip",
			Pattern.CASE_INSENSITIVE);

	/** The same policy for jsoup's cleaner, the second line. */
	static final Safelist SAFELIST = Safelist.none().addTags(KEPT.toArray(String[]::new))
		.addAttributes("a", "href", "title")
		.addAttributes("img", "src", "alt", "width", "height")
		.addAttributes("th", "colspan", "rowspan", "scope")
		.addAttributes("td", "colspan", "rowspan")
		.addProtocols("a", "href", "https");

	private final int maxChars;

	private final int maxDepth;

	public BodySanitizer(int maxChars, int maxDepth) {
		this.maxChars = maxChars;
		this.maxDepth = maxDepth;
	}

	/**
	 * Cleans a body.
	 *
	 * @param linkAllowed whether a link may point at a host (https already checked)
	 * @throws NewsRefusedException on {@code body}: empty, too long, nested too deeply
	 */
	public Result sanitize(String input, Predicate<String> linkAllowed) {
		if (input == null || input.isBlank()) {
			throw NewsRefusedException.of("body", "newsroom.error.bodyRequired");
		}
		if (input.length() > maxChars) {
			throw NewsRefusedException.of("body", "newsroom.error.bodyTooLong");
		}
		Document doc = Jsoup.parseBodyFragment(input);
		if (depth(doc.body()) > maxDepth) {
			throw NewsRefusedException.of("body", "newsroom.error.bodyTooDeep");
		}
		List<Removal> removals = new ArrayList<>();
		// a <body onload=…> in the input lands on the fragment's own body element: listed, then dropped
		attributes(doc.body(), "body", removals);
		walk(doc.body(), linkAllowed, removals);
		Document clean = new Cleaner(SAFELIST).clean(doc);
		String html = serialize(clean);
		if (Jsoup.parseBodyFragment(html).body().text().isBlank() && clean.body().select("img").isEmpty()) {
			throw NewsRefusedException.of("body", "newsroom.error.bodyEmptyAfterCleaning");
		}
		return new Result(html, List.copyOf(removals));
	}

	/** The walk's result alone, before jsoup's cleaner (the tests hold that the cleaner changes nothing more). */
	String walkedOnly(String input, Predicate<String> linkAllowed) {
		Document doc = Jsoup.parseBodyFragment(input);
		attributes(doc.body(), "body", new ArrayList<>());
		walk(doc.body(), linkAllowed, new ArrayList<>());
		return serialize(doc);
	}

	/** The deepest nesting under the element, counted without recursion. */
	static int depth(Element root) {
		int[] max = { 0 };
		NodeTraversor.traverse((NodeVisitor) (node, depth) -> {
			if (depth > max[0]) {
				max[0] = depth;
			}
		}, root);
		return max[0];
	}

	private static void walk(Element parent, Predicate<String> linkAllowed, List<Removal> removals) {
		for (Node child : List.copyOf(parent.childNodes())) {
			if (child instanceof TextNode) {
				continue;
			}
			if (child instanceof Comment) {
				child.remove();
				removals.add(new Removal(Kind.COMMENT, ""));
				continue;
			}
			if (!(child instanceof Element el)) {
				// a data node outside a dropped element, a doctype, an XML declaration
				if (child instanceof DataNode) {
					removals.add(new Removal(Kind.ELEMENT, "data"));
				}
				child.remove();
				continue;
			}
			String tag = el.normalName();
			if (DROPPED.contains(tag) || tag.contains(":")) {
				el.remove();
				removals.add(new Removal(Kind.ELEMENT, tag));
				continue;
			}
			attributes(el, tag, removals);
			walk(el, linkAllowed, removals);
			if (!KEPT.contains(tag)) {
				removals.add(new Removal(Kind.TAG, tag));
				unwrap(el);
			}
			else if (tag.equals("a")) {
				String href = el.attr("href");
				String host = href.isEmpty() ? null : httpsHost(href);
				if (host == null || !linkAllowed.test(host)) {
					removals.add(new Removal(Kind.LINK, href.isEmpty() ? "" : shown(href)));
					unwrap(el);
				}
			}
			else if (tag.equals("img")) {
				String src = el.attr("src");
				if (!OWN_IMAGE.matcher(src).matches()) {
					removals.add(new Removal(Kind.IMAGE, shown(src)));
					el.remove();
				}
			}
		}
	}

	private static void unwrap(Element el) {
		if (el.childNodeSize() == 0) {
			el.remove();
		}
		else {
			el.unwrap();
		}
	}

	private static void attributes(Element el, String tag, List<Removal> removals) {
		Set<String> allowed = ATTRIBUTES.getOrDefault(tag, Set.of());
		for (Attribute a : List.copyOf(el.attributes().asList())) {
			String name = a.getKey().toLowerCase(Locale.ROOT);
			String value = a.getValue();
			boolean keep = allowed.contains(name) && switch (name) {
				case "width", "height", "colspan", "rowspan" -> DIGITS.matcher(value).matches();
				case "scope" -> SCOPE.matcher(value).matches();
				default -> true;
			};
			if (!keep) {
				el.removeAttr(a.getKey());
				boolean hid = name.equals("style") && HIDING.matcher(value).find() || name.equals("hidden");
				removals.add(new Removal(hid ? Kind.HIDDEN : Kind.ATTRIBUTE, tag + " " + name));
			}
		}
	}

	/** The host of an https URL without credentials, lower case; null for anything else. */
	static String httpsHost(String href) {
		try {
			URI uri = new URI(href.strip());
			if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getRawUserInfo() != null || uri.getHost() == null) {
				return null;
			}
			return uri.getHost().toLowerCase(Locale.ROOT);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static String shown(String value) {
		String oneLine = value.replaceAll("\\s+", " ");
		return oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine;
	}

	/** The canonical serialization of a body fragment: parsed and written out without pretty-printing. */
	public static String canonical(String html) {
		return serialize(Jsoup.parseBodyFragment(html));
	}

	private static String serialize(Document doc) {
		doc.outputSettings().prettyPrint(false).charset(StandardCharsets.UTF_8).escapeMode(Entities.EscapeMode.base);
		return doc.body().html();
	}

	/** The SHA-256 (hex) of a body's canonical serialization: the integrity sweep's reference. */
	public static String sha256(String html) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
				.digest(canonical(html).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}
}

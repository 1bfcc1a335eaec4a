package org.wenming.newsroom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wenming.region.FieldProblem;

/**
 * The article body's allowlist against hostile HTML: a representative set of OWASP's XSS filter evasion cheat
 * sheet, hidden-text (黑链) tricks, nested obsolete tags, javascript:/data: URLs, SVG with script, huge and
 * deeply nested input. Every result is checked by parsing it again: only allowed tags, only allowed attributes,
 * links only https to allowed domains, images only from /news/photos/. Every removal is listed (the walk alone
 * gives the same body as walk-then-cleaner), and nothing hangs.
 */
class BodySanitizerTest {

	static final Predicate<String> ALLOWED = host -> host.equals("www.xjrb.com") || host.endsWith(".gov.cn");

	final BodySanitizer sanitizer = new BodySanitizer(200_000, 64);

	/** OWASP XSS filter evasion cheat sheet, and friends. */
	@ParameterizedTest
	@ValueSource(strings = { "<SCRIPT SRC=https://xss.rocks/xss.js></SCRIPT>",
			"<IMG SRC=\"javascript:alert('XSS');\">", "<IMG SRC=javascript:alert('XSS')>",
			"<IMG SRC=JaVaScRiPt:alert('XSS')>", "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
			"<a onmouseover=\"alert(document.cookie)\">xxs link</a>", "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
			"<IMG SRC=# onmouseover=\"alert('xxs')\">", "<IMG SRC= onmouseover=\"alert('xxs')\">",
			"<IMG onmouseover=\"alert('xxs')\">", "<IMG SRC=/ onerror=\"alert(String.fromCharCode(88,83,83))\"></img>",
			"<img src=x onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041\">",
			"<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
			"<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
			"<IMG SRC=\"jav\tascript:alert('XSS');\">", "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
			"<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">", "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
			"<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>", "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
			"<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>", "<SCRIPT SRC=http://xss.rocks/xss.js?< B >",
			"<IMG SRC=\"`<javascript:alert>`('XSS')\"", "</TITLE><SCRIPT>alert(\"XSS\");</SCRIPT>",
			"<INPUT TYPE=\"IMAGE\" SRC=\"javascript:alert('XSS');\">", "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
			"<IMG DYNSRC=\"javascript:alert('XSS')\">", "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
			"<svg/onload=alert('XSS')>", "<svg><script>alert(1)</script><a xlink:href=\"javascript:alert(1)\">x</a></svg>",
			"<BODY ONLOAD=alert('XSS')>", "<BGSOUND SRC=\"javascript:alert('XSS');\">", "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">",
			"<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
			"<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>", "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>",
			"<TABLE BACKGROUND=\"javascript:alert('XSS')\"><TD BACKGROUND=\"javascript:alert('XSS')\">x</TD></TABLE>",
			"<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">x</DIV>", "<DIV STYLE=\"width: expression(alert('XSS'));\">x</DIV>",
			"<IMG STYLE=\"xss:expr/*XSS*/ession(alert('XSS'))\">", "<BASE HREF=\"javascript:alert('XSS');//\">",
			"<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"http://xss.rocks/scriptlet.html\"></OBJECT>",
			"<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv MjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hs aW5rIiB2ZXJzaW9uPSIxLjAiIHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAw IiBpZD0ieHNzIj48c2NyaXB0IHR5cGU9InRleHQvZWNtYXNjcmlwdCI+YWxlcnQoIlh TUyIpOzwvc2NyaXB0Pjwvc3ZnPg==\" type=\"image/svg+xml\" AllowScriptAccess=\"always\"></EMBED>",
			"<a href=\"javascript:alert(1)\">click</a>", "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">d</a>",
			"<a href=\"https://evil.example/\">赌场</a>", "<a href=\"http://www.xjrb.com/\">plain http</a>",
			"<a href=\"https://user@www.xjrb.com/\">credentials</a>", "<a href=\"//evil.example/\">protocol-relative</a>",
			"<img src=\"data:image/png;base64,iVBORw0KGgo=\">", "<img src=\"https://evil.example/x.png\">",
			"<img src=\"/news/photos/1/../../admin\">", "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
			"<template><script>alert(1)</script></template>", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
			"<form action=\"https://evil.example\"><button>go</button></form>", "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->",
			"<p class=\"hidden\" id=\"x\" data-x=\"1\" onclick=\"alert(1)\">attrs</p>" })
	void hostileInputIsCleaned(String input) {
		BodySanitizer.Result result;
		try {
			result = sanitizer.sanitize(input + "<p>正文</p>", ALLOWED);
		}
		catch (NewsRefusedException ex) {
			// an unclosed script or the like swallowed the rest: a clear refusal on the body
			assertThat(ex.problems()).extracting(FieldProblem::field).containsExactly("body");
			return;
		}
		assertClean(result.html());
		if (!result.html().equals(BodySanitizer.canonical(input + "<p>正文</p>"))) {
			// what the HTML parser itself discards (a frameset in a body) never reaches the DOM to be listed
			assertThat(result.removals()).as("every removal is listed").isNotEmpty();
		}
		assertThat(sanitizer.walkedOnly(input + "<p>正文</p>", ALLOWED)).as("the cleaner finds nothing the walk missed")
			.isEqualTo(result.html());
	}

	@ParameterizedTest
	@ValueSource(strings = { "<div style=\"display:none\"><a href=\"https://casino.example/\">澳门赌场</a></div>",
			"<span style=\"visibility: hidden\">隐藏文字</span>", "<font style=\"font-size:0\">零字号</font>",
			"<div style=\"position:absolute;left:-9999px\">移出屏幕</div>",
			"<p style=\"color:#fff;background:#fff\">白底白字</p>", "<p hidden>hidden attribute</p>",
			"<div class=\"hide\">a class that hides</div>" })
	void hiddenTextTricksLoseTheirHidingAndAreListed(String input) {
		BodySanitizer.Result result = sanitizer.sanitize(input, ALLOWED);
		assertClean(result.html());
		assertThat(result.html()).doesNotContain("style=").doesNotContain("class=").doesNotContain(" hidden")
			.doesNotContain("casino.example");
		assertThat(result.removals()).extracting(BodySanitizer.Removal::kind)
			.containsAnyOf(BodySanitizer.Kind.HIDDEN, BodySanitizer.Kind.ATTRIBUTE);
		if (input.contains("style") || input.contains("hidden>")) {
			assertThat(result.removals()).extracting(BodySanitizer.Removal::kind).contains(BodySanitizer.Kind.HIDDEN);
		}
	}

	@Test
	void theSpamInjectionOfTheSeedPageBecomesVisibleTextAndIsListed() {
		String input = "<p>市民积极参与志愿服务。</p><center><font color=\"#ffffff\" style=\"display:none\">"
				+ "<marquee><blink><a href=\"https://bet.example/\">网上赌场</a></blink></marquee></font></center>"
				+ "<p>详见<a href=\"https://www.xjrb.com/news/1\">西江日报</a>。</p>";
		BodySanitizer.Result result = sanitizer.sanitize(input, ALLOWED);
		assertThat(result.html()).isEqualTo(
				"<p>市民积极参与志愿服务。</p>网上赌场<p>详见<a href=\"https://www.xjrb.com/news/1\">西江日报</a>。</p>");
		assertThat(result.removals()).containsExactlyInAnyOrder(
				new BodySanitizer.Removal(BodySanitizer.Kind.ATTRIBUTE, "font color"),
				new BodySanitizer.Removal(BodySanitizer.Kind.HIDDEN, "font style"),
				new BodySanitizer.Removal(BodySanitizer.Kind.LINK, "https://bet.example/"),
				new BodySanitizer.Removal(BodySanitizer.Kind.TAG, "blink"),
				new BodySanitizer.Removal(BodySanitizer.Kind.TAG, "marquee"),
				new BodySanitizer.Removal(BodySanitizer.Kind.TAG, "font"),
				new BodySanitizer.Removal(BodySanitizer.Kind.TAG, "center"));
	}

	@Test
	void allowedContentPassesUnchanged() {
		String input = "<h2>小标题</h2><p><strong>加粗</strong>与<em>强调</em><br>换行</p><ul><li>一</li></ul><ol><li>二</li></ol>"
				+ "<blockquote>引用</blockquote><figure><img src=\"/news/photos/12\" alt=\"图\" width=\"640\" height=\"480\">"
				+ "<figcaption>说明</figcaption></figure><table><thead><tr><th scope=\"col\">项</th></tr></thead>"
				+ "<tbody><tr><td colspan=\"2\">值</td></tr></tbody></table>"
				+ "<p><a href=\"https://www.zhaoqing.gov.cn/\" title=\"市政府\">市政府</a></p>";
		BodySanitizer.Result result = sanitizer.sanitize(input, ALLOWED);
		assertThat(result.removals()).isEmpty();
		assertThat(result.html()).isEqualTo(input);
		assertThat(BodySanitizer.canonical(result.html())).isEqualTo(result.html());
		assertThat(BodySanitizer.sha256(result.html())).hasSize(64).isEqualTo(BodySanitizer.sha256(input));
	}

	@Test
	void nestedObsoleteTagsKeepTheirText() {
		BodySanitizer.Result result = sanitizer
			.sanitize("<center><font><marquee><blink><font><b><u>文字</u></b></font></blink></marquee></font></center>", ALLOWED);
		assertThat(result.html()).isEqualTo("文字");
		assertThat(result.removals()).hasSize(7).allMatch(r -> r.kind() == BodySanitizer.Kind.TAG);
	}

	@Test
	void aMegabyteBodyIsRefusedQuickly() {
		String huge = "<p>" + "文".repeat(1024 * 1024) + "</p>";
		Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5),
				() -> assertRefused(() -> sanitizer.sanitize(huge, ALLOWED), "newsroom.error.bodyTooLong"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "div", "font", "b", "blockquote", "table" })
	void tenThousandNestedTagsAreRefusedWithoutHanging(String tag) {
		String deep = ("<" + tag + ">").repeat(10_000) + "x" + ("</" + tag + ">").repeat(10_000);
		Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
			try {
				BodySanitizer.Result result = sanitizer.sanitize(deep, ALLOWED);
				assertClean(result.html()); // the parser may flatten it: then a clean result
			}
			catch (NewsRefusedException ex) {
				assertThat(ex.problems()).extracting(FieldProblem::field).containsExactly("body");
			}
		});
	}

	@Test
	void emptyOrOnlyHostileBodiesAreRefused() {
		assertRefused(() -> sanitizer.sanitize("  ", ALLOWED), "newsroom.error.bodyRequired");
		assertRefused(() -> sanitizer.sanitize("<script>alert(1)</script>", ALLOWED),
				"newsroom.error.bodyEmptyAfterCleaning");
	}

	static void assertRefused(Runnable call, String key) {
		assertThatThrownBy(call::run).isInstanceOfSatisfying(NewsRefusedException.class,
				ex -> assertThat(ex.problems()).containsExactly(new FieldProblem("body", key)));
	}

	/** Parsed again: nothing but the allowlist. */
	static void assertClean(String html) {
		for (Element el : Jsoup.parseBodyFragment(html).body().select("*")) {
			if (el.normalName().equals("body")) {
				continue;
			}
			assertThat(BodySanitizer.KEPT).as(html).contains(el.normalName());
			for (Attribute a : el.attributes()) {
				assertThat(BodySanitizer.ATTRIBUTES.getOrDefault(el.normalName(), java.util.Set.of())).as(html)
					.contains(a.getKey());
			}
			if (el.normalName().equals("a")) {
				String host = BodySanitizer.httpsHost(el.attr("href"));
				assertThat(host).as(html).isNotNull();
				assertThat(ALLOWED.test(host)).as(html).isTrue();
			}
			if (el.normalName().equals("img")) {
				assertThat(el.attr("src")).as(html).matches(BodySanitizer.OWN_IMAGE);
			}
		}
		assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script").doesNotContain("javascript:")
			.doesNotContain("onerror").doesNotContain("onload").doesNotContain("<svg");
	}
}

package org.wenming.newsroom.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.wenming.newsroom.BodySanitizer;

/** The checks of one answer, without a server: what hides, what links off the list, what is a script. */
class PageChecksTest {

	static final URI PAGE = URI.create("https://wenming.example.gov.cn/news/N2026-000001");

	static final String BODY = "<p>正文<a href=\"https://www.xjrb.com/a.html\">西江日报</a></p>";

	static final PageChecks.Allowed ALLOWED = new PageChecks.Allowed(Set.of("wenming.example.gov.cn"),
			host -> host.equals("www.xjrb.com") || host.endsWith(".xjrb.com"), "https://www.nfdaily.cn/1.html");

	static String page(String head, String body, String after) {
		return "<!doctype html><html><head><link rel=\"stylesheet\" href=\"/css/wenming.css\">"
				+ "<script src=\"/js/news-share.js\" defer></script><script type=\"application/ld+json\">{\"a\":1}</script>"
				+ head + "</head><body><article><div class=\"article-body\">" + body + "</div>"
				+ "<p><a href=\"https://service.weibo.com/share/share.php?url=x\">微博</a>"
				+ "<a href=\"https://www.nfdaily.cn/1.html\">原文</a><a href=\"/news\">返回</a></p>" + after
				+ "</article></body></html>";
	}

	static PageChecks.Outcome check(String html) {
		return PageChecks.check(200, null, html, PAGE, ALLOWED, BodySanitizer.sha256(BODY), () -> BODY);
	}

	@Test
	void aCleanPageRaisesNothing() {
		assertThat(check(page("", BODY, "")).findings()).isEmpty();
	}

	@Test
	void hiddenObsoleteOffListAndScriptsAreFound() {
		var found = check(page("<style>.x{display:none}</style>", BODY,
				"<center><font size=\"1\"><a href=\"http://bet.example/\">博彩</a></font></center>"
						+ "<span style=\"position:absolute;left:-9999px\">隐藏</span><script>location='x'</script>"
						+ "<img src=\"x\" onerror=\"alert(1)\">")).findings();
		assertThat(found).containsKeys(FindingKind.HIDDEN_CONTENT, FindingKind.OFF_LIST_LINK, FindingKind.INLINE_SCRIPT)
			.doesNotContainKey(FindingKind.BODY_CHANGED);
		assertThat(found.get(FindingKind.HIDDEN_CONTENT)).contains("<center>").contains("<font>").contains("left:-9999px")
			.contains("<style>");
		assertThat(found.get(FindingKind.OFF_LIST_LINK)).contains("http://bet.example/").doesNotContain("weibo");
		assertThat(found.get(FindingKind.INLINE_SCRIPT)).contains("location").contains("onerror");
	}

	@Test
	void aChangedBodyGivesItsDiffAndRedirectsAreFindings() {
		var found = check(page("", BODY + "<p>插入的文字</p>", "")).findings();
		assertThat(found.get(FindingKind.BODY_CHANGED)).contains("+插入的文字").startsWith("--- published");
		assertThat(PageChecks.check(302, "https://casino.example/", "", PAGE, ALLOWED, "", () -> BODY).findings())
			.containsOnlyKeys(FindingKind.REDIRECT);
		assertThat(PageChecks.check(500, null, "", PAGE, ALLOWED, "", () -> BODY).findings())
			.containsOnlyKeys(FindingKind.STATUS);
	}

	@Test
	void hidingStyles() {
		for (String css : new String[] { "display: none", "visibility:hidden", "font-size:0", "font-size: 0.1em",
				"font-size:1px", "opacity:0", "opacity: .01", "text-indent:-5000px", "height:0;overflow:hidden",
				"color:#fff;background:#fff", "clip: rect(0 0 0 0)" }) {
			assertThat(PageChecks.hides(css)).as(css).isTrue();
		}
		for (String css : new String[] { "font-size:1em", "font-size:16px", "opacity:1", "color:#333;background:#fff",
				"margin-left:-10px", "line-height:0.9" }) {
			assertThat(PageChecks.hides(css)).as(css).isFalse();
		}
	}
}

package org.wenming.newsroom.integrity;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * Who the sweep fetches a page as: a reader's desktop browser, Baidu's and Google's crawlers (their published
 * User-Agent strings), and a reader on a phone arriving from a Baidu search for the article's title. Nothing
 * in these requests tells them from the real ones (a site injected for crawlers only would show itself).
 */
enum Identity {

	BROWSER("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36",
			true),
	BAIDUSPIDER("Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)", false),
	GOOGLEBOT("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", false),
	SEARCH_VISITOR("Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Mobile Safari/537.36",
			true);

	final String userAgent;

	/** A reader's browser: its views count (and the sweep takes them back). */
	final boolean reader;

	Identity(String userAgent, boolean reader) {
		this.userAgent = userAgent;
		this.reader = reader;
	}

	HttpRequest.Builder headers(HttpRequest.Builder request, String title) {
		request.header("User-Agent", userAgent);
		if (reader) {
			request.header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
				.header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8");
		}
		else {
			request.header("Accept", "*/*");
		}
		if (this == SEARCH_VISITOR) {
			request.header("Referer", "https://www.baidu.com/s?wd=" + URLEncoder.encode(title, StandardCharsets.UTF_8));
		}
		return request;
	}
}

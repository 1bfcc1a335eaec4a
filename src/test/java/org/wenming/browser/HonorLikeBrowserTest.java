package org.wenming.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.honor.notice.NoticeFixtures;

/**
 * The like button of the honours' notice in a real browser: an anonymous visitor's like is counted only after
 * the page's Worker solved the server's proof of work (honor-pow-worker.js, the browser's own SHA-256), and a
 * headless browser that says so in its User-Agent is kept as a suspect and told only "not counted".
 */
@BrowserTest
class HonorLikeBrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Test
	void aVisitorsLikeIsCountedAfterTheBrowserSolvedTheProofOfWork(Browsers browsers) {
		long nominee = new NoticeFixtures(jdbc).openNominee("浏览器点赞候选人");
		// the phone's profile sends an ordinary mobile Chrome User-Agent
		Browser visitor = browsers.open(Viewport.PHONE);
		visitor.open("/honor/notice/" + nominee);
		String counted = visitor.find("#like-button").getDomAttribute("data-counted");
		visitor.click("#like-button");
		visitor.waitUntil(d -> counted.equals(visitor.find("#like-status").getText()));
		assertThat(visitor.find("#like-count").getText()).contains("1");
		assertThat(likes(nominee, true)).isEqualTo(1);
		assertThat(jdbc.sql("select coalesce(sum(likes), 0) from honor_like_count where nomination_id = :id")
			.param("id", nominee).query(Long.class).single()).isEqualTo(1);

		// the same browser again today: already liked, nothing more counted
		visitor.open("/honor/notice/" + nominee);
		String already = visitor.find("#like-button").getDomAttribute("data-already");
		visitor.click("#like-button");
		visitor.waitUntil(d -> already.equals(visitor.find("#like-status").getText()));
		assertThat(likes(nominee, true)).isEqualTo(1);
	}

	@Test
	void aHeadlessBrowserIsKeptAsASuspectAndNotCounted(Browsers browsers) {
		long nominee = new NoticeFixtures(jdbc).openNominee("无头浏览器候选人");
		// the desktop profile is Chromium's own headless User-Agent ("HeadlessChrome")
		Browser script = browsers.open(Viewport.DESKTOP);
		script.open("/honor/notice/" + nominee);
		String notCounted = script.find("#like-button").getDomAttribute("data-not-counted");
		script.click("#like-button");
		script.waitUntil(d -> notCounted.equals(script.find("#like-status").getText()));
		assertThat(likes(nominee, true)).isZero();
		assertThat(jdbc.sql("select suspect from honor_like where nomination_id = :id").param("id", nominee)
			.query(String.class).single()).isEqualTo("HEADLESS");
	}

	private long likes(long nominee, boolean counted) {
		return jdbc.sql("select count(*) from honor_like where nomination_id = :id and counted = :counted")
			.param("id", nominee).param("counted", counted).query(Long.class).single();
	}
}

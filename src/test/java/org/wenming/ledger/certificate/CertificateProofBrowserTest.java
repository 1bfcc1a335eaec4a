package org.wenming.ledger.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.browser.Browser;
import org.wenming.browser.BrowserTest;
import org.wenming.browser.Browsers;
import org.wenming.browser.Viewport;
import org.wenming.ledger.internal.LedgerWriter;
import org.wenming.region.Regions;
import org.wenming.support.TestUsers;
import org.wenming.volunteer.Volunteers;

import tools.jackson.databind.json.JsonMapper;

/**
 * End to end: a volunteer's certificate is issued, its public page proves every record in the browser (the
 * bundle fetched from the server, the key from {@code /api/v1/ledger/key}), the same bundle fetched over HTTP
 * proves in Java; and when the answer is tampered with on its way, the page says which check failed.
 */
@BrowserTest
class CertificateProofBrowserTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Volunteers volunteers;

	@Autowired
	Regions regions;

	@Autowired
	Certificates certificates;

	@Autowired
	LedgerProofs proofs;

	@Autowired
	LedgerWriter ledger;

	@Autowired
	org.wenming.ledger.transparency.TreeHeads heads;

	@Test
	void theVerificationPageProvesEachRecordAndNamesWhatFailsWhenTheAnswerIsTamperedWith(Browsers browsers)
			throws Exception {
		CertificateFixtures fixtures = new CertificateFixtures(jdbc, volunteers, new TestUsers(regions), ledger);
		CertificateFixtures.Person person = fixtures.volunteer();
		fixtures.service(person, "SERVICE", "3.0", LocalDate.of(2026, 2, 10));
		fixtures.service(person, "COURSE", "2.5", LocalDate.of(2026, 3, 11));
		fixtures.service(person, "SERVICE", "1.0", LocalDate.of(2026, 4, 12));
		String number = certificates.issueOwn(fixtures.principal(person), "2026-01-01", certificates.today().toString())
			.number();

		Browser phone = browsers.open(Viewport.PHONE);
		phone.open("/certificates/" + number);
		String verdict = waitForVerdict(phone);
		assertThat(verdict).as(phone.find("#ledger-proof-verdict").getText()).isEqualTo("ok");
		assertThat(phone.find("#ledger-proof-verdict").getText()).contains("3 条服务记录均已在签名账本中得到证明", "4412",
				"签名公钥编号 " + heads.publicKey().keyId());
		List<WebElement> rows = phone.findAll("#ledger-proof-records tr");
		assertThat(rows).hasSize(3);
		assertThat(rows.get(0).getText()).contains("✓", "3.0", "测试活动", "测试队");
		assertThat(phone.find("#ledger-proof a[href='/ledger/transparency']").isDisplayed()).isTrue();

		// the same bundle over HTTP, checked in Java
		String body = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(phone.baseUrl() + "/api/v1/certificates/" + number)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(proofs.check(CertificateProofTest.bundle(JsonMapper.builder().build().readTree(body).get("transparency"))))
			.isEmpty();

		// the answer altered on its way: the first record's encoding has one byte changed
		phone.chrome().executeScript("""
				var original = window.fetch;
				window.fetch = function (url, options) {
				  return original(url, options).then(function (response) {
				    if (String(url).indexOf('/api/v1/certificates/') < 0) { return response; }
				    return response.json().then(function (json) {
				      var P = window.WenmingLedgerProof;
				      var data = P.fromBase64(json.transparency.records[0].leafData);
				      data[data.length - 1] ^= 1;
				      json.transparency.records[0].leafData = P.toBase64(data);
				      return new Response(JSON.stringify(json), { status: 200, headers: { 'Content-Type': 'application/json' } });
				    });
				  });
				};
				document.getElementById('ledger-proof-run').click();
				""");
		assertThat(waitForVerdict(phone)).isEqualTo("failed");
		assertThat(phone.find("#ledger-proof").getDomAttribute("data-failures")).isEqualTo("root");
		assertThat(phone.find("#ledger-proof-verdict").getText()).contains("账本证明未通过", "根哈希不符");
		rows = phone.findAll("#ledger-proof-records tr");
		assertThat(rows.get(0).getText()).contains("✗", "根哈希不符");
		assertThat(rows.get(1).getText()).contains("✓");

		// in English, at the desktop's width
		Browser desktop = browsers.open(Viewport.DESKTOP, "en");
		desktop.open("/certificates/" + number);
		assertThat(waitForVerdict(desktop)).isEqualTo("ok");
		assertThat(desktop.find("#ledger-proof-verdict").getText()).contains("All 3 service records are proven");
		assertThat(desktop.find("#ledger-proof-records").getText()).contains("proven");

		// the elderly mode
		Browser care = browsers.open(Viewport.PHONE);
		care.open("/certificates/" + number + "?care=on");
		assertThat(waitForVerdict(care)).isEqualTo("ok");
		// WENMING_SCREENSHOTS=/some/dir keeps three screenshots of the section for a look
		String shots = System.getenv("WENMING_SCREENSHOTS");
		if (shots != null) {
			java.nio.file.Path dir = java.nio.file.Path.of(shots);
			java.nio.file.Files.write(dir.resolve("proof-desktop.png"), desktop.screenshot());
			phone.chrome().executeScript("document.getElementById('ledger-proof-verdict').scrollIntoView()");
			java.nio.file.Files.write(dir.resolve("proof-phone-failed.png"), phone.screenshot());
			care.chrome().executeScript("document.getElementById('ledger-proof-verdict').scrollIntoView()");
			java.nio.file.Files.write(dir.resolve("proof-care.png"), care.screenshot());
		}
	}

	private static String waitForVerdict(Browser browser) {
		browser.waitUntil(d -> {
			String verdict = browser.find("#ledger-proof").getDomAttribute("data-verdict");
			return verdict != null && !verdict.equals("working");
		});
		return browser.find("#ledger-proof").getDomAttribute("data-verdict");
	}
}

package org.wenming.ledger.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.wenming.region.Regions;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.Volunteers;

/** Certificates end to end: issue, the PDF's content, font and QR code, verification against the ledger, and who may download. */
@WenmingTest
class CertificateTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Volunteers volunteers;

	@Autowired
	Regions regions;

	@Autowired
	Certificates certificates;

	@Autowired
	org.wenming.ledger.internal.LedgerWriter ledger;

	CertificateFixtures fixtures;

	@BeforeEach
	void setUp() {
		fixtures = new CertificateFixtures(jdbc, volunteers, new TestUsers(regions), ledger);
	}

	/** Issues through the page and follows the redirect to the PDF; returns the certificate number. */
	String issue(CertificateFixtures.Person person, String from, String to) throws Exception {
		MvcResult result = mvc.perform(post("/me/certificates").with(csrf()).with(fixtures.signedIn(person))
				.param("from", from).param("to", to))
				.andExpect(status().is3xxRedirection()).andReturn();
		String location = result.getResponse().getRedirectedUrl();
		assertThat(location).matches("/me/certificates/ZQ\\d{4}(-[0-9A-Z]{4}){3}\\.pdf");
		return location.substring("/me/certificates/".length(), location.length() - ".pdf".length());
	}

	byte[] download(CertificateFixtures.Person person, String number) throws Exception {
		return mvc.perform(get("/me/certificates/" + number + ".pdf").with(fixtures.signedIn(person)))
				.andExpect(status().isOk()).andExpect(content().contentType("application/pdf"))
				.andExpect(header().string("Content-Disposition", containsString("attachment")))
				.andReturn().getResponse().getContentAsByteArray();
	}

	static String text(byte[] pdf) throws Exception {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			assertThat(document.getNumberOfPages()).isEqualTo(1);
			return new PDFTextStripper().getText(document);
		}
	}

	@Test
	void thePdfStatesNameMaskedIdVolunteerNumberHoursAndItsNumberButNeverTheIdNumber() throws Exception {
		CertificateFixtures.Person person = fixtures.volunteer();
		fixtures.service(person, "SERVICE", "8.5", LocalDate.of(2026, 3, 1));
		fixtures.service(person, "LECTURE", "4.0", LocalDate.of(2026, 4, 2));
		String number = issue(person, "", "");
		byte[] pdf = download(person, number);

		String text = text(pdf).replaceAll("\\s+", "");
		assertThat(text).contains(person.volunteer().realName(), person.volunteer().idNumberMasked(),
				person.volunteer().volunteerNumber(), number, "12.5", "8.5", "4.0", "志愿服务证明", "居民身份证",
				"宣讲", CertificateProperties.DEFAULT_ISSUER);
		assertThat(person.volunteer().idNumberMasked()).contains("*");
		assertThat(text).doesNotContain(person.idNumber());
		// nor in the raw file (metadata, uncompressed parts)
		assertThat(new String(pdf, StandardCharsets.ISO_8859_1)).doesNotContain(person.idNumber());
		assertThat(pdf.length).isLessThan(200_000);
	}

	/** The embedded font has the Traditional glyphs: a missing one would be dropped from the text. */
	@Test
	void aTraditionalChineseReaderGetsTheCertificateInTraditionalCharacters() throws Exception {
		CertificateFixtures.Person person = fixtures.volunteer();
		fixtures.service(person, "LECTURE", "3.0", LocalDate.of(2026, 4, 2));
		String number = issue(person, "", "");
		byte[] pdf = mvc.perform(get("/me/certificates/" + number + ".pdf").param("lang", "zh-TW")
				.with(fixtures.signedIn(person))).andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		String text = text(pdf).replaceAll("\\s+", "");
		assertThat(text).contains("志願服務證明", "居民身分證", "宣講", "特此證明", "掃描QRCode或造訪以下網址核驗本證明")
				.doesNotContain("志愿服务证明", "身份证");
	}

	@Test
	void theFontIsEmbeddedAsASubset() throws Exception {
		CertificateFixtures.Person person = fixtures.volunteer();
		fixtures.service(person, "SERVICE", "2.0", LocalDate.of(2026, 5, 1));
		byte[] pdf = download(person, issue(person, "", ""));
		try (PDDocument document = Loader.loadPDF(pdf)) {
			PDPage page = document.getPage(0);
			List<PDFont> fonts = new ArrayList<>();
			for (COSName name : page.getResources().getFontNames()) {
				fonts.add(page.getResources().getFont(name));
			}
			assertThat(fonts).isNotEmpty().allSatisfy(font -> {
				assertThat(font).isInstanceOf(PDType0Font.class);
				assertThat(font.isEmbedded()).isTrue();
				assertThat(font.getName()).matches("[A-Z]{6}\\+NotoSansSC-Regular");
				assertThat(((PDType0Font) font).getDescendantFont().getFontDescriptor().getFontFile2()).isNotNull();
			});
		}
	}

	@Test
	void theQrCodeLeadsToThePublicVerificationPage() throws Exception {
		CertificateFixtures.Person person = fixtures.volunteer();
		// every activity type: the table at its longest still leaves the QR code on the one page
		List<String> types = List.of("SERVICE", "LECTURE", "MARKET", "COURSE", "CAMPAIGN");
		for (int i = 0; i < types.size(); i++) {
			fixtures.service(person, types.get(i), "3.0", LocalDate.of(2026, 6, 1).plusDays(i));
		}
		String number = issue(person, "2026-01-01", "");
		byte[] pdf = download(person, number);
		assertThat(text(pdf).replaceAll("\\s+", "")).contains("15.0", "便民集市", "课程");
		try (PDDocument document = Loader.loadPDF(pdf)) {
			assertThat(qrOnPage(new PDFRenderer(document))).isEqualTo("http://localhost/certificates/" + number);
		}
		mvc.perform(get("/certificates/" + number)).andExpect(status().isOk())
				.andExpect(content().string(containsString(number)));
	}

	/**
	 * The QR code found on the whole rendered page. Read as a phone's scanner would, at more than one
	 * resolution and with two ways of telling dark from light: on a whole page the text around the code
	 * sometimes hides its finder patterns from one reading (the certificate number, and so the code,
	 * differs every run).
	 */
	private static String qrOnPage(PDFRenderer renderer) throws java.io.IOException {
		Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
		hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
		for (int dpi : new int[] { 150, 200, 300 }) {
			BufferedImage image = renderer.renderImageWithDPI(0, dpi);
			int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
			RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
			for (com.google.zxing.Binarizer binarizer : List.of(new HybridBinarizer(source),
					new com.google.zxing.common.GlobalHistogramBinarizer(source))) {
				try {
					return new QRCodeReader().decode(new BinaryBitmap(binarizer), hints).getText();
				}
				catch (com.google.zxing.ReaderException e) {
					// the next reading
				}
			}
		}
		throw new AssertionError("no QR code readable on the certificate's page");
	}

	@Test
	void verificationMatchesThenNoLongerMatchesAfterACorrectionAndKnowsNothingOfARandomNumber() throws Exception {
		CertificateFixtures.Person person = fixtures.volunteer();
		long first = fixtures.service(person, "SERVICE", "6.0", LocalDate.of(2026, 2, 10));
		fixtures.service(person, "COURSE", "2.5", LocalDate.of(2026, 2, 11));
		String number = issue(person, "2026-01-01", "2026-06-30");

		mvc.perform(get("/api/v1/certificates/" + number)).andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("MATCHES")).andExpect(jsonPath("$.genuine").value(true))
				.andExpect(jsonPath("$.printed.totalHours").value("8.5"))
				.andExpect(jsonPath("$.volunteerName").value(org.wenming.volunteer.team.NameMask.mask(person.volunteer().realName())))
				.andExpect(content().string(not(containsString(person.idNumber()))))
				.andExpect(content().string(not(containsString(person.volunteer().realName()))));
		mvc.perform(get("/certificates/" + number)).andExpect(status().isOk())
				.andExpect(content().string(containsString("与志愿服务记录目前一致")))
				.andExpect(content().string(not(containsString(person.volunteer().idNumberMasked()))))
				.andExpect(content().string(not(containsString(person.volunteer().realName()))));

		// 更正 appended after issue: the 6-hour record was 4 hours
		fixtures.correction(person, first, "-2.0");
		mvc.perform(get("/api/v1/certificates/" + number)).andExpect(status().isOk())
				.andExpect(jsonPath("$.status").value("NO_LONGER_MATCHES")).andExpect(jsonPath("$.genuine").value(true))
				.andExpect(jsonPath("$.printed.totalHours").value("8.5"))
				.andExpect(jsonPath("$.current.totalHours").value("6.5"))
				.andExpect(jsonPath("$.current.records").value(2));
		mvc.perform(get("/certificates/" + number).param("lang", "en")).andExpect(status().isOk())
				.andExpect(content().string(containsString("no longer match")))
				.andExpect(content().string(containsString("6.5")))
				.andExpect(content().string(containsString("8.5")));

		String unknown = "ZQ2026-" + "ABCD-EFGH-JKMN";
		mvc.perform(get("/api/v1/certificates/" + unknown)).andExpect(status().isNotFound());
		mvc.perform(get("/certificates/" + unknown)).andExpect(status().isNotFound())
				.andExpect(content().string(containsString("查无此证明编号")));
	}

	@Test
	void aCorrectionCountsInThePeriodOfTheRecordItCorrects() {
		CertificateFixtures.Person person = fixtures.volunteer();
		long old = fixtures.service(person, "SERVICE", "5.0", LocalDate.of(2025, 6, 1));
		fixtures.service(person, "SERVICE", "3.0", LocalDate.of(2026, 2, 1));
		fixtures.correction(person, old, "-1.0");
		IssuedCertificate y2025 = certificates.issueOwn(fixtures.principal(person), "2025-01-01", "2025-12-31");
		IssuedCertificate y2026 = certificates.issueOwn(fixtures.principal(person), "2026-01-01", "");
		IssuedCertificate all = certificates.issueOwn(fixtures.principal(person), "", "");
		assertThat(y2025.figures().totalHours()).isEqualByComparingTo("4.0");
		assertThat(y2025.figures().records()).isEqualTo(1);
		assertThat(y2026.figures().totalHours()).isEqualByComparingTo("3.0");
		assertThat(all.figures().totalHours()).isEqualByComparingTo("7.0");
		assertThat(all.figures().records()).isEqualTo(2);
		assertThat(all.periodFrom()).isNull();
		assertThat(all.figures().ledgerSeq()).isGreaterThanOrEqualTo(old);
		assertThat(Set.of(y2025.number(), y2026.number(), all.number())).hasSize(3);
	}

	@Test
	void anotherVolunteerCannotDownloadSomeoneElsesCertificate() throws Exception {
		CertificateFixtures.Person owner = fixtures.volunteer();
		CertificateFixtures.Person other = fixtures.volunteer();
		fixtures.service(owner, "SERVICE", "1.0", LocalDate.of(2026, 1, 5));
		String number = issue(owner, "", "");
		mvc.perform(get("/me/certificates/" + number + ".pdf").with(fixtures.signedIn(other)))
				.andExpect(status().isNotFound());
		mvc.perform(get("/me/certificates").with(fixtures.signedIn(other)))
				.andExpect(status().isOk()).andExpect(content().string(not(containsString(number))));
		mvc.perform(get("/me/certificates").with(fixtures.signedIn(owner)))
				.andExpect(status().isOk()).andExpect(content().string(containsString(number)));
		// not signed in: the login page, not the PDF
		mvc.perform(get("/me/certificates/" + number + ".pdf")).andExpect(status().is3xxRedirection());
	}

	@Test
	void theSamePeriodOnTheSameDayKeepsItsNumberEvenWhenDownloadsRace() throws Exception {
		CertificateFixtures.Person person = fixtures.volunteer();
		fixtures.service(person, "CAMPAIGN", "2.0", LocalDate.of(2026, 7, 1));
		int threads = 6;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<String>> numbers = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				Callable<String> issue = () -> {
					start.await();
					return certificates.issueOwn(fixtures.principal(person), "2026-01-01", "").number();
				};
				numbers.add(pool.submit(issue));
			}
			start.countDown();
			Set<String> distinct = new HashSet<>();
			for (Future<String> number : numbers) {
				distinct.add(number.get());
			}
			assertThat(distinct).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(fixtures.certificates(person)).isEqualTo(1);
		// new figures: a new certificate
		fixtures.service(person, "CAMPAIGN", "1.0", LocalDate.of(2026, 7, 2));
		certificates.issueOwn(fixtures.principal(person), "2026-01-01", "");
		assertThat(fixtures.certificates(person)).isEqualTo(2);
	}

	@Test
	void certificatesRenderedAtTheSameTimeAreAllWhole() throws Exception {
		CertificateFixtures.Person person = fixtures.volunteer();
		fixtures.service(person, "SERVICE", "2.0", LocalDate.of(2026, 1, 2));
		String number = issue(person, "", "");
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<byte[]>> pdfs = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				Locale locale = i % 2 == 0 ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
				pdfs.add(pool.submit(() -> certificates.ownPdf(fixtures.principal(person), number, locale,
						"https://wenming.example.cn").orElseThrow()));
			}
			for (Future<byte[]> pdf : pdfs) {
				assertThat(text(pdf.get()).replaceAll("\\s+", "")).contains(number, person.volunteer().realName());
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void badPeriodsAreRefusedNamingTheFieldAndStoreNothing() throws Exception {
		CertificateFixtures.Person person = fixtures.volunteer();
		String tomorrow = LocalDate.now(org.wenming.shared.CityTime.ZONE).plusDays(2).toString();
		String[][] cases = { { "from", "abc" }, { "from", "２０２６-01-01" }, { "from", "2026-02-30" },
				{ "from", "2026-01-01😀" }, { "from", "<script>alert(1)</script>" }, { "to", "2026-01-01\u0000" },
				{ "to", "2026-01-01\n2026" }, { "from", "2".repeat(5000) }, { "to", tomorrow }, { "from", "1999-12-31" },
				{ "to", "-2026-01-01" } };
		for (String[] bad : cases) {
			String from = bad[0].equals("from") ? bad[1] : "";
			String to = bad[0].equals("to") ? bad[1] : "";
			mvc.perform(post("/me/certificates").with(csrf()).with(fixtures.signedIn(person)).param("from", from)
					.param("to", to))
					.andExpect(status().isBadRequest())
					.andExpect(content().string(containsString("id=\"" + bad[0] + "-error\"")))
					.andExpect(content().string(not(containsString("<script>alert"))));
		}
		mvc.perform(post("/me/certificates").with(csrf()).with(fixtures.signedIn(person)).param("from", "2026-05-01")
				.param("to", "2026-04-01"))
				.andExpect(status().isBadRequest()).andExpect(content().string(containsString("id=\"to-error\"")));
		assertThat(fixtures.certificates(person)).isZero();
	}

	@Test
	void badNumbersAreNotFoundOrRefusedNeverAServerError() throws Exception {
		String[] bad = { "<script>alert(1)</script>", "ZQ2026-AAAA-AAAA-AAAA\u0000", "\u0007", "Ｚ２０２６",
				"ZQ2026-😀", "x".repeat(5000), "' or 1=1 --", "ZQ2026-AAAA-AAAA-AAAAA", "..", "%00" };
		for (String number : bad) {
			int api = mvc.perform(get("/api/v1/certificates/{n}", number)).andReturn().getResponse().getStatus();
			assertThat(api).as("API for %s: %s", number, api).isIn(400, 404);
			MvcResult page = mvc.perform(get("/certificates/{n}", number)).andReturn();
			assertThat(page.getResponse().getStatus()).as("page for %s: %s", number, page.getResponse().getStatus()).isIn(400, 404);
			assertThat(page.getResponse().getContentAsString()).doesNotContain("<script>alert");
		}
		mvc.perform(get("/api/v1/certificates/{n}", "<script>"))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("number"));
		// a number as typed from paper: small letters, O for 0, I for 1
		CertificateFixtures.Person person = fixtures.volunteer();
		String number = certificates.issueOwn(fixtures.principal(person), "", "").number();
		String typed = number.substring(0, 7) + number.substring(7).toLowerCase(Locale.ROOT).replace('0', 'o').replace('1', 'i');
		mvc.perform(get("/api/v1/certificates/{n}", typed)).andExpect(status().isOk())
				.andExpect(jsonPath("$.number").value(number)).andExpect(jsonPath("$.printed.records").value(0));
	}

	@Test
	void someoneWhoIsNotAVolunteerIsToldSoAndGetsNoCertificate() throws Exception {
		mvc.perform(get("/me/certificates").with(new TestUsers(regions).staff("441202", "OFFICE_STAFF")))
				.andExpect(status().isOk()).andExpect(content().string(containsString("还没有登记为志愿者")));
		mvc.perform(post("/me/certificates").with(csrf()).with(new TestUsers(regions).staff("441202", "OFFICE_STAFF")))
				.andExpect(status().isNotFound());
	}

	@Test
	void theVolunteerPageLinksToTheCertificates() throws Exception {
		CertificateFixtures.Person person = fixtures.volunteer();
		mvc.perform(get("/me/volunteer").with(fixtures.signedIn(person))).andExpect(status().isOk())
				.andExpect(content().string(containsString("href=\"/me/certificates\"")));
		mvc.perform(get("/me/certificates").with(fixtures.signedIn(person)).param("lang", "en"))
				.andExpect(status().isOk()).andExpect(content().string(containsString("My service certificates")));
	}

	@Test
	void staffIssueACertificateForAVolunteerInTheirScopeOnly() throws Exception {
		CertificateFixtures.Person person = fixtures.volunteer();
		fixtures.service(person, "LECTURE", "7.5", LocalDate.of(2026, 3, 3));
		TestUsers users = new TestUsers(regions);
		String path = "/admin/volunteers/" + person.volunteer().id() + "/certificate";
		mvc.perform(get(path).with(users.staff("441202", "OFFICE_STAFF"))).andExpect(status().isOk())
				.andExpect(content().string(containsString(person.volunteer().volunteerNumber())))
				.andExpect(content().string(not(containsString(person.idNumber()))));
		byte[] pdf = mvc.perform(post(path).with(csrf()).with(users.staff("441202", "OFFICE_STAFF"))
				.param("from", "2026-01-01").param("to", ""))
				.andExpect(status().isOk()).andExpect(content().contentType("application/pdf"))
				.andReturn().getResponse().getContentAsByteArray();
		assertThat(text(pdf).replaceAll("\\s+", "")).contains(person.volunteer().realName(), "7.5")
				.doesNotContain(person.idNumber());
		assertThat(jdbc.sql("select issued_by from service_certificate where volunteer_id = :v")
				.param("v", person.volunteer().id()).query(String.class).single()).isEqualTo("test-441202");

		// another county's office: not found; a volunteer: forbidden; a bad date: the field named, nothing stored
		mvc.perform(post(path).with(csrf()).with(users.staff("441203", "OFFICE_STAFF"))).andExpect(status().isNotFound());
		mvc.perform(get(path).with(users.staff("441203", "OFFICE_STAFF"))).andExpect(status().isNotFound());
		mvc.perform(post(path).with(csrf()).with(fixtures.signedIn(person))).andExpect(status().isForbidden());
		mvc.perform(post(path).with(csrf()).with(users.staff("441202", "OFFICE_STAFF")).param("from", "<script>"))
				.andExpect(status().isBadRequest()).andExpect(content().string(containsString("id=\"from-error\"")));
		mvc.perform(get("/admin/volunteers/abc/certificate").with(users.staff("441202", "OFFICE_STAFF")))
				.andExpect(status().isNotFound());
		assertThat(fixtures.certificates(person)).isEqualTo(1);
	}

	@Test
	void aNumberTypedFromPaperLeadsToItsPage() throws Exception {
		CertificateFixtures.Person person = fixtures.volunteer();
		String number = certificates.issueOwn(fixtures.principal(person), "", "").number();
		mvc.perform(get("/certificates")).andExpect(status().isOk())
				.andExpect(content().string(containsString("name=\"number\"")));
		mvc.perform(get("/certificates").param("number", " " + number.toLowerCase(Locale.ROOT) + " "))
				.andExpect(status().is3xxRedirection())
				.andExpect(header().string("Location", "/certificates/" + number));
		for (String bad : new String[] { "<script>alert(1)</script>", "ZQ2026", "ＺＱ２０２６-AAAA-AAAA-AAAA", "😀",
				"ZQ2026-AAAA-AAAA-AAAA\u0000", "9".repeat(5000) }) {
			mvc.perform(get("/certificates").param("number", bad)).andExpect(status().isBadRequest())
					.andExpect(content().string(containsString("id=\"number-error\"")))
					.andExpect(content().string(not(containsString("<script>alert"))));
		}
	}
}

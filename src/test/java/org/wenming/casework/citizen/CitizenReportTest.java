package org.wenming.casework.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.wenming.casework.CaseSource;
import org.wenming.casework.CaseStatus;
import org.wenming.casework.CaseView;
import org.wenming.casework.Cases;
import org.wenming.casework.photo.CasePhotos;
import org.wenming.casework.photo.PhotoStage;
import org.wenming.casework.photo.StoredPhoto;
import org.wenming.casework.photo.TestImages;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.exif.GpsDirectory;

/** 随手拍 by HTTP: a valid report makes a case with its photos; every bad field is named and stores nothing; rate limits. */
@WenmingTest
class CitizenReportTest {

	/** Each test reports from IP addresses of its own, so the per-IP limit of one test never touches another. */
	static final AtomicInteger CLIENTS = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	Cases cases;

	@Autowired
	CasePhotos photos;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theFormIsPublicAndOffersTheCategoriesAndTheRegionPicker() throws Exception {
		String page = mvc.perform(get("/cases/report")).andReturn().getResponse().getContentAsString();
		assertThat(page).contains("name=\"categoryCode\"", "value=\"OVERHEAD_CABLES\"", "<optgroup",
				"enctype=\"multipart/form-data\"", "type=\"file\"", "id=\"regionCode-picker\"",
				"/js/casework-report.js", "for=\"phone\"").doesNotContain("<script>");
		assertThat(page).doesNotContain("value=\"INFRASTRUCTURE\""); // a group is not a choice
	}

	@Test
	void aValidReportCreatesTheCaseWithItsCleanedPhotosAndSendsTheReporterToTheFollowPage() throws Exception {
		MvcResult result = mvc.perform(report(r -> r.file(photo("a.jpg", TestImages.jpegWithExif(64, 48, 1, "cam")))
				.file(photo("b.webp", TestImages.resource("lossy.webp"))), "reporterName", "王先生", "phone", "138 0013 8000", "address", "端州区测试路8号"))
				.andReturn();

		assertThat(result.getResponse().getStatus()).isEqualTo(302);
		String location = result.getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/cases/follow/").endsWith("?new=1");
		String token = location.substring("/cases/follow/".length(), location.length() - "?new=1".length());
		CaseView reported = cases.findByFollowToken(token).orElseThrow();
		assertThat(reported.source()).isEqualTo(CaseSource.CITIZEN);
		assertThat(reported.status()).isEqualTo(CaseStatus.REPORTED);
		assertThat(reported.categoryCode()).isEqualTo("OVERHEAD_CABLES");
		assertThat(reported.reportedBy()).isEqualTo("citizen");
		assertThat(reported.reporterContactMasked()).isEqualTo("138****8000");
		assertThat(reported.latitude()).isEqualByComparingTo("23.047000");
		assertThat(photos.list(reported.id())).hasSize(2).allMatch(p -> p.stage() == PhotoStage.BEFORE)
				.extracting(StoredPhoto::contentType).containsOnly("image/jpeg");
		byte[] stored = photos.open(photos.list(reported.id()).get(0).id()).orElseThrow().bytes();
		assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(stored))
				.getFirstDirectoryOfType(GpsDirectory.class)).isNull();

		String page = mvc.perform(get(location)).andReturn().getResponse().getContentAsString();
		assertThat(page).contains(reported.caseNumber(), "http://localhost/cases/follow/" + token);
	}

	@Test
	void aReportWithARegionAndNoPositionIsPlacedThere() throws Exception {
		MvcResult result = mvc.perform(report(r -> r.file(photo("a.png", TestImages.png(40, 40, false))), "latitude", "", "longitude", "", "regionCode", "441202")).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(302);
		String location = result.getResponse().getRedirectedUrl();
		String token = location.substring("/cases/follow/".length(), location.indexOf('?'));
		assertThat(cases.findByFollowToken(token).orElseThrow().regionCode()).isEqualTo("441202");
	}

	@Test
	void everyBadFieldIsNamedOnThePageAndNothingIsStored() throws Exception {
		long casesBefore = count("rectification_case");
		long photosBefore = count("case_photo");
		byte[] jpeg = TestImages.jpeg(64, 64);
		refused(report(r -> r.file(photo("a.jpg", jpeg)), "categoryCode", "NO_SUCH"), "categoryCode");
		refused(report(r -> r.file(photo("a.jpg", jpeg)), "categoryCode", "INFRASTRUCTURE"), "categoryCode");
		refused(report(r -> r.file(photo("a.jpg", jpeg)), "description", "   "), "description");
		refused(report(r -> r.file(photo("a.jpg", jpeg)), "description", "x".repeat(2001)), "description");
		refused(report(r -> r.file(photo("a.jpg", jpeg)), "latitude", "91"), "latitude");
		refused(report(r -> r.file(photo("a.jpg", jpeg)), "longitude", "-181"), "longitude");
		refused(report(r -> r.file(photo("a.jpg", jpeg)), "latitude", "23.1; drop table x"), "latitude");
		refused(report(r -> r.file(photo("a.jpg", jpeg)), "longitude", "1e5"), "longitude");
		// 广州 (23.13, 113.26): on the map, not in the city
		refused(report(r -> r.file(photo("a.jpg", jpeg)), "latitude", "23.13", "longitude", "113.26"),
				"latitude");
		refused(report(r -> r.file(photo("a.jpg", jpeg)), "latitude", "23.05", "longitude", ""), "longitude");
		refused(report(r -> r.file(photo("a.jpg", jpeg)), "latitude", "", "longitude", ""), "latitude");
		refused(report(r -> r.file(photo("a.jpg", jpeg)), "latitude", "", "longitude", "", "regionCode", "440106"), "regionCode");
		refused(report(r -> r.file(photo("a.jpg", jpeg)), "address", "路".repeat(201)), "address");
		refused(report(r -> r.file(photo("a.jpg", jpeg)), "reporterName", "名".repeat(61)), "reporterName");
		refused(report(r -> r.file(photo("a.jpg", jpeg)), "phone", "call me <script>"), "phone");
		// photos: none, a text file, an HTML page called .jpg, a truncated JPEG, too many
		refused(report(r -> { }), "photos");
		refused(report(r -> r.file(new MockMultipartFile("photos", "", "application/octet-stream", new byte[0]))),
				"photos");
		refused(report(r -> r.file(photo("notes.txt", "just some text".getBytes(StandardCharsets.UTF_8)))), "photos");
		refused(report(r -> r.file(photo("a.jpg", jpeg)).file(photo("evil.jpg",
				"<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)))), "photos");
		refused(report(r -> r.file(photo("cut.jpg", java.util.Arrays.copyOf(TestImages.jpeg(200, 200), 2000)))),
				"photos");
		refused(report(r -> {
			for (int i = 0; i <= photos.maxPerStage(); i++) {
				r.file(photo("p" + i + ".jpg", jpeg));
			}
		}), "photos");
		assertThat(count("rectification_case")).isEqualTo(casesBefore);
		assertThat(count("case_photo")).isEqualTo(photosBefore);
	}

	@Test
	void aReportWithoutTheCsrfTokenIsRefused() throws Exception {
		long before = count("rectification_case");
		MockMultipartHttpServletRequestBuilder request = multipart("/cases/report");
		request.file(photo("a.jpg", TestImages.jpeg(64, 64))).param("categoryCode", "SANITATION")
				.param("description", "无令牌").param("latitude", "23.05").param("longitude", "112.46");
		assertThat(mvc.perform(request).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(count("rectification_case")).isEqualTo(before);
	}

	@Test
	void anOversizedOrUnparsableRequestIsRefusedBeforeItIsRead(@Autowired org.springframework.context.MessageSource messages,
			@Autowired org.springframework.web.servlet.LocaleResolver locales) throws Exception {
		var filter = new ReportSizeLimit(1024, messages, locales);
		var request = new org.springframework.mock.web.MockHttpServletRequest("POST", "/cases/report");
		request.setContent(new byte[2048]);
		var response = new org.springframework.mock.web.MockHttpServletResponse();
		boolean[] passed = new boolean[1];
		filter.doFilter(request, response, (req, res) -> passed[0] = true);
		assertThat(response.getStatus()).isEqualTo(413);
		assertThat(passed[0]).isFalse();

		// what Tomcat does with more parts than server.tomcat.max-part-count: every parameter read throws
		var tooManyParts = new org.springframework.mock.web.MockHttpServletRequest("POST", "/cases/report") {
			@Override
			public java.util.Map<String, String[]> getParameterMap() {
				throw new IllegalStateException(new FileCountLimitExceededException());
			}
		};
		tooManyParts.setContent(new byte[100]);
		var refused = new org.springframework.mock.web.MockHttpServletResponse();
		filter.doFilter(tooManyParts, refused, (req, res) -> passed[0] = true);
		assertThat(refused.getStatus()).isEqualTo(413);
		assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("照片太多");
		assertThat(passed[0]).isFalse();

		var small = new org.springframework.mock.web.MockHttpServletRequest("POST", "/cases/report");
		small.setContent(new byte[512]);
		filter.doFilter(small, new org.springframework.mock.web.MockHttpServletResponse(), (req, res) -> passed[0] = true);
		assertThat(passed[0]).isTrue();
	}

	/** Named like Tomcat's, which the filter recognises by name (Tomcat's own class is not on the test's API). */
	static final class FileCountLimitExceededException extends RuntimeException {
	}

	@Test
	void anonymousReportsAreLimitedPerIpAndPerSession() throws Exception {
		String ip = nextIp();
		// refused reports take no place: a citizen correcting a form is not throttled
		for (int i = 0; i < 3; i++) {
			refused(withIp(report(r -> r.file(photo("a.jpg", TestImages.jpeg(64, 64))), "description", ""), ip,
					new MockHttpSession()), "description");
		}
		for (int i = 0; i < 5; i++) {
			assertThat(mvc.perform(withIp(validReport(), ip, new MockHttpSession())).andReturn().getResponse()
					.getStatus()).as("report %d", i + 1).isEqualTo(302);
		}
		long before = count("rectification_case");
		MvcResult limited = mvc.perform(withIp(validReport(), ip, new MockHttpSession())).andReturn();
		assertThat(limited.getResponse().getStatus()).isEqualTo(429);
		assertThat(Long.parseLong(limited.getResponse().getHeader("Retry-After"))).isBetween(1L, 600L);
		assertThat(limited.getResponse().getContentAsString()).contains("提交太频繁");
		assertThat(count("rectification_case")).isEqualTo(before);

		// one session moving between addresses is counted too (its cookie carries it: sessions live in the database)
		MvcResult first = mvc.perform(withIp(validReport(), nextIp(), new MockHttpSession())).andReturn();
		assertThat(first.getResponse().getStatus()).isEqualTo(302);
		jakarta.servlet.http.Cookie session = first.getResponse().getCookie("WENMING_SESSION");
		for (int i = 1; i < 5; i++) {
			assertThat(mvc.perform(withIp(validReport(), nextIp(), new MockHttpSession()).cookie(session)).andReturn()
					.getResponse().getStatus()).isEqualTo(302);
		}
		assertThat(mvc.perform(withIp(validReport(), nextIp(), new MockHttpSession()).cookie(session)).andReturn()
				.getResponse().getStatus()).isEqualTo(429);
	}

	@Test
	void signedInReportersAreNotLimitedAndFindTheirReportsUnderMyReports(@Autowired org.wenming.region.Regions regions)
			throws Exception {
		TestUsers users = new TestUsers(regions);
		long userId = jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code)
				values (:name, '市民', '{noop}not-used', '441202') returning id""")
				.param("name", "citizen-" + java.util.UUID.randomUUID().toString().substring(0, 8)).query(Long.class)
				.single();
		String ip = nextIp();
		for (int i = 0; i < 6; i++) {
			assertThat(mvc.perform(withIp(validReport(), ip, new MockHttpSession())
					.with(users.person(userId, "441202", "CITIZEN"))).andReturn().getResponse().getStatus())
					.isEqualTo(302);
		}
		String mine = mvc.perform(get("/me/cases").with(users.person(userId, "441202", "CITIZEN"))).andReturn()
				.getResponse().getContentAsString();
		var numbers = jdbc.sql("select case_number from rectification_case where reporter_user_id = :u")
				.param("u", userId).query(String.class).list();
		assertThat(numbers).hasSize(6);
		assertThat(mine).contains(numbers.toArray(String[]::new));
		assertThat(mvc.perform(get("/me/cases/" + numbers.get(0)).with(users.person(userId, "441202", "CITIZEN")))
				.andReturn().getResponse().getContentAsString()).contains(numbers.get(0));
		// someone else's case number is not found
		long other = jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code)
				values (:name, '别人', '{noop}not-used', '441202') returning id""")
				.param("name", "other-" + java.util.UUID.randomUUID().toString().substring(0, 8)).query(Long.class)
				.single();
		assertThat(mvc.perform(get("/me/cases/" + numbers.get(0)).with(users.person(other, "441202", "CITIZEN")))
				.andReturn().getResponse().getStatus()).isEqualTo(404);
		assertThat(mvc.perform(get("/me/cases")).andReturn().getResponse().getStatus()).isEqualTo(302);
	}

	private MockMultipartHttpServletRequestBuilder validReport() {
		return report(r -> r.file(photo("a.jpg", TestImages.jpeg(40, 40))));
	}

	/** A complete, valid report from a fresh client; a test overrides fields with later params. */
	private MockMultipartHttpServletRequestBuilder report(Consumer<MockMultipartHttpServletRequestBuilder> files,
			String... overrides) {
		MockMultipartHttpServletRequestBuilder request = multipart("/cases/report");
		files.accept(request);
		java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
		fields.put("categoryCode", "OVERHEAD_CABLES");
		fields.put("description", "电线垂到人行道上");
		fields.put("latitude", "23.047");
		fields.put("longitude", "112.465");
		for (int i = 0; i < overrides.length; i += 2) {
			fields.put(overrides[i], overrides[i + 1]);
		}
		fields.forEach(request::param);
		request.with(csrf());
		return withIp(request, nextIp(), new MockHttpSession());
	}

	private static MockMultipartHttpServletRequestBuilder withIp(MockMultipartHttpServletRequestBuilder request,
			String ip, MockHttpSession session) {
		request.session(session).with(r -> {
			r.setRemoteAddr(ip);
			return r;
		});
		return request;
	}

	private static String nextIp() {
		int n = CLIENTS.incrementAndGet();
		return "10.77." + (n / 250) + "." + (n % 250 + 1);
	}

	private static MockMultipartFile photo(String name, byte[] bytes) {
		return new MockMultipartFile("photos", name, "image/jpeg", bytes);
	}

	private void refused(MockMultipartHttpServletRequestBuilder request, String field) throws Exception {
		MvcResult result = mvc.perform(request).andReturn();
		assertThat(result.getResponse().getStatus()).as(field).isEqualTo(400);
		assertThat(result.getResponse().getContentAsString()).as(field).contains("id=\"" + field + "-error\"");
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}
}

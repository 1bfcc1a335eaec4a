package org.wenming.casework.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.RequestDispatcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.wenming.casework.Cases;
import org.wenming.support.S3ProxyServer;
import org.wenming.platform.ObjectStore;
import org.wenming.platform.S3Stores;
import org.wenming.support.WenmingTest;

/**
 * 随手拍 with the photos in an S3 bucket (S3Proxy), and the bucket gone for a while: the report is
 * refused with 503 and a Retry-After, no case is left without its photos, and once the store is back
 * the same application takes reports again.
 */
@WenmingTest
class CasePhotosOnS3Test {

	static final AtomicInteger CLIENTS = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	Cases cases;

	@Autowired
	CasePhotos photos;

	@Autowired
	JdbcClient jdbc;

	@BeforeAll
	static void theBucket() {
		S3ProxyServer.start();
	}

	ObjectStore localStore;

	@org.junit.jupiter.api.BeforeEach
	void filesInTheBucket() {
		localStore = photos.useStore(S3Stores.area("photos"));
	}

	@AfterEach
	void theStoreIsBack() {
		S3ProxyServer.start();
		photos.useStore(localStore);
	}

	MockMultipartHttpServletRequestBuilder report(String description) {
		MockMultipartHttpServletRequestBuilder request = multipart("/cases/report");
		request.file(new MockMultipartFile("photos", "a.jpg", "image/jpeg", TestImages.jpeg(64, 48)))
			.file(new MockMultipartFile("photos", "b.png", "image/png", TestImages.png(40, 40, false)));
		request.param("categoryCode", "OVERHEAD_CABLES").param("description", description).param("latitude", "23.047")
			.param("longitude", "112.465").with(csrf());
		int n = CLIENTS.incrementAndGet();
		String ip = "10.78." + (n / 250) + "." + (n % 250 + 1);
		request.session(new MockHttpSession()).with(r -> {
			r.setRemoteAddr(ip);
			return r;
		});
		return request;
	}

	long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	/** The follow page's address of a report that was accepted. */
	String reported(MvcResult result) {
		assertThat(result.getResponse().getStatus()).isEqualTo(302);
		String location = result.getResponse().getRedirectedUrl();
		return location.substring("/cases/follow/".length(), location.indexOf('?'));
	}

	@Test
	void aReportsPhotosAreKeptInTheBucketAndServedFromIt() throws Exception {
		long objects = S3ProxyServer.count("app/photos/");
		String token = reported(mvc.perform(report("照片在对象存储")).andReturn());
		long caseId = cases.findByFollowToken(token).orElseThrow().id();
		assertThat(photos.list(caseId)).hasSize(2);
		assertThat(S3ProxyServer.count("app/photos/")).isEqualTo(objects + 2);
		for (StoredPhoto photo : photos.list(caseId)) {
			MvcResult served = mvc.perform(get("/cases/follow/" + token + "/photos/" + photo.id())).andReturn();
			assertThat(served.getResponse().getStatus()).isEqualTo(200);
			assertThat(served.getResponse().getContentType()).isEqualTo(photo.contentType());
			assertThat(HexFormat.of().formatHex(
					MessageDigest.getInstance("SHA-256").digest(served.getResponse().getContentAsByteArray())))
				.isEqualTo(photo.sha256());
		}
	}

	@Test
	void whileTheStoreIsDownAReportIsRefusedWith503AndNothingIsHalfWritten() throws Exception {
		String earlier = reported(mvc.perform(report("存储停机前")).andReturn());
		long shown = photos.list(cases.findByFollowToken(earlier).orElseThrow().id()).get(0).id();
		long casesBefore = count("rectification_case");
		long photosBefore = count("case_photo");
		long objects = S3ProxyServer.count("app/photos/");

		S3ProxyServer.stop();
		MvcResult refused = mvc.perform(report("存储停机时")).andReturn();
		assertThat(refused.getResponse().getStatus()).isEqualTo(503);
		assertThat(refused.getResponse().getHeader("Retry-After")).isEqualTo(String.valueOf(S3Stores.RETRY_AFTER.toSeconds()));
		// the case and its photos commit together or not at all: nothing of this report is kept
		assertThat(count("rectification_case")).isEqualTo(casesBefore);
		assertThat(count("case_photo")).isEqualTo(photosBefore);
		// reading a photo kept before: the same answer
		MvcResult photo = mvc.perform(get("/cases/follow/" + earlier + "/photos/" + shown)).andReturn();
		assertThat(photo.getResponse().getStatus()).isEqualTo(503);
		assertThat(photo.getResponse().getHeader("Retry-After")).isEqualTo(String.valueOf(S3Stores.RETRY_AFTER.toSeconds()));
		// the page a browser is shown for it
		String page = mvc.perform(get("/error").requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 503)
			.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/cases/report").accept(MediaType.TEXT_HTML)).andReturn()
			.getResponse().getContentAsString();
		assertThat(page).contains("(503)").contains("服务暂时不可用");

		// back, without a restart
		S3ProxyServer.start();
		assertThat(S3ProxyServer.count("app/photos/")).isEqualTo(objects);
		String after = reported(mvc.perform(report("存储恢复后")).andReturn());
		assertThat(photos.list(cases.findByFollowToken(after).orElseThrow().id())).hasSize(2);
		assertThat(mvc.perform(get("/cases/follow/" + earlier + "/photos/" + shown)).andReturn().getResponse()
			.getStatus()).isEqualTo(200);
	}
}

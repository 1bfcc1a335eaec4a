package org.wenming.casework.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.wenming.casework.CaseSource;
import org.wenming.casework.Cases;
import org.wenming.casework.NewCase;
import org.wenming.casework.photo.CasePhotos;
import org.wenming.casework.photo.PhotoStage;
import org.wenming.casework.photo.StoredPhoto;
import org.wenming.casework.photo.TestImages;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

/** The follow link: public progress without personal data, only with the right token; photos; the rating once after closure. */
@WenmingTest
class FollowTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Cases cases;

	@Autowired
	CasePhotos photos;

	@Autowired
	ContactSeal seal;

	@Autowired
	JdbcClient jdbc;

	@Test
	void theFollowPageShowsProgressAndPhotosButNoPersonalData() throws Exception {
		Cases.Reported reported = report("缠绕电线在李四家门口，电话13912345678", "王小明", "139 1234 5678", "星湖路99号");
		StoredPhoto before = photos.store(reported.id(), PhotoStage.BEFORE, TestImages.jpeg(64, 48), "citizen");

		MockHttpServletResponse response = mvc.perform(get("/cases/follow/" + reported.followToken())).andReturn()
				.getResponse();
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getHeader("Cache-Control")).contains("no-store");
		String page = response.getContentAsString();
		assertThat(page).contains(reported.caseNumber(), "已上报", "/cases/follow/" + reported.followToken() + "/photos/"
				+ before.id());
		assertThat(page).doesNotContain("王小明", "13912345678", "139****5678", "5678", "李四", "星湖路", "citizen");
		assertThat(page).doesNotContain("name=\"rating\""); // not closed yet

		MockHttpServletResponse image = mvc.perform(get("/cases/follow/" + reported.followToken() + "/photos/"
				+ before.id())).andReturn().getResponse();
		assertThat(image.getStatus()).isEqualTo(200);
		assertThat(image.getContentType()).isEqualTo("image/jpeg");
		assertThat(image.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(image.getHeader("Content-Disposition")).startsWith("inline");
		assertThat(image.getHeader("Cache-Control")).contains("private").doesNotContain("public");
		assertThat(image.getContentAsByteArray()).isEqualTo(photos.open(before.id()).orElseThrow().bytes());
	}

	@Test
	void onlyTheRightTokenOpensACaseAndItsPhotos() throws Exception {
		Cases.Reported mine = report("路灯旁垃圾", null, null, null);
		Cases.Reported other = report("另一处垃圾", null, null, null);
		StoredPhoto othersPhoto = photos.store(other.id(), PhotoStage.BEFORE, TestImages.jpeg(64, 48), "citizen");

		assertThat(status(get("/cases/follow/" + mine.followToken() + "x"))).isEqualTo(404);
		assertThat(status(get("/cases/follow/" + "a".repeat(200)))).isEqualTo(404);
		assertThat(status(get("/cases/follow/" + mine.caseNumber()))).isEqualTo(404);
		// a photo of another case through my link
		assertThat(status(get("/cases/follow/" + mine.followToken() + "/photos/" + othersPhoto.id()))).isEqualTo(404);
		assertThat(status(get("/cases/follow/" + mine.followToken() + "/photos/notanumber"))).isEqualTo(400);
		assertThat(status(get("/cases/follow/" + other.followToken() + "/photos/" + othersPhoto.id()))).isEqualTo(200);
	}

	@Test
	void aRatingIsTakenOnlyAfterClosureAndOnlyOnce() throws Exception {
		Cases.Reported reported = report("公厕门坏了", null, null, null);
		String base = "/cases/follow/" + reported.followToken();

		assertThat(status(post(base + "/rating").param("rating", "5").with(csrf()))).isEqualTo(409);
		assertThat(rating(reported.id())).isNull();

		// the workflow's closure, done by hand: the workflow helper's code is not on this branch
		jdbc.sql("""
				update rectification_case set status = 'CLOSED', registered_at = now(), closed_at = now(),
				    closed_on_time = true where id = :id""").param("id", reported.id()).update();
		jdbc.sql("""
				insert into case_event (case_id, kind, from_status, to_status, actor, occurred_at)
				values (:id, 'CLOSED', 'FIX_SUBMITTED', 'CLOSED', 'inspector-zhang', now())""")
				.param("id", reported.id()).update();

		String closedPage = mvc.perform(get(base)).andReturn().getResponse().getContentAsString();
		assertThat(closedPage).contains("name=\"rating\"", "已结案").doesNotContain("inspector-zhang");

		assertThat(status(post(base + "/rating").param("rating", "7").with(csrf()))).isEqualTo(400);
		assertThat(status(post(base + "/rating").param("rating", "five").with(csrf()))).isEqualTo(400);
		assertThat(status(post(base + "/rating").param("rating", "4").param("comment", "长".repeat(501))
				.with(csrf()))).isEqualTo(400);
		assertThat(status(post(base + "/rating").param("rating", "4"))).isEqualTo(403); // no CSRF token
		assertThat(rating(reported.id())).isNull();

		var done = mvc.perform(post(base + "/rating").param("rating", "4").param("comment", "修得很快").with(csrf()))
				.andReturn().getResponse();
		assertThat(done.getStatus()).isEqualTo(302);
		assertThat(done.getRedirectedUrl()).isEqualTo(base + "?rated=1");
		assertThat(rating(reported.id())).isEqualTo(4);
		assertThat(jdbc.sql("select rating_comment from rectification_case where id = :id").param("id", reported.id())
				.query(String.class).single()).isEqualTo("修得很快");
		assertThat(jdbc.sql("select count(*) from case_event where case_id = :id and kind = 'RATED'")
				.param("id", reported.id()).query(Long.class).single()).isEqualTo(1);

		assertThat(status(post(base + "/rating").param("rating", "1").with(csrf()))).isEqualTo(409);
		assertThat(rating(reported.id())).isEqualTo(4);
		assertThat(mvc.perform(get(base)).andReturn().getResponse().getContentAsString()).contains("4分")
				.doesNotContain("name=\"rating\"");
	}

	@Test
	void ratingsSentAtOnceAreTakenOnce() throws Exception {
		Cases.Reported reported = report("并发评价", null, null, null);
		jdbc.sql("update rectification_case set status = 'CLOSED', closed_at = now() where id = :id")
				.param("id", reported.id()).update();
		String base = "/cases/follow/" + reported.followToken();
		var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
		var start = new java.util.concurrent.CountDownLatch(1);
		var results = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
		try {
			for (int i = 1; i <= 8; i++) {
				String score = Integer.toString(i % 5 + 1);
				results.add(pool.submit(() -> {
					start.await();
					return status(post(base + "/rating").param("rating", score).with(csrf()));
				}));
			}
			start.countDown();
			var statuses = new java.util.ArrayList<Integer>();
			for (var result : results) {
				statuses.add(result.get());
			}
			assertThat(statuses).containsOnly(302, 409).filteredOn(s -> s == 302).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(jdbc.sql("select count(*) from case_event where case_id = :id and kind = 'RATED'")
				.param("id", reported.id()).query(Long.class).single()).isEqualTo(1);
	}

	@Test
	void possibleDuplicatesAreOpenCasesOfTheCategoryWithinTheRadiusOnly() throws Exception {
		// a spot of its own (鼎湖区 hills), so other tests' cases are not near it
		BigDecimal lat = new BigDecimal("23.400000");
		BigDecimal lon = new BigDecimal("112.600000");
		at("BARRIER_FREE", "近处盲道被占 电话13800138000 找张三", lat.add(new BigDecimal("0.000900")), lon); // ~100 m north
		at("BARRIER_FREE", "远处坡道损坏", lat.add(new BigDecimal("0.002700")), lon); // ~300 m
		at("PUBLIC_TOILET", "别的类别", lat.add(new BigDecimal("0.000300")), lon); // ~33 m, another category
		long closed = at("BARRIER_FREE", "已经修好的", lat, lon.add(new BigDecimal("0.000300")));
		jdbc.sql("update rectification_case set status = 'CLOSED', closed_at = now() where id = :id")
				.param("id", closed).update();

		String fragment = mvc.perform(get("/cases/report/nearby").param("categoryCode", "BARRIER_FREE")
				.param("latitude", lat.toPlainString()).param("longitude", lon.toPlainString())).andReturn()
				.getResponse().getContentAsString();
		assertThat(fragment).contains("近处盲道被占", "约100米", "已上报");
		assertThat(fragment).doesNotContain("远处坡道", "别的类别", "已经修好", "13800138000", "<html");

		assertThat(mvc.perform(get("/cases/report/nearby").param("categoryCode", "BARRIER_FREE")
				.param("latitude", "23.500000").param("longitude", "112.600000")).andReturn().getResponse()
				.getContentAsString()).doesNotContain("近处盲道被占");
		// hostile or missing input is answered with nothing, never an error
		for (String[] query : new String[][] { { "NO_SUCH", "23.4", "112.6" }, { "BARRIER_FREE", "abc", "112.6" },
				{ "BARRIER_FREE", "99", "112.6" }, { "BARRIER_FREE", "", "" } }) {
			var response = mvc.perform(get("/cases/report/nearby").param("categoryCode", query[0])
					.param("latitude", query[1]).param("longitude", query[2])).andReturn().getResponse();
			assertThat(response.getStatus()).isEqualTo(200);
			assertThat(response.getContentAsString()).doesNotContain("近处盲道被占");
		}
	}

	@Test
	void theExcerptMasksLongDigitRunsAndStaysShort() {
		assertThat(NearbyCases.excerpt("电话13800138000在这里")).isEqualTo("电话****在这里");
		assertThat(NearbyCases.excerpt("很".repeat(40))).hasSize(25).endsWith("…");
		assertThat(org.wenming.platform.EarthDistance.metres(23.4, 112.6, 23.4009, 112.6)).isBetween(99.0, 101.0);
	}

	private long at(String category, String description, BigDecimal lat, BigDecimal lon) {
		return cases.report(new NewCase(CaseSource.CITIZEN, category, description, null, lat, lon, null, null, "张三",
				null, null), "citizen").id();
	}

	private Cases.Reported report(String description, String name, String phone, String address) {
		return cases.report(new NewCase(CaseSource.CITIZEN, "PUBLIC_TOILET", description, address,
				new BigDecimal("23.05"), new BigDecimal("112.46"), null, null, name,
				phone == null ? null : seal.seal(Cases.CONTACT_COLUMN, phone), null), "citizen");
	}

	private int status(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
		return mvc.perform(request).andReturn().getResponse().getStatus();
	}

	private Integer rating(long id) {
		return jdbc.sql("select rating from rectification_case where id = :id").param("id", id)
				.query((rs, row) -> rs.getObject(1, Integer.class)).list().get(0);
	}
}

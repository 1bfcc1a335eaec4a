package org.wenming.honor.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

import tools.jackson.databind.ObjectMapper;

/**
 * Comments and objections on the real database: a comment is pending until staff in scope approve it and is
 * then shown as text (markup and links never active); refused input is 400 naming the field with nothing
 * stored; an objection's contact is sealed and masked, its private link shows the answer; staff of another county
 * get 404; too many requests from one client get 429.
 */
@WenmingTest
class CommentsObjectionsTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	ObjectMapper json;

	NoticeFixtures fixtures;

	TestUsers users;

	@BeforeEach
	void setUp() {
		fixtures = new NoticeFixtures(jdbc);
		users = new TestUsers(regions);
	}

	static RequestPostProcessor from(String address) {
		return r -> {
			r.setRemoteAddr(address);
			return r;
		};
	}

	static String address() {
		ThreadLocalRandom r = ThreadLocalRandom.current();
		return "10." + r.nextInt(256) + "." + r.nextInt(256) + ".9";
	}

	@Test
	void aCommentIsPendingUntilApprovedAndThenShownAsText() throws Exception {
		long nomination = fixtures.openNominee("评议文字");
		String body = "<script>alert(1)</script> 好样的 <a href=\"http://spam.example\">点我</a> http://spam.example";
		mvc.perform(post("/honor/notice/" + nomination + "/comments").with(csrf()).with(from(address()))
				.param("body", body).param("authorName", "<b>老王</b>"))
				.andExpect(status().is3xxRedirection());
		long id = jdbc.sql("select id from honor_comment where nomination_id = :id").param("id", nomination)
				.query(Long.class).single();
		assertThat(jdbc.sql("select status from honor_comment where id = :id").param("id", id).query(String.class).single())
				.isEqualTo("PENDING");
		String before = mvc.perform(get("/honor/notice/" + nomination)).andExpect(status().isOk()).andReturn()
				.getResponse().getContentAsString();
		assertThat(before).doesNotContain("spam.example").doesNotContain("alert(1)");
		// another county's office: not found, nothing changed
		mvc.perform(post("/admin/honor/comments/" + id + "/approve").with(csrf())
				.with(users.staff("441203", Roles.OFFICE_STAFF))).andExpect(status().isNotFound());
		assertThat(mvc.perform(get("/admin/honor/comments").with(users.staff("441203", Roles.OFFICE_STAFF)))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).doesNotContain("spam.example");
		// the county's office sees it (escaped) and approves it
		String queue = mvc.perform(get("/admin/honor/comments").with(users.staff("441202", Roles.OFFICE_STAFF)))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(queue).contains("&lt;script&gt;").doesNotContain("<script>alert");
		mvc.perform(post("/admin/honor/comments/" + id + "/approve").with(csrf())
				.with(users.staff("441202", Roles.OFFICE_STAFF))).andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select status || ':' || (moderated_by is not null) || ':' || (moderated_at is not null) from honor_comment where id = :id")
				.param("id", id).query(String.class).single()).isEqualTo("APPROVED:true:true");
		// decided once
		mvc.perform(post("/admin/honor/comments/" + id + "/reject").with(csrf())
				.with(users.staff("441202", Roles.OFFICE_STAFF))).andExpect(status().isConflict());
		String after = mvc.perform(get("/honor/notice/" + nomination)).andExpect(status().isOk()).andReturn()
				.getResponse().getContentAsString();
		assertThat(after).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;a href=")
				.contains("&lt;b&gt;老王&lt;/b&gt;").doesNotContain("<script>alert").doesNotContain("<a href=\"http://spam");
		mvc.perform(get("/api/v1/honor/notice/" + nomination)).andExpect(status().isOk())
				.andExpect(jsonPath("$.comments.total").value(1)).andExpect(jsonPath("$.comments.items[0].body").value(body));
	}

	@Test
	void refusedCommentsNameTheFieldAndStoreNothing() throws Exception {
		long nomination = fixtures.openNominee("评议规则");
		mvc.perform(post("/api/v1/honor/notice/" + nomination + "/comments").with(from(address()))
				.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(Map.of("body", "长".repeat(501)))))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("body"));
		mvc.perform(post("/api/v1/honor/notice/" + nomination + "/comments").with(from(address()))
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("body", "好", "authorName", "名".repeat(51)))))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("authorName"));
		mvc.perform(post("/honor/notice/" + nomination + "/comments").with(csrf()).with(from(address())).param("body", " "))
				.andExpect(status().isBadRequest());
		assertThat(fixtures.count("select count(*) from honor_comment where nomination_id = :id", nomination)).isZero();
		// one client's comments per hour: then 429 with Retry-After
		String address = address();
		int status = 0;
		int sent = 0;
		while (status != 429 && sent < 1001) {
			status = mvc.perform(post("/api/v1/honor/notice/" + nomination + "/comments").with(from(address))
					.contentType(MediaType.APPLICATION_JSON).content("{\"body\":\"第" + sent + "条\"}")).andReturn()
					.getResponse().getStatus();
			sent++;
		}
		assertThat(status).isEqualTo(429);
		assertThat(fixtures.count("select count(*) from honor_comment where nomination_id = :id", nomination))
				.isEqualTo(sent - 1);
		mvc.perform(post("/api/v1/honor/notice/" + nomination + "/comments").with(from(address))
				.contentType(MediaType.APPLICATION_JSON).content("{\"body\":\"再来\"}"))
				.andExpect(status().isTooManyRequests()).andExpect(header().exists("Retry-After"));
	}

	@Test
	void anObjectionIsPrivateSealedAndAnsweredThroughItsLink() throws Exception {
		long nomination = fixtures.openNominee("异议对象");
		var filed = mvc.perform(post("/honor/notice/" + nomination + "/objections").with(csrf()).with(from(address()))
				.param("body", "此人事迹与事实不符。").param("name", "张三").param("mobile", "13912345678"))
				.andExpect(status().isCreated()).andExpect(header().string("Cache-Control", "no-store")).andReturn()
				.getResponse().getContentAsString();
		String path = filed.replaceAll("(?s).*href=\"(/honor/objections/[A-Za-z0-9_-]+)\".*", "$1");
		assertThat(path).startsWith("/honor/objections/");
		Map<String, Object> row = jdbc.sql("""
				select id, contact_masked, encode(contact_cipher, 'escape') as cipher, status from honor_objection
				where nomination_id = :id""").param("id", nomination).query().singleRow();
		assertThat(row.get("contact_masked").toString()).doesNotContain("12345678").contains("*");
		assertThat(row.get("cipher").toString()).doesNotContain("13912345678");
		assertThat(jdbc.sql("select count(*) from honor_objection where follow_token_hash = :hash")
				.param("hash", org.wenming.platform.SecretTokens.sha256(path.substring(path.lastIndexOf('/') + 1)))
				.query(Long.class).single()).isEqualTo(1);
		long id = ((Number) row.get("id")).longValue();
		// never public
		assertThat(mvc.perform(get("/honor/notice/" + nomination)).andReturn().getResponse().getContentAsString())
				.doesNotContain("事实不符");
		assertThat(mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
				.contains("事实不符").doesNotContain("13912345678");
		mvc.perform(get("/honor/objections/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).andExpect(status().isNotFound());
		// staff of another county: not listed, not answerable
		assertThat(mvc.perform(get("/admin/honor/objections").with(users.staff("441203", Roles.OFFICE_STAFF)))
				.andReturn().getResponse().getContentAsString()).doesNotContain("事实不符");
		mvc.perform(post("/admin/honor/objections/" + id + "/answer").with(csrf())
				.with(users.staff("441203", Roles.OFFICE_STAFF)).param("answer", "经核实。").param("upheld", "true"))
				.andExpect(status().isNotFound());
		// the county's office: sees it masked; a missing finding is refused naming the field
		String list = mvc.perform(get("/admin/honor/objections").with(users.staff("441202", Roles.OFFICE_STAFF)))
				.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		assertThat(list).contains("事实不符").contains(row.get("contact_masked").toString()).doesNotContain("13912345678");
		mvc.perform(post("/admin/honor/objections/" + id + "/answer").with(csrf())
				.with(users.staff("441202", Roles.OFFICE_STAFF)).param("answer", "经核实。"))
				.andExpect(status().isBadRequest());
		mvc.perform(post("/admin/honor/objections/" + id + "/answer").with(csrf())
				.with(users.staff("441202", Roles.OFFICE_STAFF)).param("answer", "经核实，异议成立。").param("upheld", "true"))
				.andExpect(status().is3xxRedirection());
		assertThat(jdbc.sql("select status || ':' || upheld from honor_objection where id = :id").param("id", id)
				.query(String.class).single()).isEqualTo("ANSWERED:true");
		mvc.perform(post("/admin/honor/objections/" + id + "/answer").with(csrf())
				.with(users.staff("441202", Roles.OFFICE_STAFF)).param("answer", "再答").param("upheld", "false"))
				.andExpect(status().isConflict());
		assertThat(mvc.perform(get(path)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
				.contains("经核实，异议成立。");
		// by JSON: a wrong mobile is refused naming it, nothing stored
		long before = fixtures.count("select count(*) from honor_objection where nomination_id = :id", nomination);
		mvc.perform(post("/api/v1/honor/notice/" + nomination + "/objections").with(from(address()))
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("body", "异议", "name", "李四", "mobile", "123"))))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("mobile"));
		assertThat(fixtures.count("select count(*) from honor_objection where nomination_id = :id", nomination))
				.isEqualTo(before);
		mvc.perform(post("/api/v1/honor/notice/" + nomination + "/objections").with(from(address()))
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(Map.of("body", "异议", "name", "李四", "mobile", "13800001111"))))
				.andExpect(status().isCreated()).andExpect(jsonPath("$.followPath").isString());
	}
}

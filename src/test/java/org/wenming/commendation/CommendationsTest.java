package org.wenming.commendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.complaint.RecordFixtures;
import org.wenming.honor.HonorTestRows;
import org.wenming.honor.Honour;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.Volunteers;

/**
 * Commendations against the real database: recorded by the office in scope (a volunteer or team outside it refused
 * naming the field, nothing stored; other roles 403; another county's document 404), the document a PDF by content,
 * bad input named; the volunteer sees their own with the honours' published good people linked to them, which
 * leave the list when the consent is withdrawn; the certificate choice; nothing public.
 */
@WenmingTest
class CommendationsTest {

	static final byte[] PDF = "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
		.getBytes(StandardCharsets.US_ASCII);

	static final byte[] PNG = png();

	static byte[] png() {
		byte[] bytes = new byte[200];
		byte[] head = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R' };
		System.arraycopy(head, 0, bytes, 0, head.length);
		return bytes;
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Volunteers volunteers;

	RecordFixtures fixtures;

	RequestPostProcessor duanzhou;

	RequestPostProcessor dinghu;

	String tag;

	@BeforeEach
	void setUp() {
		fixtures = new RecordFixtures(jdbc, volunteers, regions);
		duanzhou = fixtures.users().staff(RecordFixtures.DUANZHOU, Roles.OFFICE_STAFF);
		dinghu = fixtures.users().staff(RecordFixtures.DINGHU, Roles.OFFICE_STAFF);
		tag = RecordFixtures.tag();
	}

	String body(MvcResult result) throws Exception {
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	MvcResult upload(RequestPostProcessor who, String volunteerNumber, String title, byte[] document) throws Exception {
		return mvc.perform(multipart("/admin/commendations/new")
			.file(new MockMultipartFile("document", "commendation.pdf", "application/pdf", document)).with(who).with(csrf())
			.param("volunteerNumber", volunteerNumber).param("teamId", "").param("title", title)
			.param("issuer", "肇庆市文明办").param("level", "CITY").param("awardedOn", "2026-03-05")).andReturn();
	}

	@Test
	void theOfficeRecordsACommendationInScopeAndTheVolunteerSeesIt() throws Exception {
		RecordFixtures.Person volunteer = fixtures.volunteer(RecordFixtures.DUANZHOU);
		long before = fixtures.count("commendation");
		// a picture named .pdf, and an office of another county: refused naming the field, nothing stored
		assertThat(body(upload(duanzhou, volunteer.volunteerNumber(), "优秀志愿者" + tag, PNG)))
			.contains("document-error");
		MvcResult outside = upload(dinghu, volunteer.volunteerNumber(), "优秀志愿者" + tag, PDF);
		assertThat(outside.getResponse().getStatus()).isEqualTo(400);
		assertThat(body(outside)).contains("volunteerNumber-error");
		assertThat(fixtures.count("commendation")).isEqualTo(before);

		MvcResult saved = upload(duanzhou, volunteer.volunteerNumber(), "优秀志愿者" + tag, PDF);
		assertThat(saved.getResponse().getStatus()).isEqualTo(302);
		long id = jdbc.sql("select id from commendation where title = :t").param("t", "优秀志愿者" + tag)
			.query(Long.class).single();
		assertThat(body(mvc.perform(get("/admin/commendations").with(duanzhou)).andReturn())).contains("优秀志愿者" + tag);
		assertThat(body(mvc.perform(get("/admin/commendations").with(dinghu)).andReturn())).doesNotContain(tag);
		assertThat(mvc.perform(get("/admin/commendations/" + id + "/document").with(duanzhou)).andReturn().getResponse()
			.getContentAsByteArray()).isEqualTo(PDF);
		assertThat(mvc.perform(get("/admin/commendations/" + id + "/document").with(dinghu)).andReturn().getResponse()
			.getStatus()).isEqualTo(404);

		// the volunteer's own page and API, and the document; another volunteer gets none of it
		String page = body(mvc.perform(get("/me/commendations").with(volunteer.signedIn())).andReturn());
		assertThat(page).contains("优秀志愿者" + tag).contains("肇庆市文明办");
		assertThat(body(mvc.perform(get("/api/v1/me/commendations").with(volunteer.signedIn())).andReturn()))
			.contains("优秀志愿者" + tag).contains("\"level\":\"CITY\"").contains("\"awardedOn\":\"2026-03-05\"");
		assertThat(mvc.perform(get("/me/commendations/" + id + "/document").with(volunteer.signedIn())).andReturn()
			.getResponse().getContentAsByteArray()).isEqualTo(PDF);
		RecordFixtures.Person other = fixtures.volunteer(RecordFixtures.DUANZHOU);
		assertThat(mvc.perform(get("/me/commendations/" + id + "/document").with(other.signedIn())).andReturn()
			.getResponse().getStatus()).isEqualTo(404);
		assertThat(body(mvc.perform(get("/api/v1/me/commendations").with(other.signedIn())).andReturn())).doesNotContain(tag);

		// never public; other roles 403
		assertThat(mvc.perform(get("/api/v1/commendations").accept(MediaType.APPLICATION_JSON)).andReturn().getResponse()
			.getStatus()).isEqualTo(401);
		assertThat(mvc.perform(get("/api/v1/commendations").with(fixtures.users().staff(RecordFixtures.DUANZHOU,
				Roles.SITE_ADMIN))).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(mvc.perform(get("/admin/commendations").with(volunteer.signedIn())).andReturn().getResponse()
			.getStatus()).isEqualTo(403);
	}

	@Test
	void theJsonApiNamesEveryRefusedField() throws Exception {
		RecordFixtures.Person volunteer = fixtures.volunteer(RecordFixtures.DUANZHOU);
		long team = fixtures.team(RecordFixtures.DUANZHOU).teamId();
		long before = fixtures.count("commendation");
		MvcResult refused = mvc.perform(post("/api/v1/commendations").with(duanzhou).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"volunteerNumber": "%s", "teamId": %d, "title": "", "issuer": "", "level": "GALAXY",
					 "awardedOn": "2999-01-01"}""".formatted(volunteer.volunteerNumber(), team))).andReturn();
		assertThat(refused.getResponse().getStatus()).isEqualTo(400);
		assertThat(body(refused)).contains("\"field\":\"teamId\"", "\"field\":\"title\"", "\"field\":\"issuer\"",
				"\"field\":\"level\"", "\"field\":\"awardedOn\"");
		assertThat(body(mvc.perform(post("/api/v1/commendations").with(dinghu).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"teamId": %d, "title": "先进集体", "issuer": "肇庆市文明办", "level": "CITY", "awardedOn": "2026-01-01"}"""
				.formatted(team))).andReturn())).contains("\"field\":\"teamId\"");
		assertThat(mvc.perform(post("/api/v1/commendations").with(duanzhou).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"title\": {\"x\": 1}}")).andReturn().getResponse()
			.getContentAsString()).contains("\"field\":\"title\"");
		assertThat(fixtures.count("commendation")).isEqualTo(before);

		MvcResult created = mvc.perform(post("/api/v1/commendations").with(duanzhou).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("""
					{"teamId": %d, "title": "先进集体%s", "issuer": "广东省文明办", "level": "PROVINCE", "awardedOn": "2026-01-01"}"""
				.formatted(team, tag))).andReturn();
		assertThat(created.getResponse().getStatus()).isEqualTo(201);
		assertThat(body(created)).contains("\"subject\":\"TEAM\"");
		assertThat(body(mvc.perform(get("/api/v1/commendations").with(duanzhou)).andReturn())).contains("先进集体" + tag);
	}

	@Test
	void aPublishedGoodPersonAppearsAmongTheCommendationsUntilTheConsentIsWithdrawn() throws Exception {
		RecordFixtures.Person volunteer = fixtures.volunteer(RecordFixtures.DUANZHOU);
		long entry = HonorTestRows.rollEntry(jdbc, volunteer.name(), "441202001002", Honour.PROVINCE_GOOD, "2026Q3", "GIVEN");
		long nomination = jdbc.sql("select nomination_id from honor_roll_entry where id = :e").param("e", entry)
			.query(Long.class).single();
		jdbc.sql("update honor_nomination set volunteer_id = :v where id = :n").param("v", volunteer.volunteerId())
			.param("n", nomination).update();

		String own = body(mvc.perform(get("/api/v1/me/commendations").with(volunteer.signedIn())).andReturn());
		assertThat(own).contains("\"honour\":\"PROVINCE_GOOD\"").contains("\"level\":\"PROVINCE\"");
		assertThat(body(mvc.perform(get("/me/commendations").with(volunteer.signedIn())).andReturn())).contains("广东好人");

		jdbc.sql("update honor_consent set status = 'WITHDRAWN', ended_at = now() where nomination_id = :n")
			.param("n", nomination).update();
		assertThat(body(mvc.perform(get("/api/v1/me/commendations").with(volunteer.signedIn())).andReturn()))
			.doesNotContain("PROVINCE_GOOD");
		assertThat(body(mvc.perform(get("/me/commendations").with(volunteer.signedIn())).andReturn()))
			.doesNotContain("广东好人");
	}

	@Test
	void theVolunteerChoosesWhetherCommendationsAppearOnCertificates() throws Exception {
		RecordFixtures.Person volunteer = fixtures.volunteer(RecordFixtures.DUANZHOU);
		assertThat(body(mvc.perform(get("/api/v1/me/commendations").with(volunteer.signedIn())).andReturn()))
			.contains("\"onCertificates\":false");
		assertThat(body(mvc.perform(put("/api/v1/me/commendations/choice").with(volunteer.signedIn()).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"onCertificates\": \"yes\"}")).andReturn()))
			.contains("\"field\":\"onCertificates\"");
		assertThat(body(mvc.perform(put("/api/v1/me/commendations/choice").with(volunteer.signedIn()).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"onCertificates\": true}")).andReturn()))
			.contains("\"onCertificates\":true");
		MvcResult off = mvc.perform(post("/me/commendations/choice").with(volunteer.signedIn()).with(csrf())).andReturn();
		assertThat(off.getResponse().getStatus()).isEqualTo(302);
		assertThat(jdbc.sql("select on_certificates from commendation_choice where volunteer_id = :v")
			.param("v", volunteer.volunteerId()).query(Boolean.class).single()).isFalse();
		MvcResult bad = mvc.perform(post("/me/commendations/choice").with(volunteer.signedIn()).with(csrf())
			.param("onCertificates", "maybe")).andReturn();
		assertThat(bad.getResponse().getStatus()).isEqualTo(400);
		// someone who is no volunteer: not found
		assertThat(mvc.perform(put("/api/v1/me/commendations/choice").with(duanzhou).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"onCertificates\": true}")).andReturn().getResponse()
			.getStatus()).isEqualTo(404);
	}
}

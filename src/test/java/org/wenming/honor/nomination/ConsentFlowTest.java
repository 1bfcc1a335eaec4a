package org.wenming.honor.nomination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.casework.photo.TestImages;
import org.wenming.honor.consent.Consents;
import org.wenming.honor.consent.Snapshot;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.TestVolunteers;

/**
 * Consent on the real database: the request with its snapshot and hash, the nominee's page rendering exactly
 * the snapshot, one answer only, withdrawal taking the person off every public view (and the portrait off the
 * public photo route) in the same request, supersession when a public field changes, a minor's guardian, a
 * paper consent without a mobile, a staff-recorded withdrawal, an expired link.
 */
@WenmingTest
class ConsentFlowTest {

	static final String VILLAGE = "441202001002";

	static final String COUNTY = "441202";

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Nominations nominations;

	@Autowired
	Consents consents;

	TestUsers users;

	String tag;

	RequestPostProcessor office;

	@BeforeEach
	void setUp() {
		users = new TestUsers(regions);
		tag = UUID.randomUUID().toString().substring(0, 8);
		office = users.staff(COUNTY, Roles.OFFICE_STAFF);
	}

	long nominate(String id, String mobile) {
		NominationDraft draft = new NominationDraft("FILIAL", "PERSON", "孝女" + tag, id, mobile, VILLAGE, null,
				"照顾瘫痪母亲十年" + tag, "十年如一日……<i>坚持</i>", "PUBLIC", "陈街坊", null, "13800138000");
		return nominations.submit(draft, new Nominations.Submitter(users.staffPrincipal(VILLAGE, Roles.CITIZEN), false,
				Locale.CHINA, "https://wenming.test"), List.of()).id();
	}

	String lastLinkTo(String mobile) {
		String masked = mobile.substring(0, 3) + "****" + mobile.substring(7);
		String link = jdbc.sql("""
				select parameters->>'link' from notification_outbox where topic = 'honor.consent' and recipient_masked = :m
				order by id desc limit 1""").param("m", masked).query(String.class).single();
		return link.substring(link.indexOf("/honor/consent/"));
	}

	long publicEntries(long nominationId) {
		return jdbc.sql("select count(*) from honor_public_entry where nomination_id = :id").param("id", nominationId)
				.query(Long.class).single();
	}

	void rollEntry(long nominationId) {
		jdbc.sql("""
				insert into honor_roll_entry (nomination_id, honour, period, published_by, published_at)
				values (:id, 'CITY_GOOD', '2026Q4', 'test', now())""").param("id", nominationId).update();
	}

	@Test
	void consentGivenShowsThePersonAndWithdrawalHidesThemAtOnce() throws Exception {
		String mobile = TestVolunteers.mobile();
		long id = nominate(HonorFixtures.adultId(), mobile);
		// a photo chosen as the portrait
		mvc.perform(multipart("/admin/honor/nominations/" + id + "/evidence")
				.file(new MockMultipartFile("evidence", "p.jpg", "image/jpeg", TestImages.jpeg(320, 240)))
				.with(office).with(csrf())).andExpect(status().is3xxRedirection());
		long photo = jdbc.sql("select id from honor_evidence where nomination_id = :id").param("id", id)
				.query(Long.class).single();
		mvc.perform(post("/admin/honor/nominations/" + id + "/portrait").param("evidenceId", String.valueOf(photo))
				.with(office).with(csrf())).andExpect(status().is3xxRedirection());
		mvc.perform(post("/admin/honor/nominations/" + id + "/consent/request").with(office).with(csrf()))
				.andExpect(status().isOk()).andExpect(content().string(containsString("待答复")));
		String link = lastLinkTo(mobile);
		Map<String, Object> requested = jdbc.sql("""
				select id, status, channel, snapshot_sha256, token_hash, expires_at - requested_at as lifetime
				from honor_consent where nomination_id = :id""").param("id", id).query().singleRow();
		assertThat(requested.get("status")).isEqualTo("REQUESTED");
		assertThat(requested.get("channel")).isEqualTo("LINK");
		long consentId = ((Number) requested.get("id")).longValue();
		Snapshot snapshot = consents.snapshotOf(consentId);
		assertThat(snapshot).isEqualTo(new Snapshot("孝女" + tag, "FILIAL", "照顾瘫痪母亲十年" + tag, "十年如一日……<i>坚持</i>",
				regions.find(VILLAGE).orElseThrow().name(), photo, snapshot.period()));
		assertThat(snapshot.period()).matches("\\d{4}Q[1-4]");
		assertThat((byte[]) requested.get("snapshot_sha256")).isEqualTo(Consents.sha256(Consents.canonical(snapshot)));
		assertThat(requested.get("lifetime").toString()).contains("14 days");
		// the page renders exactly the snapshot, escaped; the photo only by the link
		mvc.perform(get(link)).andExpect(status().isOk())
				.andExpect(content().string(containsString("孝女" + tag)))
				.andExpect(content().string(containsString("照顾瘫痪母亲十年" + tag)))
				.andExpect(content().string(containsString("&lt;i&gt;坚持")))
				.andExpect(content().string(containsString(link + "/portrait")))
				.andExpect(content().string(not(containsString("13800138000"))));
		mvc.perform(get(link + "/portrait")).andExpect(status().isOk());
		mvc.perform(get("/honor/photos/" + photo)).andExpect(status().isNotFound());
		// consent: one click; a second answer is a conflict
		rollEntry(id);
		assertThat(publicEntries(id)).isZero();
		mvc.perform(post(link + "/give").with(csrf())).andExpect(status().isOk())
				.andExpect(content().string(containsString("感谢您的同意")));
		mvc.perform(post(link + "/decline").with(csrf())).andExpect(status().isConflict());
		mvc.perform(post(link + "/give").with(csrf())).andExpect(status().isConflict());
		Map<String, Object> given = jdbc.sql("select status, given_by, decided_at from honor_consent where id = :id")
				.param("id", consentId).query().singleRow();
		assertThat(given.get("status")).isEqualTo("GIVEN");
		assertThat(given.get("given_by")).isEqualTo("NOMINEE");
		assertThat(given.get("decided_at")).isNotNull();
		assertThat(publicEntries(id)).isEqualTo(1);
		mvc.perform(get("/honor/photos/" + photo)).andExpect(status().isOk())
				.andExpect(content().contentType("image/jpeg"));
		// withdrawn by the same link: gone from the public view and the photo route from this request on
		mvc.perform(post(link + "/withdraw").with(csrf())).andExpect(status().isOk())
				.andExpect(content().string(containsString("已撤回同意")));
		assertThat(publicEntries(id)).isZero();
		mvc.perform(get("/honor/photos/" + photo)).andExpect(status().isNotFound());
		mvc.perform(get(link + "/portrait")).andExpect(status().isNotFound());
		Map<String, Object> withdrawn = jdbc.sql("select status, ended_at, ended_by from honor_consent where id = :id")
				.param("id", consentId).query().singleRow();
		assertThat(withdrawn.get("status")).isEqualTo("WITHDRAWN");
		assertThat(withdrawn.get("ended_at")).isNotNull();
		mvc.perform(post(link + "/withdraw").with(csrf())).andExpect(status().isConflict());
		// the staff page shows the history
		mvc.perform(get("/admin/honor/nominations/" + id).with(office)).andExpect(status().isOk())
				.andExpect(content().string(containsString("已撤回")));
		mvc.perform(get("/honor/consent/" + "C".repeat(32))).andExpect(status().isNotFound());
	}

	@Test
	void aDeclineIsFinalAndAnExpiredLinkCannotBeAnswered() throws Exception {
		String mobile = TestVolunteers.mobile();
		long id = nominate(HonorFixtures.adultId(), mobile);
		String link = consents.request(id, null, users.staffPrincipal(COUNTY, Roles.OFFICE_STAFF), Locale.CHINA, "").path();
		rollEntry(id);
		mvc.perform(post(link + "/decline").with(csrf())).andExpect(status().isOk());
		mvc.perform(post(link + "/give").with(csrf())).andExpect(status().isConflict());
		assertThat(jdbc.sql("select status from honor_consent where nomination_id = :id").param("id", id)
				.query(String.class).single()).isEqualTo("DECLINED");
		assertThat(publicEntries(id)).isZero();
		// asked again: a new link; once expired it is refused
		String again = consents.request(id, null, users.staffPrincipal(COUNTY, Roles.OFFICE_STAFF), Locale.CHINA, "").path();
		jdbc.sql("update honor_consent set expires_at = requested_at where nomination_id = :id and status = 'REQUESTED'")
				.param("id", id).update();
		mvc.perform(get(again)).andExpect(status().isOk()).andExpect(content().string(not(containsString("/give\""))));
		mvc.perform(post(again + "/give").with(csrf())).andExpect(status().isConflict());
		assertThat(publicEntries(id)).isZero();
	}

	@Test
	void aChangeOfAPublicFieldSupersedesTheConsent() throws Exception {
		String mobile = TestVolunteers.mobile();
		String nomineeId = HonorFixtures.adultId();
		NominationDraft draft = new NominationDraft("HELPING", "PERSON", "改稿人" + tag, nomineeId, mobile, VILLAGE, null,
				"原标题" + tag, "原事迹", "PUBLIC", "陈街坊", null, "13800138000");
		Submitted submitted = nominations.submit(draft, new Nominations.Submitter(
				users.staffPrincipal(VILLAGE, Roles.CITIZEN), false, Locale.CHINA, ""), List.of());
		String link = consents.request(submitted.id(), null, users.staffPrincipal(COUNTY, Roles.OFFICE_STAFF),
				Locale.CHINA, "").path();
		mvc.perform(post(link + "/give").with(csrf())).andExpect(status().isOk());
		rollEntry(submitted.id());
		assertThat(publicEntries(submitted.id())).isEqualTo(1);
		jdbc.sql("update honor_nomination set status = 'RETURNED' where id = :id").param("id", submitted.id()).update();
		nominations.amend(submitted.token(), "新标题" + tag, "新事迹", List.of());
		Map<String, Object> row = jdbc.sql("select status, ended_at, ended_by from honor_consent where nomination_id = :id")
				.param("id", submitted.id()).query().singleRow();
		assertThat(row.get("status")).isEqualTo("SUPERSEDED");
		assertThat(row.get("ended_at")).isNotNull();
		assertThat(publicEntries(submitted.id())).isZero();
	}

	@Test
	void aMinorsGuardianAnswersAndWithoutAMobileStaffRecordPaper() throws Exception {
		String guardianMobile = TestVolunteers.mobile();
		long minor = nominate(HonorFixtures.minorId(), guardianMobile);
		mvc.perform(post("/admin/honor/nominations/" + minor + "/consent/request").with(office).with(csrf()))
				.andExpect(status().isBadRequest()).andExpect(content().string(containsString("监护人")));
		assertThat(jdbc.sql("select count(*) from honor_consent where nomination_id = :id").param("id", minor)
				.query(Long.class).single()).isZero();
		mvc.perform(post("/admin/honor/nominations/" + minor + "/consent/request").param("guardianName", "孝女之母")
				.with(office).with(csrf())).andExpect(status().isOk());
		assertThat(jdbc.sql("""
				select text from notification_outbox where topic = 'honor.consent' order by id desc limit 1""")
				.query(String.class).single()).contains("监护人");
		String link = lastLinkTo(guardianMobile);
		mvc.perform(get(link)).andExpect(status().isOk()).andExpect(content().string(containsString("孝女之母")));
		mvc.perform(post(link + "/give").with(csrf())).andExpect(status().isOk());
		assertThat(jdbc.sql("select given_by || ':' || guardian_name from honor_consent where nomination_id = :id")
				.param("id", minor).query(String.class).single()).isEqualTo("GUARDIAN:孝女之母");

		long noMobile = nominate(HonorFixtures.adultId(), null);
		mvc.perform(post("/admin/honor/nominations/" + noMobile + "/consent/request").with(office).with(csrf()))
				.andExpect(status().isBadRequest()).andExpect(content().string(containsString("书面同意")));
		// a photo is not a scanned form
		mvc.perform(multipart("/admin/honor/nominations/" + noMobile + "/consent/paper").param("givenBy", "NOMINEE")
				.file(new MockMultipartFile("form", "f.jpg", "image/jpeg", TestImages.jpeg(200, 200)))
				.with(office).with(csrf())).andExpect(status().isBadRequest());
		assertThat(jdbc.sql("select count(*) from honor_evidence where nomination_id = :id").param("id", noMobile)
				.query(Long.class).single()).isZero();
		mvc.perform(multipart("/admin/honor/nominations/" + noMobile + "/consent/paper").param("givenBy", "NOMINEE")
				.file(new MockMultipartFile("form", "f.pdf", "application/pdf", HonorFixtures.pdf(1)))
				.with(office).with(csrf())).andExpect(status().isOk());
		Map<String, Object> paper = jdbc.sql("""
				select c.status, c.channel, c.given_by, e.kind from honor_consent c
				join honor_evidence e on e.id = c.paper_evidence_id where c.nomination_id = :id""").param("id", noMobile)
				.query().singleRow();
		assertThat(paper).containsEntry("status", "GIVEN").containsEntry("channel", "PAPER")
				.containsEntry("given_by", "NOMINEE").containsEntry("kind", "DOCUMENT");
		rollEntry(noMobile);
		assertThat(publicEntries(noMobile)).isEqualTo(1);
		// the nominee telephones to withdraw: staff record it with the reason
		mvc.perform(post("/admin/honor/nominations/" + noMobile + "/consent/withdraw").param("reason", "短")
				.with(office).with(csrf())).andExpect(status().isBadRequest());
		mvc.perform(post("/admin/honor/nominations/" + noMobile + "/consent/withdraw")
				.param("reason", "本人来电要求撤回公开").with(office).with(csrf())).andExpect(status().isOk());
		assertThat(publicEntries(noMobile)).isZero();
		assertThat(jdbc.sql("select ended_reason from honor_consent where nomination_id = :id").param("id", noMobile)
				.query(String.class).single()).isEqualTo("本人来电要求撤回公开");
	}
}

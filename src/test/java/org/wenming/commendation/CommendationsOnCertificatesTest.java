package org.wenming.commendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.wenming.complaint.RecordFixtures;
import org.wenming.ledger.CertificateLine;
import org.wenming.ledger.certificate.Certificates;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.Volunteers;

/**
 * A volunteer's commendations on their service certificate (issue 22): printed only when the volunteer asked for
 * them, recorded with the certificate as printed (a later commendation does not change an issued certificate), a
 * same-day download with other lines is another certificate, and the public verification page shows the lines.
 */
@WenmingTest
class CommendationsOnCertificatesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Volunteers volunteers;

	@Autowired
	Certificates certificates;

	@Test
	void theCertificateCarriesTheCommendationsOnlyWhenTheVolunteerAsks() throws Exception {
		RecordFixtures fixtures = new RecordFixtures(jdbc, volunteers, regions);
		String tag = RecordFixtures.tag();
		RecordFixtures.Person volunteer = fixtures.volunteer(RecordFixtures.DUANZHOU);
		MvcResult recorded = mvc.perform(multipart("/admin/commendations/new")
			.file(new MockMultipartFile("document", "c.pdf", "application/pdf", CommendationsTest.PDF))
			.with(fixtures.users().staff(RecordFixtures.DUANZHOU, Roles.OFFICE_STAFF)).with(csrf())
			.param("volunteerNumber", volunteer.volunteerNumber()).param("teamId", "").param("title", "优秀志愿者" + tag)
			.param("issuer", "肇庆市文明办").param("level", "CITY").param("awardedOn", "2026-03-05")).andReturn();
		assertThat(recorded.getResponse().getStatus()).isEqualTo(302);

		String without = issue(volunteer);
		assertThat(certificates.printedLines(id(without))).as("not asked for: no lines").isEmpty();
		assertThat(text(download(volunteer, without))).doesNotContain("优秀志愿者" + tag);

		mvc.perform(put("/api/v1/me/commendations/choice").with(volunteer.signedIn()).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"onCertificates\": true}"));
		String with = issue(volunteer);
		assertThat(with).as("other lines the same day: another certificate").isNotEqualTo(without);
		List<CertificateLine> lines = certificates.printedLines(id(with));
		assertThat(lines).singleElement().satisfies(line -> {
			assertThat(line.kind()).isEqualTo(CertificateLine.Kind.AWARD);
			assertThat(line.title()).isEqualTo("优秀志愿者" + tag);
			assertThat(line.by()).isEqualTo("肇庆市文明办");
			assertThat(line.detailKey()).isEqualTo("commendation.level.CITY");
		});
		assertThat(text(download(volunteer, with))).contains("荣誉与表彰").contains("优秀志愿者" + tag)
			.contains("肇庆市文明办（市级）");
		assertThat(issue(volunteer)).as("the same lines the same day: the same certificate").isEqualTo(with);
		String verification = mvc.perform(get("/certificates/" + with)).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		assertThat(verification).contains("优秀志愿者" + tag).contains("肇庆市文明办（市级）");
		assertThat(verification).as("the volunteer's name stays masked").doesNotContain(volunteer.name());

		mvc.perform(put("/api/v1/me/commendations/choice").with(volunteer.signedIn()).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"onCertificates\": false}"));
		assertThat(certificates.printedLines(id(with))).as("an issued certificate keeps what it printed").hasSize(1);
	}

	private String issue(RecordFixtures.Person person) throws Exception {
		MvcResult result = mvc.perform(post("/me/certificates").with(csrf()).with(person.signedIn()).param("from", "")
			.param("to", "")).andReturn();
		String location = result.getResponse().getRedirectedUrl();
		assertThat(location).as(result.getResponse().getContentAsString()).startsWith("/me/certificates/");
		return location.substring("/me/certificates/".length(), location.length() - ".pdf".length());
	}

	private byte[] download(RecordFixtures.Person person, String number) throws Exception {
		return mvc.perform(get("/me/certificates/" + number + ".pdf").with(person.signedIn())).andReturn().getResponse()
			.getContentAsByteArray();
	}

	private long id(String number) {
		return jdbc.sql("select id from service_certificate where number = :n").param("n", number).query(Long.class)
			.single();
	}

	private static String text(byte[] pdf) throws Exception {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(document);
		}
	}
}

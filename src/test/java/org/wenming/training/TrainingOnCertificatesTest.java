package org.wenming.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.wenming.complaint.RecordFixtures;
import org.wenming.ledger.certificate.Certificates;
import org.wenming.region.Regions;
import org.wenming.shared.CertificateLine;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.Volunteers;

/**
 * A volunteer's completed trainings on their service certificate (issue 22): only once they ask on their training
 * page or API (a value other than true or false refused naming the field), with provider and hours, in the PDF.
 */
@WenmingTest
class TrainingOnCertificatesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Volunteers volunteers;

	@Autowired
	Trainings trainings;

	@Autowired
	Certificates certificates;

	@Test
	void completedTrainingsArePrintedWhenTheVolunteerAsks() throws Exception {
		RecordFixtures fixtures = new RecordFixtures(jdbc, volunteers, regions);
		String tag = RecordFixtures.tag();
		RecordFixtures.Person volunteer = fixtures.volunteer(RecordFixtures.DUANZHOU);
		trainings.recordExternal(volunteer.volunteerId(), "广州志愿者平台", "course-" + tag,
				new CompletedCourse("红十字救护员培训" + tag, "广州市红十字会", new BigDecimal("16.0"), LocalDate.of(2026, 4, 2),
						"广州", true, "RC-" + tag, Qualification.FIRST_AID, null));

		assertThat(certificates.printedLines(id(issue(volunteer)))).as("not asked for").isEmpty();
		MvcResult refused = mvc.perform(put("/api/v1/me/training/choice").with(volunteer.signedIn()).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"onCertificates\": \"maybe\"}")).andReturn();
		assertThat(refused.getResponse().getStatus()).isEqualTo(400);
		assertThat(refused.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("\"field\":\"onCertificates\"");
		MvcResult chosen = mvc.perform(post("/me/training/choice").with(volunteer.signedIn()).with(csrf())
			.param("onCertificates", "true")).andReturn();
		assertThat(chosen.getResponse().getRedirectedUrl()).isEqualTo("/me/training?done=saved");
		assertThat(mvc.perform(get("/api/v1/me/training").with(volunteer.signedIn())).andReturn().getResponse()
			.getContentAsString(StandardCharsets.UTF_8)).contains("\"onCertificates\":true");

		String number = issue(volunteer);
		assertThat(certificates.printedLines(id(number))).singleElement().satisfies(line -> {
			assertThat(line.kind()).isEqualTo(CertificateLine.Kind.TRAINING);
			assertThat(line.title()).isEqualTo("红十字救护员培训" + tag);
			assertThat(line.by()).isEqualTo("广州市红十字会");
			assertThat(line.detailArgument()).isEqualTo("16");
		});
		byte[] pdf = mvc.perform(get("/me/certificates/" + number + ".pdf").with(volunteer.signedIn())).andReturn()
			.getResponse().getContentAsByteArray();
		try (PDDocument document = Loader.loadPDF(pdf)) {
			assertThat(new PDFTextStripper().getText(document)).contains("培训经历").contains("红十字救护员培训" + tag)
				.contains("广州市红十字会（16 学时）");
		}
	}

	private String issue(RecordFixtures.Person person) throws Exception {
		String location = mvc.perform(post("/me/certificates").with(csrf()).with(person.signedIn()).param("from", "")
			.param("to", "")).andReturn().getResponse().getRedirectedUrl();
		assertThat(location).startsWith("/me/certificates/");
		return location.substring("/me/certificates/".length(), location.length() - ".pdf".length());
	}

	private long id(String number) {
		return jdbc.sql("select id from service_certificate where number = :n").param("n", number).query(Long.class)
			.single();
	}
}

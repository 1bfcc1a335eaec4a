package org.wenming.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.Volunteers;

import com.jayway.jsonpath.JsonPath;

/**
 * The cockpit is confined to the staff member's region: 鼎湖区's office sees 鼎湖区 and what lies
 * below it, never 端州区; the city office sees both. Its downloads hold exactly the page's rows.
 */
@WenmingTest
class InsightCockpitTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Regions regions;

	@Autowired
	Volunteers volunteers;

	@Autowired
	InsightAggregates aggregates;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void aCountyOfficeSeesOnlyItsCountyAndTheCityOfficeSeesBoth() throws Exception {
		TestUsers users = new TestUsers(regions);
		RequestPostProcessor dinghu = users.staff("441203", Roles.OFFICE_STAFF);
		RequestPostProcessor city = users.staff("4412", Roles.OFFICE_STAFF);
		List<Region> towns = regions.children("441203");

		// the county's own cockpit by default: a line per town of 鼎湖区, nothing else
		String json = mvc.perform(get("/api/v1/insight/cockpit").with(dinghu)).andExpect(status().isOk())
			.andExpect(jsonPath("$.region").value("441203")).andReturn().getResponse().getContentAsString();
		List<String> codes = JsonPath.read(json, "$.lines[*].code");
		assertThat(codes).containsExactlyElementsOf(towns.stream().map(Region::code).toList());
		assertThat(json).doesNotContain("端州区");
		// 端州区 and its towns are not found for 鼎湖区's office, in the API, the page and the downloads
		for (String other : List.of("441202", regions.children("441202").get(0).code(), "4412")) {
			mvc.perform(get("/api/v1/insight/cockpit").param("region", other).with(dinghu))
				.andExpect(status().isNotFound());
			mvc.perform(get("/admin/insight").param("region", other).with(dinghu)).andExpect(status().isNotFound());
			mvc.perform(get("/admin/insight/export.xlsx").param("region", other).with(dinghu))
				.andExpect(status().isNotFound());
		}
		// the city office: both counties, and drills into either
		String cityJson = mvc.perform(get("/api/v1/insight/cockpit").param("region", "4412").with(city))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<String> counties = JsonPath.read(cityJson, "$.lines[*].code");
		assertThat(counties).contains("441202", "441203");
		mvc.perform(get("/api/v1/insight/cockpit").param("region", "441202").with(city)).andExpect(status().isOk());
		// no replica configured in the tests: the cockpit says everything is read from the primary
		assertThat(mvc.perform(get("/admin/insight").param("region", "441203").with(city)).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString()).contains("没有只读副本：所有数据都从主库读取。");
		// a volunteer or someone without an office role gets nothing
		mvc.perform(get("/api/v1/insight/cockpit").with(users.staff("441203", Roles.VOLUNTEER)))
			.andExpect(status().isForbidden());
	}

	@Test
	void aTownShowsItsSitesAndANewVolunteerCountsInItsLine() throws Exception {
		new TransactionTemplate(transactionManager).executeWithoutResult(s -> aggregates.rebuild());
		RequestPostProcessor dinghu = new TestUsers(regions).staff("441203", Roles.OFFICE_STAFF);
		Region town = regions.children("441203").get(1);
		Region village = regions.children(town.code()).get(0);
		String before = mvc.perform(get("/api/v1/insight/cockpit").param("region", town.code()).with(dinghu))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
		List<Object> sites = JsonPath.read(before, "$.sites");
		assertThat(sites).isNotEmpty();
		int volunteersBefore = JsonPath.<List<Integer>>read(before,
				"$.lines[?(@.code == '" + village.code() + "')].volunteers").get(0);
		volunteers.registerByStaff(TestVolunteers.draft(TestVolunteers.name(), TestVolunteers.residentId("441203"),
				TestVolunteers.mobile(), village.code()), new TestUsers(regions).staffPrincipal("441203", Roles.OFFICE_STAFF));
		Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
			String after = mvc.perform(get("/api/v1/insight/cockpit").param("region", town.code()).with(dinghu))
				.andReturn().getResponse().getContentAsString();
			return JsonPath.<List<Integer>>read(after, "$.lines[?(@.code == '" + village.code() + "')].volunteers")
				.get(0) == volunteersBefore + 1;
		});
		String after = mvc.perform(get("/api/v1/insight/cockpit").param("region", town.code()).with(dinghu))
			.andReturn().getResponse().getContentAsString();
		assertThat(JsonPath.<Integer>read(after, "$.total.newVolunteers"))
			.isEqualTo(JsonPath.<Integer>read(before, "$.total.newVolunteers") + 1);
	}

	@Test
	void theDownloadsHoldThePagesRows() throws Exception {
		RequestPostProcessor dinghu = new TestUsers(regions).staff("441203", Roles.OFFICE_STAFF);
		List<Region> towns = regions.children("441203");
		byte[] xlsx = mvc.perform(get("/admin/insight/export.xlsx").param("year", "2026").with(dinghu))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		List<List<String>> rows = new ArrayList<>();
		try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet sheet = workbook.getFirstSheet();
			for (Row row : sheet.read()) {
				List<String> cells = new ArrayList<>();
				for (int c = 0; c < row.getCellCount(); c++) {
					cells.add(row.getCellText(c));
				}
				rows.add(cells);
			}
		}
		// the header, a row per town, the county's total
		assertThat(rows).hasSize(towns.size() + 2);
		assertThat(rows.subList(1, towns.size() + 1)).extracting(r -> r.get(0))
			.containsExactlyElementsOf(towns.stream().map(Region::name).toList());
		assertThat(rows.get(0)).hasSize(11);
		assertThat(rows.get(towns.size() + 1).get(0)).contains("鼎湖区");

		byte[] pdf = mvc.perform(get("/admin/insight/export.pdf").param("year", "2026").with(dinghu))
			.andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
		try (PDDocument document = Loader.loadPDF(pdf)) {
			String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
			assertThat(text).contains("鼎湖区工作驾驶舱");
			towns.forEach(t -> assertThat(text).contains(t.name()));
			assertThat(text).doesNotContain("端州区");
		}
	}

	@Test
	void nonsenseFiltersAreRefusedNamingTheParameter() throws Exception {
		RequestPostProcessor dinghu = new TestUsers(regions).staff("441203", Roles.OFFICE_STAFF);
		for (String[] bad : List.of(new String[] { "region", "abc" }, new String[] { "region", "440100" },
				new String[] { "region", "4412' or '1'='1" }, new String[] { "year", "20x6" },
				new String[] { "year", "1999" }, new String[] { "year", "2999" }, new String[] { "month", "2026-13" },
				new String[] { "month", "March" }, new String[] { "month", "2999-01" })) {
			mvc.perform(get("/api/v1/insight/cockpit").param(bad[0], bad[1]).with(dinghu))
				.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value(bad[0]));
			mvc.perform(get("/admin/insight").param(bad[0], bad[1]).with(dinghu)).andExpect(status().isBadRequest());
		}
		mvc.perform(get("/api/v1/insight/cockpit").param("year", "2026").param("month", "2025-03").with(dinghu))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("month"));
		mvc.perform(get("/api/v1/insight/cockpit").param("month", "2026-03").with(dinghu)).andExpect(status().isOk())
			.andExpect(jsonPath("$.from").value("2026-03-01")).andExpect(jsonPath("$.to").value("2026-04-01"));
	}
}

package org.wenming.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

import com.jayway.jsonpath.JsonPath;

/** Other cities' figures, entered or imported by the city office, and the city's rank in the province. */
@WenmingTest
class InsightProvinceTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	static final int YEAR = LocalDate.now(CityTime.ZONE).getYear();

	long rows() {
		return jdbc.sql("select count(*) from insight_province_figure where year = :y").param("y", YEAR)
			.query(Long.class).single();
	}

	@Test
	void theCityOfficeEntersAndImportsFiguresAndTheDashboardRanksTheCity() throws Exception {
		TestUsers users = new TestUsers(regions);
		RequestPostProcessor city = users.staff("4412", Roles.OFFICE_STAFF);
		jdbc.sql("delete from insight_province_figure where year = :y").param("y", YEAR).update();

		// bad input: refused naming each field, nothing stored
		String page = mvc.perform(post("/admin/insight/province").with(city).with(csrf()).param("city", "4412")
			.param("year", "1999").param("volunteers", "-5").param("hours", "1.25")).andExpect(status().isBadRequest())
			.andReturn().getResponse().getContentAsString();
		assertThat(page).contains("id=\"city-error\"", "id=\"year-error\"", "id=\"volunteers-error\"", "id=\"hours-error\"");
		for (String[] bad : List.of(new String[] { "4501", "city" }, new String[] { "440100", "city" },
				new String[] { "4401' or 1=1--", "city" })) {
			mvc.perform(post("/admin/insight/province").with(city).with(csrf()).param("city", bad[0])
				.param("year", String.valueOf(YEAR)).param("volunteers", "1").param("hours", "1"))
				.andExpect(status().isBadRequest());
		}
		assertThat(rows()).isZero();

		// one by form
		mvc.perform(post("/admin/insight/province").with(city).with(csrf()).param("city", "4401")
			.param("year", String.valueOf(YEAR)).param("volunteers", "3,500,000").param("hours", "98000000.5"))
			.andExpect(status().is3xxRedirection());
		// a file with one bad line: nothing of it is stored, the line is named
		String refused = mvc.perform(multipart("/admin/insight/province/import").file(csv("""
				city,year,volunteers,hours
				4403,%1$d,2000000,60000000
				4404,%1$d,abc,1
				""".formatted(YEAR))).with(city).with(csrf())).andExpect(status().isBadRequest()).andReturn()
			.getResponse().getContentAsString();
		assertThat(refused).contains("3");
		assertThat(rows()).isEqualTo(1);
		// not UTF-8 text: refused
		mvc.perform(multipart("/admin/insight/province/import")
			.file(new MockMultipartFile("file", "x.csv", "text/csv", new byte[] { (byte) 0xC3, 0x28, 0x00, (byte) 0xFF }))
			.with(city).with(csrf())).andExpect(status().isBadRequest());
		// a good file (with a BOM, as spreadsheet programs write it)
		mvc.perform(multipart("/admin/insight/province/import").file(csv("\uFEFF" + """
				city,year,volunteers,hours
				4403,%1$d,2000000,60000000
				4404,%1$d,900000,0
				""".formatted(YEAR))).with(city).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(rows()).isEqualTo(3);

		// the dashboard ranks the city among them by hours of the year
		String json = mvc.perform(get("/api/v1/dashboard").param("year", String.valueOf(YEAR))).andReturn().getResponse()
			.getContentAsString();
		{
			BigDecimal ours = new BigDecimal(JsonPath.read(json, "$.headline.hoursThisYear").toString());
			int expected = 1 + (ours.compareTo(new BigDecimal("98000000.5")) < 0 ? 1 : 0)
					+ (ours.compareTo(new BigDecimal("60000000")) < 0 ? 1 : 0) + (ours.signum() == 0 ? 1 : 0);
			assertThat(JsonPath.<Integer>read(json, "$.provinceRank.rank")).isEqualTo(expected);
			assertThat(JsonPath.<Integer>read(json, "$.provinceRank.cities")).isEqualTo(4);
		}
		// a county office may not enter them
		mvc.perform(post("/admin/insight/province").with(users.staff("441203", Roles.OFFICE_STAFF)).with(csrf())
			.param("city", "4405").param("year", String.valueOf(YEAR)).param("volunteers", "1").param("hours", "1"))
			.andExpect(status().isForbidden());
		assertThat(rows()).isEqualTo(3);
	}

	static MockMultipartFile csv(String text) {
		return new MockMultipartFile("file", "figures.csv", "text/csv", text.getBytes(StandardCharsets.UTF_8));
	}
}

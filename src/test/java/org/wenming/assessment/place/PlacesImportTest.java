package org.wenming.assessment.place;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * Importing places from CSV and XLSX by HTTP: a good file is stored whole (again: updated, not
 * doubled); a file with bad rows stores nothing and names every row and column; a county office
 * imports only into its own county; the registry's pages and API stay in scope.
 */
@WenmingTest
class PlacesImportTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	RequestPostProcessor duanzhou;

	RequestPostProcessor dinghu;

	String tag;

	Region village;

	Region town;

	@BeforeEach
	void setUp() {
		TestUsers users = new TestUsers(regions);
		duanzhou = users.staff("441202", Roles.OFFICE_STAFF);
		dinghu = users.staff("441203", Roles.OFFICE_STAFF);
		tag = UUID.randomUUID().toString().substring(0, 6);
		village = regions.find(jdbc.sql("select code from region where level = 5 and code like '441202%' order by code limit 1")
				.query(String.class).single()).orElseThrow();
		town = regions.find(village.parentCode()).orElseThrow();
	}

	int places(String like) {
		return jdbc.sql("select count(*) from assessment_place where name like :n").param("n", like).query(Integer.class)
				.single();
	}

	MvcResult upload(String name, byte[] content, RequestPostProcessor who) throws Exception {
		return mvc.perform(multipart("/api/v1/assessment/places/import")
				.file(new MockMultipartFile("file", name, "application/octet-stream", content)).with(csrf()).with(who))
				.andReturn();
	}

	@Test
	void aGoodCsvIsImportedWholeAndAgainUpdatesRatherThanDoubles() throws Exception {
		String csv = "\uFEFF类型,名称,地址,区划,纬度,经度\n"
				+ "集贸市场,导入市场" + tag + ",城东路1号," + village.code() + ",23.051200,112.472300\n"
				+ "MAIN_ROAD,导入路" + tag + ",," + village.code() + ",,\n"
				// by name: the county/town/village path
				+ "公交站点,导入站" + tag + ",,端州区/" + town.name() + "/" + village.name() + ",,\n";
		MvcResult result = upload("places.csv", csv.getBytes(StandardCharsets.UTF_8), duanzhou);
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
		assertThat(result.getResponse().getContentAsString()).contains("\"added\":3");
		assertThat(places("导入%" + tag)).isEqualTo(3);
		assertThat(jdbc.sql("select region_code from assessment_place where name = :n").param("n", "导入站" + tag)
				.query(String.class).single()).isEqualTo(village.code());
		// the same file again, with a new address: updated, not doubled
		MvcResult again = upload("places.csv", csv.replace("城东路1号", "城东路2号").getBytes(StandardCharsets.UTF_8), duanzhou);
		assertThat(again.getResponse().getContentAsString()).contains("\"added\":0").contains("\"updated\":3");
		assertThat(places("导入%" + tag)).isEqualTo(3);
		assertThat(jdbc.sql("select address from assessment_place where name = :n").param("n", "导入市场" + tag)
				.query(String.class).single()).isEqualTo("城东路2号");
	}

	@Test
	void aGoodWorkbookIsImported() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (Workbook wb = new Workbook(out, "test", "1.0")) {
			Worksheet ws = wb.newWorksheet("点位");
			String[] header = { "类型", "名称", "区划" };
			for (int c = 0; c < header.length; c++) {
				ws.value(0, c, header[c]);
			}
			ws.value(1, 0, "医院");
			ws.value(1, 1, "表格医院" + tag);
			ws.value(1, 2, village.code());
			ws.value(2, 0, "学校周边");
			ws.value(2, 1, "表格学校" + tag);
			ws.value(2, 2, village.code());
		}
		MvcResult result = upload("places.xlsx", out.toByteArray(), duanzhou);
		assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
		assertThat(places("表格%" + tag)).isEqualTo(2);
	}

	@Test
	void aFileWithBadRowsStoresNothingAndNamesEachRowAndColumn() throws Exception {
		String dinghuVillage = jdbc.sql("select code from region where level = 5 and code like '441203%' order by code limit 1")
				.query(String.class).single();
		String csv = "类型,名称,地址,区划,纬度,经度\n"
				+ "集贸市场,坏文件市场" + tag + ",," + village.code() + ",23.05,112.47\n" // good
				+ "飞机场,坏文件机场" + tag + ",," + village.code() + ",,\n" // row 3: unknown type
				+ "集贸市场,," + ",," + village.code() + ",,\n".replace(",,\n", ",,\n") // row 4: no name
				+ "集贸市场,坏文件越界" + tag + ",," + dinghuVillage + ",,\n" // row 5: another county
				+ "集贸市场,坏文件坐标" + tag + ",," + village.code() + ",95,112\n" // row 6: latitude
				+ "集贸市场,坏文件单坐标" + tag + ",," + village.code() + ",23.1,\n" // row 7: half a position
				+ "集贸市场,坏文件市场" + tag + ",," + village.code() + ",,\n" // row 8: repeats row 2
				+ "集贸市场,坏文件镇级" + tag + ",," + town.code() + ",,\n"; // row 9: a town, not a village
		int before = jdbc.sql("select count(*) from assessment_place").query(Integer.class).single();
		MvcResult result = upload("bad.csv", csv.getBytes(StandardCharsets.UTF_8), duanzhou);
		assertThat(result.getResponse().getStatus()).isEqualTo(400);
		String body = result.getResponse().getContentAsString();
		assertThat(body).contains("{\"row\":3,\"field\":\"type\"").contains("{\"row\":4,\"field\":\"name\"")
				.contains("{\"row\":5,\"field\":\"region\"").contains("{\"row\":6,\"field\":\"latitude\"")
				.contains("{\"row\":7,\"field\":\"longitude\"").contains("{\"row\":8,\"field\":\"name\"")
				.contains("{\"row\":9,\"field\":\"region\"").doesNotContain("\"row\":2,");
		assertThat(jdbc.sql("select count(*) from assessment_place").query(Integer.class).single()).isEqualTo(before);
		assertThat(places("坏文件%" + tag)).isZero();

		// the page says the same with the row numbers, and stores nothing either
		MvcResult page = mvc.perform(multipart("/admin/assessment/places/import")
				.file(new MockMultipartFile("file", "bad.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
				.with(csrf()).with(duanzhou)).andReturn();
		assertThat(page.getResponse().getStatus()).isEqualTo(400);
		assertThat(page.getResponse().getContentAsString()).contains("没有导入任何内容").contains("<td>9</td>");
		assertThat(places("坏文件%" + tag)).isZero();
	}

	@Test
	void filesThatAreNotTablesAreRefused() throws Exception {
		assertThat(upload("x.csv", new byte[] { (byte) 0xff, (byte) 0xfe, 0x41, 0x00 }, duanzhou).getResponse()
				.getContentAsString()).contains("UTF-8");
		assertThat(upload("x.xlsx", "PK\u0003\u0004garbage".getBytes(StandardCharsets.ISO_8859_1), duanzhou).getResponse()
				.getStatus()).isEqualTo(400);
		assertThat(upload("x.csv", "名称,颜色\n甲,红\n".getBytes(StandardCharsets.UTF_8), duanzhou).getResponse()
				.getContentAsString()).contains("\"field\":\"header\"").contains("\"field\":\"type\"");
		assertThat(upload("x.csv", new byte[0], duanzhou).getResponse().getStatus()).isEqualTo(400);
		assertThat(mvc.perform(multipart("/api/v1/assessment/places/import").with(csrf()).with(duanzhou)).andReturn()
				.getResponse().getStatus()).isEqualTo(400);
	}

	@Test
	void theRegistryStaysInItsScope() throws Exception {
		MvcResult created = mvc.perform(post("/api/v1/assessment/places").with(csrf()).with(duanzhou)
				.contentType(MediaType.APPLICATION_JSON).content("""
						{"type":"PARK_SQUARE","name":"范围公园%s","regionCode":"%s","latitude":23.05,"longitude":112.48}"""
						.formatted(tag, village.code()))).andReturn();
		assertThat(created.getResponse().getStatus()).as(created.getResponse().getContentAsString()).isEqualTo(201);
		long id = jdbc.sql("select id from assessment_place where name = :n").param("n", "范围公园" + tag)
				.query(Long.class).single();
		// bad values name their field; nothing stored
		MvcResult bad = mvc.perform(post("/api/v1/assessment/places").with(csrf()).with(duanzhou)
				.contentType(MediaType.APPLICATION_JSON).content("""
						{"type":"AIRPORT","name":"","regionCode":"%s","latitude":123}""".formatted(village.code())))
				.andReturn();
		assertThat(bad.getResponse().getStatus()).isEqualTo(400);
		assertThat(bad.getResponse().getContentAsString()).contains("\"type\"").contains("\"name\"")
				.contains("\"latitude\"");
		// another county's office: not found, and audited
		assertThat(mvc.perform(get("/api/v1/assessment/places/" + id).with(dinghu)).andReturn().getResponse().getStatus())
				.isEqualTo(404);
		assertThat(mvc.perform(get("/admin/assessment/places/" + id + "/edit").with(dinghu)).andReturn().getResponse()
				.getStatus()).isEqualTo(404);
		assertThat(jdbc.sql("select count(*) from security_event where type = 'OUT_OF_SCOPE' and detail like :d")
				.param("d", "assessment place " + id + " via %").query(Integer.class).single()).isEqualTo(2);
		assertThat(mvc.perform(get("/api/v1/assessment/places").param("q", "范围公园" + tag).with(dinghu)).andReturn()
				.getResponse().getContentAsString()).contains("\"total\":0");
		assertThat(mvc.perform(get("/admin/assessment/places").param("q", "范围公园" + tag).with(duanzhou)).andReturn()
				.getResponse().getContentAsString()).contains("范围公园" + tag);
		// deactivated: kept, but no longer listed as active
		assertThat(mvc.perform(post("/admin/assessment/places/" + id + "/active").param("active", "false").with(csrf())
				.with(duanzhou)).andReturn().getResponse().getStatus()).isEqualTo(302);
		assertThat(jdbc.sql("select active from assessment_place where id = :id").param("id", id).query(Boolean.class)
				.single()).isFalse();
		// the form pages: shown, and bad values answered next to their fields with nothing changed
		assertThat(mvc.perform(get("/admin/assessment/places/new").with(duanzhou)).andReturn().getResponse()
				.getContentAsString()).contains("name=\"regionCode\"").contains("name=\"type\"");
		assertThat(mvc.perform(get("/admin/assessment/places/" + id + "/edit").param("lang", "en").with(duanzhou))
				.andReturn().getResponse().getContentAsString()).contains("范围公园" + tag).contains("Activate again");
		MvcResult badForm = mvc.perform(post("/admin/assessment/places/" + id + "/edit").with(csrf()).with(duanzhou)
				.param("type", "PARK_SQUARE").param("name", "").param("regionCode", village.code())
				.param("latitude", "north")).andReturn();
		assertThat(badForm.getResponse().getStatus()).isEqualTo(400);
		assertThat(badForm.getResponse().getContentAsString()).contains("id=\"name-error\"")
				.contains("id=\"latitude-error\"");
		assertThat(jdbc.sql("select name from assessment_place where id = :id").param("id", id).query(String.class)
				.single()).isEqualTo("范围公园" + tag);
		MvcResult created2 = mvc.perform(post("/admin/assessment/places/new").with(csrf()).with(duanzhou)
				.param("type", "MARKET").param("name", "页面市场" + tag).param("regionCode", village.code())
				.param("address", "城东路3号")).andReturn();
		assertThat(created2.getResponse().getStatus()).isEqualTo(302);
		assertThat(places("页面市场" + tag)).isEqualTo(1);
		// an inspector or a volunteer does not manage the registry
		assertThat(mvc.perform(get("/admin/assessment/places").with(new TestUsers(regions).staff("441202", Roles.INSPECTOR)))
				.andReturn().getResponse().getStatus()).isEqualTo(403);
	}
}

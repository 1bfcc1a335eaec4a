package org.wenming.assessment.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * A framework to XLSX and back: the round trip gives identical criteria; a workbook with bad rows is
 * refused whole, each faulty cell named by sheet, row and column, and nothing is stored.
 */
@WenmingTest
class FrameworkWorkbookTest {

	@Autowired
	FrameworkWorkbook workbook;

	@Autowired
	Frameworks frameworks;

	@Autowired
	SampleFramework sample;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	Regions regions;

	@Test
	void exportThenImportGivesIdenticalCriteria() throws IOException {
		long original = sample.loadDraft(FrameworkFixtures.name("往返"), "tester");
		frameworks.publish(original, "tester");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		workbook.export(frameworks.view(original).orElseThrow(), out);

		long imported = workbook.importDraft(out.toByteArray(), FrameworkFixtures.name("导入"), "tester");

		FrameworkView a = frameworks.view(original).orElseThrow();
		FrameworkView b = frameworks.view(imported).orElseThrow();
		assertThat(b.summary().status()).isEqualTo(FrameworkStatus.DRAFT);
		assertThat(b.summary().description()).isEqualTo(a.summary().description());
		assertThat(b.items()).extracting(ItemView::code, ItemView::name)
			.isEqualTo(a.items().stream().map(i -> org.assertj.core.groups.Tuple.tuple(i.code(), i.name())).toList());
		assertThat(content(b)).hasSize(sample.check().criteria().size()).isEqualTo(content(a));
		// a blank name takes the workbook's own: the edited export comes back as the next version of its name
		long next = workbook.importDraft(out.toByteArray(), " ", "tester");
		assertThat(frameworks.find(next).orElseThrow().name()).isEqualTo(a.summary().name());
		assertThat(frameworks.find(next).orElseThrow().version()).isEqualTo(2);
		assertThat(content(frameworks.view(next).orElseThrow())).isEqualTo(content(a));
		// but not while that draft is open: refused, nothing stored
		long before = count();
		assertThatThrownBy(() -> workbook.importDraft(out.toByteArray(), "", "tester"))
			.isInstanceOfSatisfying(FrameworkRefusedException.class,
					ex -> assertThat(ex.first().messageKey()).isEqualTo("assessment.framework.error.draftExists"));
		assertThat(count()).isEqualTo(before);
	}

	@Test
	void badRowsAreRefusedWithRowAndColumnAndNothingIsStored() throws IOException {
		byte[] file = workbook(new String[][] { { "项目编码", "项目名称" }, { "I01", "公共环境卫生" }, { "I01", "重复" } },
				new String[][] { { "项目编码", "点位类型", "标准编码", "测评内容", "分值", "计分规则", "每处扣分", "目标数量", "案件类别" },
						{ "I01", "主次干道", "MR-01", "路面干净", "5", "PASS_FAIL", "", "", "SANITATION" },
						{ "I01", "港口码头", "MR-02", "路面干净", "五分", "PASS_FAIL", "", "", "SANITATION" },
						{ "I09", "MAIN_ROAD", "MR-01", "", "5", "COUNT_TARGET", "1", "", "NO_SUCH" },
						{ "I01", "公交站点", "BS-01", "站台整洁", "4", "每处不足扣分", "0.5", "", "SANITATION" } });
		long before = count();
		assertThatThrownBy(() -> workbook.importDraft(file, FrameworkFixtures.name("坏行"), "tester"))
			.isInstanceOfSatisfying(FrameworkWorkbook.ImportRefused.class, ex -> assertThat(ex.errors())
				.extracting(FrameworkContent.RowError::sheet, FrameworkContent.RowError::row, FrameworkContent.RowError::column)
				.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("测评项目", 3L, "项目编码"),
						org.assertj.core.groups.Tuple.tuple("测评标准", 3L, "分值"),
						org.assertj.core.groups.Tuple.tuple("测评标准", 3L, "点位类型"),
						org.assertj.core.groups.Tuple.tuple("测评标准", 4L, "项目编码"),
						org.assertj.core.groups.Tuple.tuple("测评标准", 4L, "标准编码"),
						org.assertj.core.groups.Tuple.tuple("测评标准", 4L, "测评内容"),
						org.assertj.core.groups.Tuple.tuple("测评标准", 4L, "目标数量"),
						org.assertj.core.groups.Tuple.tuple("测评标准", 4L, "案件类别")));
		assertThat(count()).isEqualTo(before);

		// the same rows fixed import, the rule named in Chinese included
		byte[] fixed = workbook(new String[][] { { "项目编码", "项目名称" }, { "I01", "公共环境卫生" } },
				new String[][] { { "项目编码", "点位类型", "标准编码", "测评内容", "分值", "计分规则", "每处扣分", "目标数量", "案件类别" },
						{ "I01", "主次干道", "MR-01", "路面干净", "5", "PASS_FAIL", "", "", "SANITATION" },
						{ "I01", "公交站点", "BS-01", "站台整洁", "4", "每处不足扣分", "0.5", "", "SANITATION" } });
		long id = workbook.importDraft(fixed, FrameworkFixtures.name("好行"), "tester");
		assertThat(frameworks.find(id).orElseThrow().criteria()).isEqualTo(2);
	}

	@Test
	void whatIsNoWorkbookIsRefusedOverHttpNamingTheProblem() throws Exception {
		var office = new TestUsers(regions).staff("4412", Roles.OFFICE_STAFF);
		long before = count();
		mvc.perform(multipart("/api/v1/assessment/frameworks/import").file(new MockMultipartFile("file", "x.xlsx",
				"application/octet-stream", "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)))
			.param("name", FrameworkFixtures.name("假文件")).with(office).with(csrf()))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("file"));
		byte[] bad = workbook(new String[][] { { "项目编码", "项目名称" }, { "I01", "公共环境卫生" } },
				new String[][] { { "项目编码", "点位类型", "标准编码", "测评内容", "分值", "计分规则", "每处扣分", "目标数量", "案件类别" },
						{ "I01", "主次干道", "MR-01", "路面干净", "-1", "PASS_FAIL", "", "", "SANITATION" } });
		mvc.perform(multipart("/api/v1/assessment/frameworks/import").file(new MockMultipartFile("file", "f.xlsx",
				"application/octet-stream", bad)).param("name", FrameworkFixtures.name("负分")).with(office).with(csrf()))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].sheet").value("测评标准"))
			.andExpect(jsonPath("$.errors[0].row").value(2)).andExpect(jsonPath("$.errors[0].column").value("分值"));
		// the page shows the same list
		mvc.perform(multipart("/admin/assessment/frameworks/import").file(new MockMultipartFile("file", "f.xlsx",
				"application/octet-stream", bad)).param("name", FrameworkFixtures.name("页面")).with(office).with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
				.string(org.hamcrest.Matchers.containsString("“测评标准”表第 2 行“分值”列")));
		assertThat(count()).isEqualTo(before);
		// a county office may not import
		mvc.perform(multipart("/api/v1/assessment/frameworks/import").file(new MockMultipartFile("file", "f.xlsx",
				"application/octet-stream", bad)).with(new TestUsers(regions).staff("441202", Roles.OFFICE_STAFF)).with(csrf()))
			.andExpect(status().isForbidden());
	}

	@Test
	void theExportDownloadsAsAWorkbook() throws Exception {
		long id = FrameworkFixtures.draftWithCriteria(frameworks, FrameworkFixtures.name("下载"));
		byte[] body = mvc.perform(get("/admin/assessment/frameworks/" + id + "/export.xlsx")
			.with(new TestUsers(regions).staff("441202", Roles.INSPECTOR))).andExpect(status().isOk())
			.andReturn().getResponse().getContentAsByteArray();
		assertThat(body).startsWith('P', 'K', 3, 4);
		long again = workbook.importDraft(body, FrameworkFixtures.name("再导入"), "tester");
		assertThat(frameworks.find(again).orElseThrow().criteria()).isEqualTo(4);
	}

	private long count() {
		return jdbc.sql("select count(*) from assessment_framework").query(Long.class).single();
	}

	private static List<List<Object>> content(FrameworkView view) {
		return view.criteria().values().stream().flatMap(List::stream)
			.map(c -> List.<Object>of(c.code(), c.itemCode(), c.placeType(), c.text(), c.rule(), c.caseCategory(), c.position()))
			.toList();
	}

	private static byte[] workbook(String[][] items, String[][] criteria) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Workbook wb = new Workbook(out, "test", "1.0");
		fill(wb.newWorksheet(FrameworkContent.ITEMS_SHEET), items);
		fill(wb.newWorksheet(FrameworkContent.CRITERIA_SHEET), criteria);
		wb.finish();
		return out.toByteArray();
	}

	private static void fill(Worksheet sheet, String[][] rows) {
		for (int r = 0; r < rows.length; r++) {
			for (int c = 0; c < rows[r].length; c++) {
				sheet.value(r, c, rows[r][c]);
			}
		}
	}
}

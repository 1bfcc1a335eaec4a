package org.wenming.assessment.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.assessment.PlaceType;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * The staff pages in zh-CN, zh-TW and English, in the elderly mode too; the city office edits a draft
 * through the forms (a refused field is marked and nothing stored), publishes after the confirmation
 * page; a county office reads without the editing forms.
 */
@WenmingTest
class FrameworkPagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Frameworks frameworks;

	@Autowired
	Regions regions;

	RequestPostProcessor cityOffice() {
		return new TestUsers(regions).staff("4412", Roles.OFFICE_STAFF);
	}

	String page(String path, RequestPostProcessor user, String lang) throws Exception {
		return mvc.perform(get(path).with(user).param("lang", lang)).andExpect(status().isOk()).andReturn().getResponse()
			.getContentAsString();
	}

	@Test
	void thePagesRenderInEveryLanguage() throws Exception {
		String name = FrameworkFixtures.name("页面");
		long id = FrameworkFixtures.draftWithCriteria(frameworks, name);
		String base = "/admin/assessment/frameworks";
		assertThat(page(base, cityOffice(), "zh-CN")).contains("测评体系", name, "载入示例体系");
		assertThat(page(base, cityOffice(), "zh-TW")).contains("測評體系", "載入示例體系");
		assertThat(page(base, cityOffice(), "en")).contains("Criteria frameworks", "Load the sample framework");
		assertThat(page(base + "/" + id + "?type=MAIN_ROAD", cityOffice(), "zh-CN")).contains("主次干道", "MR-02",
				"每处不足扣 0.5 分", "不少于 5 个，每少一个扣 1 分", "3 条，满分 15", "新增测评标准");
		assertThat(page(base + "/" + id + "?type=MAIN_ROAD", cityOffice(), "zh-TW")).contains("主次幹道", "每處不足扣 0.5 分");
		assertThat(page(base + "/" + id + "?type=MAIN_ROAD", cityOffice(), "en")).contains("0.5 off per shortfall",
				"at least 5; 1 off per missing one");
		assertThat(page(base + "/" + id + "/criteria/new?type=BUS_STOP", cityOffice(), "en")).contains("Scoring rule",
				"Case category when failed");
		assertThat(page(base + "/" + id + "/publish", cityOffice(), "zh-CN")).contains("确认发布", name);
		assertThat(page(base + "/" + id + "?care=on", cityOffice(), "zh-CN")).contains("class=\"care\"");
		// a county office reads, without the editing forms; it cannot open them
		RequestPostProcessor county = new TestUsers(regions).staff("441202", Roles.OFFICE_STAFF);
		assertThat(page(base + "/" + id, county, "zh-CN")).contains(name).doesNotContain("新增测评标准");
		mvc.perform(get(base + "/" + id + "/criteria/new").with(county)).andExpect(status().isForbidden());
		mvc.perform(get(base + "/" + Long.MAX_VALUE).with(cityOffice())).andExpect(status().isNotFound());
	}

	@Test
	void theCityOfficeEditsADraftByFormAndPublishesIt() throws Exception {
		long id = FrameworkFixtures.draftWithCriteria(frameworks, FrameworkFixtures.name("表单"));
		String base = "/admin/assessment/frameworks/" + id;
		// refused: full marks with three decimals; the field is marked, nothing stored
		String refused = mvc.perform(post(base + "/criteria").with(cityOffice()).with(csrf()).param("itemCode", "I01")
			.param("placeType", "HOSPITAL").param("code", "HS-01").param("text", "导诊台有人值守").param("fullMarks", "2.125")
			.param("rule", "PASS_FAIL").param("caseCategory", "PUBLIC_BEHAVIOUR"))
			.andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
		assertThat(refused).contains("id=\"fullMarks-error\"", "分值须大于 0，最多两位小数");
		assertThat(frameworks.criteria(id, PlaceType.HOSPITAL)).isEmpty();
		mvc.perform(post(base + "/criteria").with(cityOffice()).with(csrf()).param("itemCode", "I01")
			.param("placeType", "HOSPITAL").param("code", "HS-01").param("text", "导诊台有人值守").param("fullMarks", "2.5")
			.param("rule", "PASS_FAIL").param("caseCategory", "PUBLIC_BEHAVIOUR")).andExpect(status().is3xxRedirection());
		assertThat(frameworks.criteria(id, PlaceType.HOSPITAL)).singleElement()
			.satisfies(c -> assertThat(c.fullMarks()).isEqualByComparingTo("2.5"));
		long item = frameworks.items(id).get(1).id();
		mvc.perform(post(base + "/items/" + item).with(cityOffice()).with(csrf()).param("action", "up"))
			.andExpect(status().is3xxRedirection());
		assertThat(frameworks.items(id)).extracting(ItemView::code).containsExactly("I02", "I01");
		// an item still heading criteria stays
		mvc.perform(post(base + "/items/" + item).with(cityOffice()).with(csrf()).param("action", "remove"))
			.andExpect(status().isConflict());
		mvc.perform(post(base + "/publish").with(cityOffice()).with(csrf())).andExpect(status().is3xxRedirection());
		assertThat(frameworks.find(id).orElseThrow().status()).isEqualTo(FrameworkStatus.PUBLISHED);
		String published = page(base, cityOffice(), "zh-CN");
		assertThat(published).contains("以此为基础建立新版本").doesNotContain("新增测评标准");
		mvc.perform(get(base + "/criteria/new").with(cityOffice())).andExpect(status().isConflict());
		mvc.perform(post(base + "/new-version").with(cityOffice()).with(csrf())).andExpect(status().is3xxRedirection());
	}
}

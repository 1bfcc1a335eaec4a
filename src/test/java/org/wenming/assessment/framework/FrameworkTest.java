package org.wenming.assessment.framework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.assessment.PlaceType;
import org.wenming.assessment.Scoring;
import org.wenming.assessment.ScoringRule;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * Frameworks from draft to published: a published version refuses every change, at the service, over
 * HTTP (409, nothing changed) and in the database itself (the trigger's WM001); a new version copies
 * and leaves the old one as it was; bad criteria are refused naming the field, nothing stored.
 */
@WenmingTest
class FrameworkTest {

	@Autowired
	Frameworks frameworks;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	Regions regions;

	RequestPostProcessor cityOffice() {
		return new TestUsers(regions).staff("4412", Roles.OFFICE_STAFF);
	}

	@Test
	void aDraftIsEditedThenPublishedAndReadByTheOtherParts() {
		String name = FrameworkFixtures.name("草稿发布");
		long id = FrameworkFixtures.draftWithCriteria(frameworks, name);
		FrameworkSummary draft = frameworks.find(id).orElseThrow();
		assertThat(draft.status()).isEqualTo(FrameworkStatus.DRAFT);
		assertThat(draft.version()).isEqualTo(1);
		assertThat(draft.criteria()).isEqualTo(4);
		assertThat(draft.byType().get(PlaceType.MAIN_ROAD).fullMarks()).isEqualByComparingTo("15");
		assertThat(draft.byType().get(PlaceType.HOSPITAL).criteria()).isZero();

		frameworks.publish(id, "publisher");

		FrameworkSummary published = frameworks.find(id).orElseThrow();
		assertThat(published.status()).isEqualTo(FrameworkStatus.PUBLISHED);
		assertThat(published.publishedBy()).isEqualTo("publisher");
		assertThat(published.publishedAt()).isNotNull();
		List<CriterionView> mainRoad = frameworks.criteria(id, PlaceType.MAIN_ROAD);
		assertThat(mainRoad).extracting(CriterionView::code).containsExactly("MR-01", "MR-02", "MR-03");
		assertThat(mainRoad).extracting(CriterionView::position).containsExactly(1, 2, 3);
		CriterionView count = frameworks.criterion(mainRoad.get(2).id()).orElseThrow();
		assertThat(count.rule()).isEqualTo(new Scoring.Rule(ScoringRule.COUNT_TARGET, new BigDecimal("6.00"),
				new BigDecimal("1.00"), 5));
		assertThat(count.itemCode()).isEqualTo("I02");
		assertThat(count.itemName()).isEqualTo("公益广告宣传");
		assertThat(count.caseCategory()).isEqualTo("BUILDING_FACADE");
		assertThat(count.frameworkId()).isEqualTo(id);
		// what the observation part computes with it: 3 of 5 posters → 6 − 2 × 1
		assertThat(Scoring.marks(count.rule(), Scoring.Recorded.counted(3))).isEqualByComparingTo("4");
		assertThat(frameworks.criteria(id, PlaceType.HOSPITAL)).isEmpty();
		assertThat(frameworks.criterion(Long.MAX_VALUE)).isEmpty();
	}

	@Test
	void aPublishedFrameworkRefusesEveryChangeAtTheServiceAndNothingChanges() {
		long id = FrameworkFixtures.draftWithCriteria(frameworks, FrameworkFixtures.name("冻结"));
		frameworks.publish(id, "publisher");
		List<Map<String, Object>> before = criteriaRows(id);
		long criterion = frameworks.criteria(id, PlaceType.MAIN_ROAD).get(0).id();
		long item = frameworks.items(id).get(0).id();

		List<Runnable> changes = List.of(() -> frameworks.addCriterion(id, FrameworkFixtures.passFail("MR-09", "MAIN_ROAD")),
				() -> frameworks.editCriterion(id, criterion, FrameworkFixtures.passFail("MR-01", "MAIN_ROAD")),
				() -> frameworks.removeCriterion(id, criterion), () -> frameworks.moveCriterion(id, criterion, 1),
				() -> frameworks.addItem(id, "I09", "新项目"), () -> frameworks.editItem(id, item, "I01", "改名"),
				() -> frameworks.removeItem(id, item), () -> frameworks.describe(id, "改名", null, "x"),
				() -> frameworks.publish(id, "again"), () -> frameworks.deleteDraft(id));
		for (Runnable change : changes) {
			assertThatThrownBy(change::run).isInstanceOfSatisfying(FrameworkRefusedException.class,
					ex -> assertThat(ex.kind()).isEqualTo(FrameworkRefusedException.Kind.FROZEN));
		}
		assertThat(criteriaRows(id)).isEqualTo(before);
		assertThat(frameworks.find(id).orElseThrow().status()).isEqualTo(FrameworkStatus.PUBLISHED);
	}

	@Test
	void aPublishedFrameworkRefusesChangesOverHttpWith409AndNothingChanges() throws Exception {
		long id = FrameworkFixtures.draftWithCriteria(frameworks, FrameworkFixtures.name("接口冻结"));
		frameworks.publish(id, "publisher");
		List<Map<String, Object>> before = criteriaRows(id);
		long criterion = frameworks.criteria(id, PlaceType.MAIN_ROAD).get(0).id();

		mvc.perform(put("/api/v1/assessment/frameworks/" + id + "/criteria/" + criterion).with(cityOffice()).with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"itemCode\":\"I01\",\"placeType\":\"MAIN_ROAD\",\"code\":\"MR-01\",\"text\":\"改过的内容\","
					+ "\"fullMarks\":5,\"rule\":\"PASS_FAIL\",\"caseCategory\":\"SANITATION\"}"))
			.andExpect(status().isConflict()).andExpect(jsonPath("$.errors[0].field").value("status"));
		mvc.perform(delete("/api/v1/assessment/frameworks/" + id + "/criteria/" + criterion).with(cityOffice()).with(csrf()))
			.andExpect(status().isConflict());
		mvc.perform(post("/api/v1/assessment/frameworks/" + id + "/publish").with(cityOffice()).with(csrf()))
			.andExpect(status().isConflict());
		mvc.perform(delete("/api/v1/assessment/frameworks/" + id).with(cityOffice()).with(csrf()))
			.andExpect(status().isConflict());
		// the page's form, posted to a version published meanwhile (a stale tab)
		mvc.perform(post("/admin/assessment/frameworks/" + id + "/criteria/" + criterion).with(cityOffice()).with(csrf())
			.param("itemCode", "I01").param("placeType", "MAIN_ROAD").param("code", "MR-01").param("text", "改过的内容")
			.param("fullMarks", "5").param("rule", "PASS_FAIL").param("caseCategory", "SANITATION"))
			.andExpect(status().isConflict());
		mvc.perform(post("/admin/assessment/frameworks/" + id + "/criteria/" + criterion + "/remove").with(cityOffice())
			.with(csrf())).andExpect(status().isConflict());
		assertThat(criteriaRows(id)).isEqualTo(before);
	}

	@Test
	void theDatabaseRefusesDirectChangesToAPublishedFrameworkToo() {
		long id = FrameworkFixtures.draftWithCriteria(frameworks, FrameworkFixtures.name("触发器"));
		frameworks.publish(id, "publisher");
		List<Map<String, Object>> before = criteriaRows(id);
		List<String> statements = List.of("update assessment_criterion set text = 'x' where framework_id = :id",
				"delete from assessment_criterion where framework_id = :id",
				"update assessment_item set name = 'x' where framework_id = :id",
				"update assessment_framework set description = 'x' where id = :id",
				"delete from assessment_framework where id = :id");
		for (String sql : statements) {
			assertThatThrownBy(() -> jdbc.sql(sql).param("id", id).update()).isInstanceOf(DataAccessException.class)
				.satisfies(ex -> assertThat(Frameworks.frozenByDatabase(ex)).as(sql).isTrue());
		}
		assertThat(criteriaRows(id)).isEqualTo(before);
	}

	@Test
	void aNewVersionCopiesThePublishedOneWhichStaysIntactAndRetiresWhenTheNewOneIsPublished() {
		String name = FrameworkFixtures.name("新版本");
		long v1 = FrameworkFixtures.draftWithCriteria(frameworks, name);
		frameworks.publish(v1, "publisher");
		List<Map<String, Object>> v1Rows = criteriaRows(v1);
		assertThat(v1Rows).hasSize(4);

		long v2 = frameworks.newVersion(v1, "editor");
		FrameworkSummary copy = frameworks.find(v2).orElseThrow();
		assertThat(copy.name()).isEqualTo(name);
		assertThat(copy.version()).isEqualTo(2);
		assertThat(copy.basedOnId()).isEqualTo(v1);
		assertThat(copy.status()).isEqualTo(FrameworkStatus.DRAFT);
		assertThat(comparable(v2)).isEqualTo(comparable(v1));
		// a second draft of the name is refused: the next version is made from the open draft
		assertThatThrownBy(() -> frameworks.newVersion(v1, "editor")).isInstanceOfSatisfying(FrameworkRefusedException.class,
				ex -> assertThat(ex.first().messageKey()).isEqualTo("assessment.framework.error.draftExists"));
		assertThatThrownBy(() -> frameworks.describe(v2, name + "改", null, "editor"))
			.isInstanceOfSatisfying(FrameworkRefusedException.class,
					ex -> assertThat(ex.first().field()).isEqualTo("name"));

		long mr02 = frameworks.criteria(v2, PlaceType.MAIN_ROAD).get(1).id();
		frameworks.editCriterion(v2, mr02, new CriterionDraft("I01", "MAIN_ROAD", "MR-02", "新版内容", new BigDecimal("8"),
				"DEDUCTION", new BigDecimal("2"), null, "SANITATION"));
		frameworks.moveCriterion(v2, mr02, -1);
		frameworks.removeCriterion(v2, frameworks.criteria(v2, PlaceType.BUS_STOP).get(0).id());
		frameworks.publish(v2, "publisher");

		assertThat(frameworks.find(v1).orElseThrow().status()).isEqualTo(FrameworkStatus.RETIRED);
		assertThat(frameworks.find(v2).orElseThrow().status()).isEqualTo(FrameworkStatus.PUBLISHED);
		assertThat(criteriaRows(v1)).isEqualTo(v1Rows);
		assertThat(frameworks.criteria(v2, PlaceType.MAIN_ROAD)).extracting(CriterionView::code)
			.containsExactly("MR-02", "MR-01", "MR-03");
		assertThat(frameworks.criteria(v2, PlaceType.MAIN_ROAD).get(0).text()).isEqualTo("新版内容");
		assertThat(frameworks.criteria(v1, PlaceType.MAIN_ROAD).get(1).text()).isEqualTo("每发现一处乱贴乱画扣0.5分");
		assertThat(frameworks.criteria(v2, PlaceType.BUS_STOP)).isEmpty();
		assertThat(frameworks.criteria(v1, PlaceType.BUS_STOP)).hasSize(1);
	}

	@Test
	void badCriteriaAreRefusedNamingTheFieldAndNothingIsStored() {
		long id = frameworks.createDraft(FrameworkFixtures.name("校验"), null, "tester");
		frameworks.addItem(id, "I01", "公共环境卫生");
		Map<String, CriterionDraft> bad = Map.ofEntries(
				Map.entry("text", new CriterionDraft("I01", "MAIN_ROAD", "A1", "  ", BigDecimal.ONE, "PASS_FAIL", null, null, "SANITATION")),
				Map.entry("fullMarks", new CriterionDraft("I01", "MAIN_ROAD", "A1", "x", new BigDecimal("1.234"), "PASS_FAIL", null, null, "SANITATION")),
				Map.entry("rule", new CriterionDraft("I01", "MAIN_ROAD", "A1", "x", BigDecimal.ONE, "SOMETIMES", null, null, "SANITATION")),
				Map.entry("deduction", new CriterionDraft("I01", "MAIN_ROAD", "A1", "x", BigDecimal.ONE, "PASS_FAIL", BigDecimal.ONE, null, "SANITATION")),
				Map.entry("target", new CriterionDraft("I01", "MAIN_ROAD", "A1", "x", BigDecimal.TEN, "COUNT_TARGET", BigDecimal.ONE, null, "SANITATION")),
				Map.entry("caseCategory", new CriterionDraft("I01", "MAIN_ROAD", "A1", "x", BigDecimal.ONE, "PASS_FAIL", null, null, "CITY_APPEARANCE")),
				Map.entry("placeType", new CriterionDraft("I01", "HARBOUR", "A1", "x", BigDecimal.ONE, "PASS_FAIL", null, null, "SANITATION")),
				Map.entry("itemCode", new CriterionDraft("I99", "MAIN_ROAD", "A1", "x", BigDecimal.ONE, "PASS_FAIL", null, null, "SANITATION")),
				Map.entry("code", new CriterionDraft("I01", "MAIN_ROAD", "<script>", "x", BigDecimal.ONE, "PASS_FAIL", null, null, "SANITATION")));
		bad.forEach((field, draft) -> assertThatThrownBy(() -> frameworks.addCriterion(id, draft))
			.isInstanceOfSatisfying(FrameworkRefusedException.class, ex -> {
				assertThat(ex.kind()).isEqualTo(FrameworkRefusedException.Kind.INVALID);
				assertThat(ex.problems()).extracting(FrameworkRefusedException.Problem::field).containsExactly(field);
			}));
		// a deduction beyond full marks, and text one character too long
		assertThatThrownBy(() -> frameworks.addCriterion(id, new CriterionDraft("I01", "MAIN_ROAD", "A1", "x".repeat(501),
				BigDecimal.ONE, "DEDUCTION", BigDecimal.TEN, null, "SANITATION")))
			.isInstanceOfSatisfying(FrameworkRefusedException.class, ex -> assertThat(ex.problems())
				.extracting(FrameworkRefusedException.Problem::field).containsExactly("text", "deduction"));
		assertThat(frameworks.find(id).orElseThrow().criteria()).isZero();
		// and an empty draft cannot be published
		assertThatThrownBy(() -> frameworks.publish(id, "x")).isInstanceOfSatisfying(FrameworkRefusedException.class,
				ex -> assertThat(ex.first().field()).isEqualTo("criteria"));
		frameworks.deleteDraft(id);
		assertThat(frameworks.find(id)).isEmpty();
	}

	@Test
	void theApiCreatesEditsAndPublishesADraftAndRefusesBadInputNamingTheField() throws Exception {
		String name = FrameworkFixtures.name("接口");
		String created = mvc.perform(post("/api/v1/assessment/frameworks").with(cityOffice()).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + name + "\",\"description\":\"说明\"}"))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		long id = Long.parseLong(created.replaceAll("\\D", ""));
		mvc.perform(post("/api/v1/assessment/frameworks/" + id + "/items").with(cityOffice()).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"I01\",\"name\":\"公共环境卫生\"}"))
			.andExpect(status().isCreated());
		String criterion = "{\"itemCode\":\"I01\",\"placeType\":\"公交站点\",\"code\":\"BS-01\",\"text\":\"站台干净\","
				+ "\"fullMarks\":%s,\"rule\":\"DEDUCTION\",\"deduction\":0.5,\"caseCategory\":\"SANITATION\"}";
		mvc.perform(post("/api/v1/assessment/frameworks/" + id + "/criteria").with(cityOffice()).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(criterion.formatted("0")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("fullMarks"));
		mvc.perform(post("/api/v1/assessment/frameworks/" + id + "/criteria").with(cityOffice()).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(criterion.formatted("\"ten\"")))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("fullMarks"));
		assertThat(frameworks.find(id).orElseThrow().criteria()).isZero();
		mvc.perform(post("/api/v1/assessment/frameworks/" + id + "/criteria").with(cityOffice()).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content(criterion.formatted("10")))
			.andExpect(status().isCreated());
		mvc.perform(post("/api/v1/assessment/frameworks/" + id + "/items").with(cityOffice()).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"code\":\"I02\",\"name\":\"公共秩序\"}"))
			.andExpect(status().isCreated());
		long second = frameworks.items(id).get(1).id();
		mvc.perform(post("/api/v1/assessment/frameworks/" + id + "/items/" + second + "/move").param("direction", "sideways")
			.with(cityOffice()).with(csrf())).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("direction"));
		mvc.perform(post("/api/v1/assessment/frameworks/" + id + "/items/" + second + "/move").param("direction", "up")
			.with(cityOffice()).with(csrf())).andExpect(status().isNoContent());
		assertThat(frameworks.items(id)).extracting(ItemView::code).containsExactly("I02", "I01");
		// a name too long, and a field the request does not have: 400 naming the field, nothing changed
		mvc.perform(put("/api/v1/assessment/frameworks/" + id).with(cityOffice()).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + "名".repeat(101) + "\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("name"));
		mvc.perform(put("/api/v1/assessment/frameworks/" + id).with(cityOffice()).with(csrf())
			.contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + name + "\",\"status\":\"PUBLISHED\"}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("status"));
		assertThat(frameworks.find(id).orElseThrow().status()).isEqualTo(FrameworkStatus.DRAFT);
		// a county office reads but does not edit; a volunteer does neither
		RequestPostProcessor county = new TestUsers(regions).staff("441202", Roles.OFFICE_STAFF);
		mvc.perform(get("/api/v1/assessment/frameworks/" + id).with(county)).andExpect(status().isOk())
			.andExpect(jsonPath("$.criteria.BUS_STOP[0].rule.deduction").value(0.5));
		mvc.perform(post("/api/v1/assessment/frameworks/" + id + "/publish").with(county).with(csrf()))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/v1/assessment/frameworks").with(new TestUsers(regions).staff("441202", Roles.VOLUNTEER)))
			.andExpect(status().isForbidden());
		mvc.perform(post("/api/v1/assessment/frameworks/" + id + "/publish").with(cityOffice()).with(csrf()))
			.andExpect(status().isOk()).andExpect(jsonPath("$.status").value("PUBLISHED"));
		mvc.perform(get("/api/v1/assessment/frameworks/" + Long.MAX_VALUE).with(cityOffice())).andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/assessment/frameworks/abc").with(cityOffice())).andExpect(status().isNotFound());
	}

	private List<Map<String, Object>> criteriaRows(long id) {
		return jdbc.sql("""
				select c.*, i.code as item_code, i.name as item_name, f.name as framework_name, f.description
				from assessment_criterion c join assessment_item i on i.id = c.item_id
				join assessment_framework f on f.id = c.framework_id where c.framework_id = :id order by c.id""")
			.param("id", id).query().listOfRows();
	}

	/** A version's content without its ids: what a copy must equal. */
	private List<List<Object>> comparable(long id) {
		return frameworks.view(id).orElseThrow().criteria().values().stream().flatMap(List::stream)
			.map(c -> List.<Object>of(c.code(), c.itemCode(), c.itemName(), c.placeType(), c.text(), c.rule(),
					c.caseCategory(), c.position()))
			.toList();
	}
}

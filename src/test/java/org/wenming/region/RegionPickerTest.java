package org.wenming.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.wenming.support.WenmingTest;

/** Choosing a region level by level instead of typing its code. */
@WenmingTest
class RegionPickerTest {

	@Autowired
	Regions regions;

	@Autowired
	MockMvc mvc;

	@Test
	void nothingChosenOffersTheCountiesOfTheRoot() {
		RegionChoice choice = regions.choice("regionCode", "4412", null);
		assertThat(choice.selectedCode()).isEmpty();
		assertThat(choice.levels()).hasSize(1);
		assertThat(choice.levels().get(0).level()).isEqualTo(RegionLevel.COUNTY);
		assertThat(choice.levels().get(0).options()).hasSize(8);
	}

	@Test
	void aChosenTownOffersItsVillagesBelowTheChain() {
		RegionChoice choice = regions.choice("regionCode", "4412", "441202001");
		assertThat(choice.selectedCode()).isEqualTo("441202001");
		assertThat(choice.levels()).extracting(RegionChoice.Level::level)
				.containsExactly(RegionLevel.COUNTY, RegionLevel.TOWN, RegionLevel.VILLAGE);
		assertThat(choice.levels()).extracting(RegionChoice.Level::selected)
				.containsExactly("441202", "441202001", null);
	}

	@Test
	void aChoiceOutsideTheRootCountsAsNothing() {
		RegionChoice choice = regions.choice("regionCode", "441202", "441203001");
		assertThat(choice.selectedCode()).isEmpty();
		assertThat(choice.levels().get(0).options()).allMatch(r -> r.code().startsWith("441202"));
	}

	@Test
	void theFragmentRendersAndRefusesMalformedParameters() throws Exception {
		mvc.perform(get("/regions/picker").param("field", "regionCode").param("root", "4412").param("code", "441203"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<option value=\"441203\" selected>鼎湖区</option>")))
			.andExpect(content().string(containsString("name=\"regionCode\" value=\"441203\"")));
		mvc.perform(get("/regions/picker").param("field", "\"><script>").param("root", "4412"))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/regions/picker").param("field", "regionCode").param("root", "9999"))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/regions/picker").param("field", "regionCode").param("root", "4412").param("code", "x'--"))
			.andExpect(status().isBadRequest());
		mvc.perform(get("/regions/picker").param("field", "regionCode").param("root", "4412")
				.param("label", "<b>居住地</b>"))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("<b>"))));
	}
}

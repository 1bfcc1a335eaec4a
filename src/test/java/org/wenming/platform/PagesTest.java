package org.wenming.platform;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.wenming.region.Regions;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

@WenmingTest
class PagesTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Regions regions;

	@Test
	void theHomePageIsChineseByDefault() throws Exception {
		mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<html lang=\"zh-CN\">")))
			.andExpect(content().string(containsString("新时代文明实践")))
			.andExpect(header().string("Content-Security-Policy", not(containsString("unsafe-inline"))));
	}

	@Test
	void englishIsChosenByParameterAndRemembered() throws Exception {
		MvcResult english = mvc.perform(get("/").param("lang", "en"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<html lang=\"en\">")))
			.andExpect(content().string(containsString("Civilization practice in the new era")))
			.andReturn();
		Cookie remembered = english.getResponse().getCookie("wenming-lang");
		mvc.perform(get("/").cookie(remembered))
			.andExpect(content().string(containsString("<html lang=\"en\">")));
	}

	@Test
	void anUnsupportedLanguageFallsBackToChinese() throws Exception {
		mvc.perform(get("/").param("lang", "fr"))
			.andExpect(content().string(containsString("<html lang=\"zh-CN\">")));
		mvc.perform(get("/").param("lang", "<script>"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<html lang=\"zh-CN\">")));
	}

	@Test
	void theApiIsDescribedForOtherSystems() throws Exception {
		mvc.perform(get("/v3/api-docs"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.info.title").value("Wenming API"))
			.andExpect(jsonPath("$.paths['/api/v1/sites/{id}'].get").exists())
			.andExpect(jsonPath("$.paths['/api/v1/admin/users'].post").exists())
			// the sign-up answers itself (platform.DirectAnswer): its 201 and body are declared, not inferred
			.andExpect(jsonPath("$.paths['/api/v1/shifts/{id}/signups'].post.responses['201'].content['application/json'].schema").exists())
			.andExpect(jsonPath("$.paths['/api/v1/shifts/{id}/signups'].post.parameters.length()").value(1));
	}

	@Test
	void healthProbesArePublic() throws Exception {
		mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"));
		mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"));
	}
}

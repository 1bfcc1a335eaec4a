package org.wenming.account;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

@WenmingTest
class SecurityHeadersTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	Regions regions;

	@Test
	void pagesCarryTheSecurityHeaders() throws Exception {
		mvc.perform(get("/login")).andExpect(status().isOk())
				.andExpect(header().string("Content-Security-Policy",
						allOf(containsString("script-src 'self'"), not(containsString("unsafe-inline")))))
				.andExpect(header().string("X-Frame-Options", "DENY"))
				.andExpect(header().string("X-Content-Type-Options", "nosniff"))
				.andExpect(header().string("Referrer-Policy", "strict-origin-when-cross-origin"));
	}

	@Test
	void anUnauthenticatedApiCallGetsA401ProblemAndABrowserTheLoginPage() throws Exception {
		mvc.perform(get("/api/v1/admin/users")).andExpect(status().isUnauthorized())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.status").value(401));
		mvc.perform(get("/admin/users")).andExpect(redirectedUrl("/login"));
	}

	@Test
	void prometheusIsForTheSystemAdministratorOnly() throws Exception {
		TestUsers users = new TestUsers(regions);
		mvc.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
		mvc.perform(get("/actuator/prometheus").with(users.staff("4412", Roles.OFFICE_STAFF)))
				.andExpect(status().isForbidden());
		mvc.perform(get("/actuator/prometheus").with(users.systemAdmin())).andExpect(status().isOk())
				.andExpect(content().string(containsString("jvm_memory_used_bytes")));
	}
}

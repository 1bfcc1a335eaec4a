package org.wenming.servicedesk.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.wenming.region.PracticeSites;
import org.wenming.region.Regions;
import org.wenming.shared.Roles;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The queue's filters (status, overdue only, category) and pages, on the JSON and the page: every order in scope
 * reachable page by page exactly once; each filter keeps exactly its orders; a bad filter or page size 400
 * naming the parameter.
 */
@WenmingTest
class QueueFiltersTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PracticeSites sites;

	@Autowired
	Regions regions;

	@Autowired
	ContactSeal seal;

	@Autowired
	Dispatch dispatch;

	static final JsonMapper json = JsonMapper.builder().build();

	DispatchFixtures fx;

	RequestPostProcessor station;

	@BeforeEach
	void fixtures() {
		fx = new DispatchFixtures(jdbc, sites, regions, seal);
		station = fx.users.person(fx.account(), DispatchFixtures.VILLAGE, Roles.SITE_ADMIN);
	}

	JsonNode queue(String query, int status) throws Exception {
		MvcResult result = mvc.perform(get("/api/v1/service/queue" + query).with(station)).andReturn();
		String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		assertThat(result.getResponse().getStatus()).as(body).isEqualTo(status);
		return json.readTree(body);
	}

	List<Long> ids(JsonNode page) {
		List<Long> ids = new ArrayList<>();
		page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
		return ids;
	}

	String page(MockHttpServletRequestBuilder request) throws Exception {
		MvcResult result = mvc.perform(request.with(station)).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void filtersKeepExactlyTheirOrdersAndPagesReachEveryOrderOnce() throws Exception {
		Instant now = Instant.now();
		long fresh = fx.order(now, now.plus(2, ChronoUnit.DAYS), fx.station().id(), "LEGAL_ADVICE");
		long late = fx.order(now.minus(3, ChronoUnit.DAYS), now.minus(1, ChronoUnit.HOURS), fx.station().id(), "HEALTH");
		long accepted = fx.order(now, now.plus(2, ChronoUnit.DAYS), fx.station().id(), "HEALTH");
		dispatch.accept(accepted, fx.staff(DispatchFixtures.COUNTY));

		JsonNode overdue = queue("?overdue=true&size=200", 200);
		assertThat(ids(overdue)).contains(late).doesNotContain(fresh, accepted);
		overdue.get("items").forEach(item -> assertThat(item.get("overdue").asBoolean()).isTrue());
		JsonNode acceptedOnly = queue("?status=ACCEPTED&size=200", 200);
		assertThat(ids(acceptedOnly)).contains(accepted).doesNotContain(fresh, late);
		acceptedOnly.get("items").forEach(item -> assertThat(item.get("status").asString()).isEqualTo("ACCEPTED"));
		JsonNode health = queue("?category=HEALTH&size=200", 200);
		assertThat(ids(health)).contains(late, accepted).doesNotContain(fresh);
		health.get("items").forEach(item -> assertThat(item.get("category").asString()).isEqualTo("HEALTH"));
		assertThat(ids(queue("?category=HEALTH&overdue=true&status=RECEIVED&size=200", 200))).contains(late)
			.doesNotContain(accepted, fresh);

		// every order in scope, page by page, exactly once, in the same order as one long page
		long total = queue("?size=1", 200).get("total").asLong();
		assertThat(total).isGreaterThanOrEqualTo(3);
		List<Long> all = new ArrayList<>();
		for (int p = 0; p * 200L < total; p++) {
			all.addAll(ids(queue("?size=200&page=" + p, 200)));
		}
		assertThat(all).hasSize((int) total).doesNotHaveDuplicates().contains(fresh, late, accepted);
		assertThat(ids(queue("?size=2&page=1", 200))).containsExactlyElementsOf(all.subList(2, Math.min(4, all.size())));
		JsonNode second = queue("?size=2&page=1", 200);
		assertThat(second.get("page").asInt()).isEqualTo(1);
		assertThat(second.get("pages").asLong()).isEqualTo((total + 1) / 2);

		// the page: filters and a pager that keeps them
		String page = page(get("/admin/service/queue").param("overdue", "true").param("category", "HEALTH"));
		assertThat(page).contains(number(late)).doesNotContain(number(fresh), number(accepted))
			.contains("name=\"overdue\" value=\"true\" checked");
		assertThat(page(get("/admin/service/queue").param("lang", "en"))).contains("Overdue only", "Any category");
		if (total > 50) {
			assertThat(page(get("/admin/service/queue"))).contains("rel=\"next\" href=\"/admin/service/queue?page=1\"");
		}
		assertThat(page(get("/admin/service/queue").param("status", "ACCEPTED").param("page", "0")))
			.contains(number(accepted)).doesNotContain(number(late));
	}

	@Test
	void aBadFilterOrPageIsRefusedNamingIt() throws Exception {
		for (Map.Entry<String, String> bad : Map.of("?status=SERVED", "status", "?status=nope", "status",
				"?overdue=maybe", "overdue", "?category=x'y", "category", "?size=201", "size", "?page=-1", "page")
			.entrySet()) {
			JsonNode problem = queue(bad.getKey(), 400);
			assertThat(problem.toString()).as(bad.getKey()).contains("\"" + bad.getValue() + "\"");
		}
		MvcResult result = mvc.perform(get("/admin/service/queue").param("status", "SERVED").with(station)).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(400);
	}

	String number(long order) {
		return jdbc.sql("select order_number from service_order where id = :id").param("id", order).query(String.class)
			.single();
	}
}

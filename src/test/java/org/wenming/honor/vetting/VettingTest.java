package org.wenming.honor.vetting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.wenming.honor.NominationStatus;
import org.wenming.honor.roll.RollFixtures;
import org.wenming.platform.Paging;
import org.wenming.region.Regions;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

/**
 * Vetting by level and scope on the real database: each office sees its level's nominations in its scope,
 * decides only those (another level: 409; another county: 404), a decision moves the nomination up or back
 * with a reason recorded and the nominator told; two vetters at once give one decision and one 409.
 */
@WenmingTest
class VettingTest {

	@Autowired
	Vetting vetting;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	ContactSeal seal;

	@Autowired
	MockMvc mvc;

	RollFixtures fx;

	ScopedUser town;

	ScopedUser county;

	ScopedUser city;

	@BeforeEach
	void fixtures() {
		fx = new RollFixtures(jdbc, regions, seal);
		town = fx.office(RollFixtures.TOWN);
		county = fx.office(RollFixtures.COUNTY);
		city = fx.office(RollFixtures.CITY);
	}

	private List<Long> queueIds(ScopedUser user) {
		Paging.Page<Vetting.Row> page = vetting.queue(user, Vetting.Filter.NONE, 0, Vetting.PAGE_SIZE_MAX);
		List<Long> ids = new ArrayList<>();
		page.items().forEach(r -> ids.add(r.id()));
		return ids;
	}

	private long notices(long nomination) {
		return fx.count("""
				select count(*) from notification_outbox where topic = 'honor.vetting'
				    and parameters ->> 'nomination' = (select number from honor_nomination where id = :id)""", nomination);
	}

	@Test
	void eachLevelSeesItsOwnLevelInItsScope() {
		long atTown = fx.nomination(RollFixtures.VILLAGE, "SUBMITTED", "TOWN", "2026Q4");
		long atCounty = fx.nomination(RollFixtures.VILLAGE, "SUBMITTED", "COUNTY", "2026Q4");
		long elsewhere = fx.nomination(fx.otherTown(), "SUBMITTED", "TOWN", "2026Q4");
		assertThat(queueIds(town)).contains(atTown).doesNotContain(atCounty, elsewhere);
		assertThat(queueIds(county)).contains(atCounty).doesNotContain(atTown, elsewhere);
		assertThat(queueIds(city)).doesNotContain(atTown, atCounty, elsewhere);
		// another county's town office sees nothing of 端州区, and may not read it
		ScopedUser otherTown = fx.office(fx.otherTown());
		assertThat(queueIds(otherTown)).contains(elsewhere).doesNotContain(atTown);
		assertThatThrownBy(() -> vetting.detail(atTown, otherTown)).isInstanceOf(OutOfScopeException.class);
		// a system administrator sees every level
		ScopedUser admin = fx.users().staffPrincipal(RollFixtures.CITY, Roles.SYSTEM_ADMIN);
		assertThat(queueIds(admin)).contains(atTown, atCounty, elsewhere);
	}

	@Test
	void passesGoUpLevelByLevelAndTheCityShortlists() {
		long n = fx.nomination(RollFixtures.VILLAGE, "SUBMITTED", "TOWN", "2026Q4");
		assertThat(vetting.decide(n, fx.version(n), Vetting.Decision.PASS, "事迹属实", town))
			.isEqualTo(NominationStatus.SUBMITTED);
		assertThat(fx.level(n)).isEqualTo("COUNTY");
		assertThat(vetting.decide(n, fx.version(n), Vetting.Decision.PASS, "同意上报", county))
			.isEqualTo(NominationStatus.SUBMITTED);
		assertThat(fx.level(n)).isEqualTo("CITY");
		assertThat(vetting.decide(n, fx.version(n), Vetting.Decision.PASS, "同意入围", city))
			.isEqualTo(NominationStatus.SHORTLISTED);
		assertThat(fx.status(n)).isEqualTo("SHORTLISTED");
		assertThat(fx.level(n)).isNull();
		List<String> offices = jdbc.sql("select level || ':' || office_region from honor_vetting where nomination_id = :id order by id")
			.param("id", n).query(String.class).list();
		assertThat(offices).containsExactly("TOWN:441202001", "COUNTY:441202", "CITY:4412");
		assertThat(notices(n)).isEqualTo(3);
		// the message names the number and the status, no personal data
		String text = jdbc.sql("""
				select text from notification_outbox where topic = 'honor.vetting'
				    and parameters ->> 'nomination' = (select number from honor_nomination where id = :id) order by id desc limit 1""")
			.param("id", n).query(String.class).optional().orElse("");
		assertThat(text).doesNotContain(RollFixtures.MOBILE);
		// the detail shows every level's decision, numbers masked only
		Vetting.Detail detail = vetting.detail(n, city);
		assertThat(detail.decisions()).hasSize(3);
		assertThat(detail.nomineeIdMasked()).contains("*");
		assertThat(detail.nominatorMobileMasked()).doesNotContain(RollFixtures.MOBILE);
		assertThat(detail.decidable()).isFalse();
	}

	@Test
	void returnAndRejectEndTheLevelsWork() {
		long returned = fx.nomination(RollFixtures.VILLAGE, "SUBMITTED", "TOWN", "2026Q4");
		assertThat(vetting.decide(returned, fx.version(returned), Vetting.Decision.RETURN, "请补充照片", town))
			.isEqualTo(NominationStatus.RETURNED);
		long rejected = fx.nomination(RollFixtures.VILLAGE, "SUBMITTED", "COUNTY", "2026Q4");
		assertThat(vetting.decide(rejected, fx.version(rejected), Vetting.Decision.REJECT, "事迹不实", county))
			.isEqualTo(NominationStatus.REJECTED);
		assertThat(fx.level(rejected)).isNull();
		assertThat(queueIds(town)).doesNotContain(returned);
	}

	@Test
	void refusalsStoreNothing() {
		long n = fx.nomination(RollFixtures.VILLAGE, "SUBMITTED", "COUNTY", "2026Q4");
		int v = fx.version(n);
		// the town office: in scope, at another level → 409
		assertThatThrownBy(() -> vetting.decide(n, v, Vetting.Decision.PASS, "同意", town))
			.isInstanceOfSatisfying(VettingRefusedException.class, ex -> {
				assertThat(ex.kind()).isEqualTo(VettingRefusedException.Kind.CONFLICT);
				assertThat(ex.problems().get(0).field()).isEqualTo("level");
			});
		// another county's office → 404
		assertThatThrownBy(() -> vetting.decide(n, v, Vetting.Decision.PASS, "同意", fx.office(RollFixtures.OTHER_COUNTY)))
			.isInstanceOf(OutOfScopeException.class);
		// no reason, a reason too long, a stale version
		assertThatThrownBy(() -> vetting.decide(n, v, Vetting.Decision.PASS, "  ", county))
			.isInstanceOfSatisfying(VettingRefusedException.class,
					ex -> assertThat(ex.problems().get(0).field()).isEqualTo("reason"));
		assertThatThrownBy(() -> vetting.decide(n, v, Vetting.Decision.PASS, "长".repeat(1001), county))
			.isInstanceOfSatisfying(VettingRefusedException.class,
					ex -> assertThat(ex.problems().get(0).field()).isEqualTo("reason"));
		assertThatThrownBy(() -> vetting.decide(n, v + 1, Vetting.Decision.PASS, "同意", county))
			.isInstanceOfSatisfying(VettingRefusedException.class,
					ex -> assertThat(ex.kind()).isEqualTo(VettingRefusedException.Kind.CONFLICT));
		assertThat(fx.status(n)).isEqualTo("SUBMITTED");
		assertThat(fx.level(n)).isEqualTo("COUNTY");
		assertThat(fx.version(n)).isEqualTo(v);
		assertThat(fx.count("select count(*) from honor_vetting where nomination_id = :id", n)).isZero();
		assertThat(notices(n)).isZero();
	}

	@Test
	void twoVettersAtOnceGiveOneDecisionAndOneConflict() throws Exception {
		long n = fx.nomination(RollFixtures.VILLAGE, "SUBMITTED", "TOWN", "2026Q4");
		int v = fx.version(n);
		ScopedUser other = fx.office(RollFixtures.TOWN);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<String>> results = new ArrayList<>();
			for (ScopedUser vetter : List.of(town, other)) {
				results.add(pool.submit(() -> {
					start.await();
					try {
						vetting.decide(n, v, vetter == town ? Vetting.Decision.PASS : Vetting.Decision.REJECT, "意见", vetter);
						return "decided";
					}
					catch (VettingRefusedException ex) {
						return ex.kind().name();
					}
				}));
			}
			start.countDown();
			List<String> outcomes = new ArrayList<>();
			for (Future<String> f : results) {
				outcomes.add(f.get());
			}
			assertThat(outcomes).containsExactlyInAnyOrder("decided", "CONFLICT");
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(fx.count("select count(*) from honor_vetting where nomination_id = :id", n)).isEqualTo(1);
		assertThat(fx.version(n)).isEqualTo(v + 1);
	}

	@Test
	void thePagesAndTheApi() throws Exception {
		long n = fx.nomination(RollFixtures.VILLAGE, "SUBMITTED", "TOWN", "2026Q4");
		String number = jdbc.sql("select number from honor_nomination where id = :id").param("id", n).query(String.class)
			.single();
		mvc.perform(get("/admin/honor/vetting").with(fx.users().staff(RollFixtures.TOWN, Roles.OFFICE_STAFF)))
			.andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString(number)));
		mvc.perform(get("/admin/honor/vetting/" + n).with(fx.users().staff(RollFixtures.TOWN, Roles.OFFICE_STAFF)))
			.andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.containsString("name=\"version\"")));
		// another county: 404
		mvc.perform(get("/admin/honor/vetting/" + n).with(fx.users().staff(RollFixtures.OTHER_COUNTY, Roles.OFFICE_STAFF)))
			.andExpect(status().isNotFound());
		mvc.perform(get("/api/v1/honor/vetting/" + n).with(fx.users().staff(RollFixtures.OTHER_COUNTY, Roles.OFFICE_STAFF)))
			.andExpect(status().isNotFound());
		// the county at the town's level: 409; no reason: 400 naming it
		mvc.perform(post("/api/v1/honor/vetting/" + n + "/decision").with(csrf())
			.with(fx.users().staff(RollFixtures.COUNTY, Roles.OFFICE_STAFF)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"decision\":\"PASS\",\"reason\":\"同意\",\"version\":" + fx.version(n) + "}"))
			.andExpect(status().isConflict());
		mvc.perform(post("/api/v1/honor/vetting/" + n + "/decision").with(csrf())
			.with(fx.users().staff(RollFixtures.TOWN, Roles.OFFICE_STAFF)).contentType(MediaType.APPLICATION_JSON)
			.content("{\"decision\":\"PASS\",\"version\":" + fx.version(n) + "}"))
			.andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
		// the page's form decides
		mvc.perform(post("/admin/honor/vetting/" + n + "/decide").with(csrf())
			.with(fx.users().staff(RollFixtures.TOWN, Roles.OFFICE_STAFF)).param("decision", "PASS")
			.param("reason", "事迹属实").param("version", String.valueOf(fx.version(n))))
			.andExpect(status().is3xxRedirection());
		assertThat(fx.level(n)).isEqualTo("COUNTY");
		mvc.perform(get("/api/v1/honor/vetting").with(fx.users().staff(RollFixtures.COUNTY, Roles.OFFICE_STAFF)))
			.andExpect(status().isOk());
	}
}

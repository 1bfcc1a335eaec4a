package org.wenming.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.activity.Activities;
import org.wenming.activity.Activity;
import org.wenming.activity.ActivityDraft;
import org.wenming.activity.ActivityType;
import org.wenming.activity.ServiceShiftDraft;
import org.wenming.activity.Shift;
import org.wenming.activity.ShiftDraft;
import org.wenming.honor.consent.Consents;
import org.wenming.honor.roll.Roll;
import org.wenming.honor.roll.RollFixtures;
import org.wenming.platform.BulkLoadFinished;
import org.wenming.region.PracticeSite;
import org.wenming.region.PracticeSites;
import org.wenming.region.Regions;
import org.wenming.region.SiteDraft;
import org.wenming.region.SiteKind;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;
import org.wenming.volunteer.team.Team;
import org.wenming.volunteer.team.TeamDraft;
import org.wenming.volunteer.team.TeamLevel;
import org.wenming.volunteer.team.TeamStatus;
import org.wenming.volunteer.team.TeamType;
import org.wenming.volunteer.team.Teams;
import org.wenming.support.SearchWords;

/**
 * The owners tell the index at once: an activity, a site, a team and a roll entry made, changed and withdrawn
 * through the owners' own services are found by {@code /api/v1/search} (or leave {@code search_document}) as soon as
 * the events are processed, without a refill; a service order's unlisted shift never enters the index; and a bulk
 * load (the demo city) is followed by a refill.
 */
@WenmingTest
class PortalEventsTest {

	/** Events are heard after the commit, asynchronously: this long at most. */
	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Regions regions;

	@Autowired
	Activities activities;

	@Autowired
	PracticeSites sites;

	@Autowired
	Teams teams;

	@Autowired
	Roll roll;

	@Autowired
	Consents consents;

	@Autowired
	ContactSeal seal;

	/** Six Latin letters no other document holds: every query names one, so other tests' rows never match. */
	private static String tag() {
		return SearchWords.unique() + "q";
	}

	private ScopedUser office() {
		return new TestUsers(regions).staffPrincipal("441202", Roles.OFFICE_STAFF);
	}

	/** Whether {@code /api/v1/search} answers the page {@code url} for the query. */
	private boolean found(String query, String url) throws Exception {
		String body = mvc.perform(get("/api/v1/search").param("q", query)).andExpect(status().isOk()).andReturn()
			.getResponse().getContentAsString();
		return body.contains("\"" + url + "\"");
	}

	private long rows(String kind, long ref) {
		return jdbc.sql("select count(*) from search_document where kind = :kind and ref = :ref").param("kind", kind)
			.param("ref", String.valueOf(ref)).query(Long.class).single();
	}

	private String indexedTitle(String kind, long ref) {
		return jdbc.sql("select title from search_document where kind = :kind and ref = :ref").param("kind", kind)
			.param("ref", String.valueOf(ref)).query(String.class).optional().orElse(null);
	}

	private static void await(Callable<Boolean> condition) {
		Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(condition);
	}

	private Team team(String name, ScopedUser office) {
		return teams.create(new TeamDraft(null, TeamLevel.CORPS, "441202", name, TeamType.COMMUNITY, null, null, null,
				"每周走访独居老人", TeamStatus.ACTIVE), office);
	}

	@Test
	void aTeamIsFoundWhenCreatedUnderItsNewNameWhenRenamedAndLeavesTheIndexWhenDissolved() throws Exception {
		String tag = tag();
		ScopedUser office = office();
		Team team = team("端州邻里守望队" + tag, office);
		String url = "/teams/" + team.id();
		await(() -> found("邻里守望 " + tag, url));

		Team renamed = teams.update(team.id(), team.version(), new TeamDraft(null, TeamLevel.CORPS, "441202",
				"端州敬老助残队" + tag, TeamType.COMMUNITY, null, null, null, "每周走访独居老人", TeamStatus.ACTIVE), office)
			.orElseThrow();
		await(() -> found("敬老助残 " + tag, url));
		assertThat(found("邻里守望 " + tag, url)).isFalse();
		assertThat(indexedTitle("TEAM", team.id())).isEqualTo("端州敬老助残队" + tag);

		teams.update(team.id(), renamed.version(), new TeamDraft(null, TeamLevel.CORPS, "441202", "端州敬老助残队" + tag,
				TeamType.COMMUNITY, null, null, null, "每周走访独居老人", TeamStatus.DISSOLVED), office);
		await(() -> rows("TEAM", team.id()) == 0);
		assertThat(found("敬老助残 " + tag, url)).isFalse();
	}

	@Test
	void aSiteIsFoundWhenAddedAndUnderItsNewNameWhenRenamed() throws Exception {
		String tag = tag();
		ScopedUser office = office();
		PracticeSite site = sites.create(new SiteDraft("441202001", SiteKind.POINT, "城东书香实践点" + tag, false,
				"端州区测试路8号", null, null, null, null, null, null), office);
		String url = "/sites/" + site.id();
		await(() -> found("书香 " + tag, url));
		// the address is searchable too
		assertThat(found("测试路 " + tag, url)).isTrue();

		sites.update(site.id(), site.version(), new SiteDraft("441202001", SiteKind.POINT, "城东墨韵实践点" + tag, true,
				"端州区测试路8号", null, null, null, null, null, null), office).orElseThrow();
		await(() -> found("墨韵 " + tag, url));
		assertThat(found("书香 " + tag, url)).isFalse();
		assertThat(indexedTitle("SITE", site.id())).isEqualTo("城东墨韵实践点" + tag);
	}

	@Test
	void anActivityIsFoundWhenPublishedStaysWhenFinishedAndLeavesTheIndexWhenCancelled() throws Exception {
		String tag = tag();
		ScopedUser office = office();
		Team team = team("活动测试队" + tag, office);
		OffsetDateTime start = OffsetDateTime.now().plusDays(3).truncatedTo(ChronoUnit.MINUTES);
		Activity draft = activities.create(activity("河堤清洁行动" + tag, team.id(), start), office);
		// a draft is not public: changed, it is still not in the index
		Activity edited = activities.update(draft.id(), draft.version(), activity("江滨清洁行动" + tag, team.id(), start),
				office);
		assertThat(rows("ACTIVITY", draft.id())).isZero();

		activities.publish(edited.id(), office);
		String url = "/activities/" + edited.id();
		await(() -> found("江滨清洁 " + tag, url));
		assertThat(found("河堤清洁 " + tag, url)).isFalse();

		// held: the clock moved past its start; finished, it stays public and found
		jdbc.sql("update shift set starts_at = starts_at - interval '4 days', ends_at = ends_at - interval '4 days'"
				+ " where activity_id = :id").param("id", edited.id()).update();
		jdbc.sql("update activity set starts_at = starts_at - interval '4 days', ends_at = ends_at - interval '4 days'"
				+ " where id = :id").param("id", edited.id()).update();
		activities.finish(edited.id(), null, office);
		Awaitility.await().pollDelay(Duration.ofMillis(500)).atMost(WAIT).until(() -> found("江滨清洁 " + tag, url));

		// another one, cancelled: out of the table, not only out of the answers
		Activity other = activities.publish(
				activities.create(activity("广场文艺汇演" + tag, team.id(), start), office).id(), office);
		await(() -> rows("ACTIVITY", other.id()) == 1);
		activities.cancel(other.id(), "天气原因取消", office);
		await(() -> rows("ACTIVITY", other.id()) == 0);
		assertThat(found("文艺汇演 " + tag, "/activities/" + other.id())).isFalse();
	}

	@Test
	void aServiceOrdersUnlistedShiftNeverEntersTheIndex() throws Exception {
		String tag = tag();
		ScopedUser office = office();
		Team team = team("派单测试队" + tag, office);
		OffsetDateTime start = OffsetDateTime.now().plusDays(2).truncatedTo(ChronoUnit.MINUTES);
		Shift shift = activities.createServiceShift(new ServiceShiftDraft(team.id(), "上门打扫卫生" + tag, "帮助独居老人打扫卫生",
				RollFixtures.VILLAGE, start, start.plusHours(2), 2), "desk-test");
		// a listed activity published after it: once its event is in, the shift's would have been too
		Activity listed = activities.publish(
				activities.create(activity("社区义剪服务" + tag, team.id(), start), office).id(), office);
		await(() -> rows("ACTIVITY", listed.id()) == 1);
		assertThat(rows("ACTIVITY", shift.activityId())).isZero();
		assertThat(found("打扫卫生 " + tag, "/activities/" + shift.activityId())).isFalse();
		// cancelled, it stays out
		activities.cancel(shift.activityId(), "服务对象已取消", office);
		assertThat(rows("ACTIVITY", shift.activityId())).isZero();
	}

	@Test
	void aRollEntryIsFoundWhenPublishedLeavesWhenConsentEndsAndComesBackWhenItIsGivenAgain() throws Exception {
		RollFixtures fx = new RollFixtures(jdbc, regions, seal);
		ScopedUser city = fx.office(RollFixtures.CITY);
		String tag = tag();
		String name = "好人" + tag;
		long nomination = fx.nomination(RollFixtures.VILLAGE, "REVIEW", null, "2026Q4", name);
		fx.consent(nomination, "GIVEN");
		long entry = roll.publish(List.of(nomination), "2026Q4", city).get(0);
		String url = "/honor/entries/" + entry;
		await(() -> found(tag + " 孤寡老人", url));

		// withdrawn by staff at the nominee's request: out of the table at once
		consents.withdrawByStaff(nomination, "本人电话要求撤回同意", city);
		await(() -> rows("HONOUR", entry) == 0);
		assertThat(found(tag + " 孤寡老人", url)).isFalse();

		// consent given again on paper: back in the index
		long form = jdbc.sql("""
				insert into honor_evidence (nomination_id, kind, object_key, content_type, bytes, pages, uploaded_by, uploaded_at)
				values (:n, 'DOCUMENT', :key, 'application/pdf', 1000, 1, 'test', now()) returning id""")
			.param("n", nomination).param("key", "honor/test/" + tag + ".pdf").query(Long.class).single();
		consents.recordPaper(nomination, form, "NOMINEE", null, city);
		await(() -> found(tag + " 孤寡老人", url));

		// a public field edited ends the consent (superseded): the entry leaves the index until consent is given again
		consents.supersede(nomination, "test");
		await(() -> rows("HONOUR", entry) == 0);
	}

	@Test
	void aBulkLoadIsFollowedByARefill() {
		String tag = tag();
		// a team loaded as the demo city loads its rows: no event of its own
		long team = jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, description, updated_by)
				select :name, 'CORPS', 'COMMUNITY', code, path, '', 'demo' from region where code = '441202'
				returning id""").param("name", "批量导入测试队" + tag).query(Long.class).single();
		assertThat(rows("TEAM", team)).isZero();
		// and a service order's shift, unlisted: the refill leaves it out as the events do
		OffsetDateTime start = OffsetDateTime.now().plusDays(2).truncatedTo(ChronoUnit.MINUTES);
		Shift shift = activities.createServiceShift(new ServiceShiftDraft(team, "上门陪诊" + tag, "陪同老人就医",
				RollFixtures.VILLAGE, start, start.plusHours(2), 1), "desk-test");
		transactions.executeWithoutResult(tx -> events.publishEvent(new BulkLoadFinished("demo-city")));
		await(() -> rows("TEAM", team) == 1);
		assertThat(rows("ACTIVITY", shift.activityId())).isZero();
		// the publication is completed (heard outside a transaction): no node delivers it again and refills twice
		await(() -> jdbc.sql("select count(*) from event_publication where event_type like '%BulkLoadFinished'"
				+ " and completion_date is null").query(Long.class).single() == 0);
		assertThat(jdbc.sql("select count(*) from event_publication where event_type like '%BulkLoadFinished'")
			.query(Long.class).single()).isPositive();
	}

	private static ActivityDraft activity(String title, long teamId, OffsetDateTime start) {
		return new ActivityDraft(title, "欢迎居民参加", ActivityType.SERVICE, null, null, null, null, teamId, null, null,
				"端州区测试路1号", "441202", new BigDecimal("23.050000"), new BigDecimal("112.460000"), null, false,
				List.of(new ShiftDraft(start, start.plusHours(2), 10, null, List.of())));
	}
}

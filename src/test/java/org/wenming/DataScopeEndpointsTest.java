package org.wenming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.TestVolunteers;
import org.wenming.volunteer.Volunteers;
import org.wenming.support.TestUsers;
import org.wenming.support.WenmingTest;

/**
 * The region data scope across every endpoint of the application: a county office of 端州区
 * (441202) can neither list, count, read nor change the sites, users or audit events of 鼎湖区
 * (441203), through pages or the API; the city office of 肇庆市 (4412) can. The endpoint list is
 * read from the running application, so a new endpoint fails this test until it is classified
 * here as public, own-account or scoped (with a probe).
 */
@WenmingTest
class DataScopeEndpointsTest {

	/** Open to everyone: they show only what is published. */
	static final Set<String> PUBLIC = Set.of("GET /", "GET /login", "GET /sites", "GET /sites/{id}",
			"GET /api/v1/regions", "GET /api/v1/regions/{code}", "GET /api/v1/regions/{code}/children",
			"GET /api/v1/sites", "GET /api/v1/sites/{id}", "ANY /error", "GET /v3/api-docs", "GET /v3/api-docs.yaml",
			"GET /teams", "GET /teams/{id}", "GET /api/v1/teams", "GET /api/v1/teams/{id}", "GET /volunteers/register",
			"POST /volunteers/register", "GET /regions/picker",
			// activities: only published ones; the calendar feed is guarded by its secret token
			"GET /activities", "GET /activities/{id}", "GET /api/v1/activities", "GET /api/v1/activities/{id}",
			"GET /calendar/{token}.ics",
			// service certificates: the verdict shows a masked name, the volunteer number and hours, never an ID
			"GET /certificates", "GET /certificates/{number}", "GET /api/v1/certificates/{number}",
			// Open311 GeoReport v2: every case, without reporter name or contact (Open311ShapeTest); POST needs an api_key
			"GET /open311/v2/discovery.{format}", "GET /open311/v2/services.{format}",
			"GET /open311/v2/services/{code}.{format}", "GET /open311/v2/requests.{format}",
			"POST /open311/v2/requests.{format}", "GET /open311/v2/requests/{id}.{format}",
			"GET /open311/v2/tokens/{token}.{format}", "ANY /open311/v2/**",
			// 随手拍: the report form, its possible duplicates (public facts only), and the follow link guarded by
			// its secret token (CitizenReportTest, FollowTest)
			"GET /cases/report", "POST /cases/report", "GET /cases/report/nearby", "GET /cases/follow/{token}",
			"POST /cases/follow/{token}/rating", "GET /cases/follow/{token}/photos/{photoId}",
			// casework red/black lists: district and unit names with their figures, never a case
			"GET /casework/rankings", "GET /casework/rankings/{id}", "GET /casework/rankings/{id}.xlsx",
			"GET /casework/rankings/{id}.pdf", "GET /api/v1/casework/rankings", "GET /api/v1/casework/rankings/{id}",
			// the public dashboard: aggregate figures of the city or a county; named volunteers only with
			// their consent (InsightDashboardTest)
			"GET /dashboard", "GET /api/v1/dashboard",
			// the service desk's menus: active items of the sites, nobody's data (MenuPagesTest)
			"GET /service", "GET /service/sites/{id}", "GET /api/v1/service/menu",
			// an order's private link, guarded by its secret token (OrderPagesTest)
			"GET /service/follow/{token}",
			// the order form: anyone (anonymous with a one-time code, rate-limited), staff on behalf in scope
			"GET /service/order", "POST /service/order", "POST /service/order/code",
			// a one-time code for ordering by JSON without an account (limited per mobile and client: AnonymousOrderApiTest)
			"POST /api/v1/service/order-codes",
			// honours: the nominator's follow link and the nominee's consent link, guarded by their secret tokens; a
			// portrait only while a consented public entry shows it (NominationsTest, ConsentFlowTest)
			"GET /honor/follow/{token}", "POST /honor/follow/{token}/amend", "POST /honor/follow/{token}/withdraw",
			"GET /honor/photos/{evidenceId}", "GET /honor/consent/{token}", "POST /honor/consent/{token}/give",
			"POST /honor/consent/{token}/decline", "POST /honor/consent/{token}/withdraw",
			"GET /honor/consent/{token}/portrait");

	/** About the signed-in person only, or empty forms that show no one else's data. */
	static final Set<String> OWN = Set.of("GET /admin", "GET /account/password", "POST /account/password",
			"GET /admin/users/new", "GET /me/teams", "POST /me/teams/{membershipId}/leave", "POST /teams/{id}/apply",
			"GET /me/volunteer", "POST /me/volunteer", "POST /me/volunteer/withdraw", "GET /admin/volunteers/new",
			"POST /me/volunteer/public-listing",
			// the import templates hold no one's data; an upload creates the uploader's own job, and its
			// rows' regions are checked against the uploader's scope row by row (VolunteerImportTest)
			"GET /admin/volunteers/import/template.csv", "GET /admin/volunteers/import/template.xlsx",
			"POST /admin/volunteers/import", "POST /api/v1/admin/volunteers/import",
			// a volunteer's own sign-ups and calendar feed; the empty activity form (its picker starts at one's own region)
			"POST /activities/{id}/shifts/{shiftId}/signup", "POST /me/activities/signups/{id}/cancel",
			"GET /me/activities", "POST /me/activities/calendar", "POST /me/activities/calendar/revoke",
			"POST /api/v1/shifts/{id}/signups", "POST /api/v1/signups/{id}/cancel", "GET /api/v1/me/signups",
			"GET /admin/activities/new",
			// one's own certificates; another's number is not found (CertificateTest)
			"GET /me/certificates", "POST /me/certificates", "GET /me/certificates/{number}.pdf",
			// a volunteer's own check-in: the signed token names the shift, the sign-up must be their own
			"GET /checkin", "POST /checkin", "POST /api/v1/checkins",
			// the ledger: one's own hours and requests, and the empty manual-record form
			"GET /me/hours", "GET /me/hours/corrections/new", "POST /me/hours/corrections", "GET /api/v1/me/hours",
			"GET /admin/ledger/records/new",
			// the cases one reported oneself; another's case number is not found (FollowTest)
			"GET /me/cases", "GET /me/cases/{number}", "POST /me/cases/{number}/rating",
			"GET /me/cases/{number}/photos/{photoId}",
			// the service orders one placed oneself; another's number is not found (MyOrderPagesTest)
			"GET /me/orders", "GET /me/orders/{number}",
			// the nomination form: a signed-in person nominates as themselves (NominationsTest)
			"GET /honor/nominate", "POST /honor/nominate");

	/**
	 * Rectification casework: every endpoint is probed in {@code org.wenming.casework.CaseScopeTest}
	 * (a 鼎湖区 office against a 端州区 case, unit handlers against other units' cases, county offices
	 * against the city-wide category tree and calendar), (the list is kept by hand here).
	 */
	static final Set<String> CASEWORK = Set.of("GET /api/v1/cases", "GET /api/v1/cases/unit",
			"GET /api/v1/cases/inspection", "GET /api/v1/cases/supervision", "GET /api/v1/cases/{id}",
			"GET /api/v1/cases/{id}/duplicates", "POST /api/v1/cases", "POST /api/v1/cases/{id}/register",
			"POST /api/v1/cases/{id}/reject", "POST /api/v1/cases/{id}/dispatch", "POST /api/v1/cases/{id}/accept",
			"POST /api/v1/cases/{id}/fix", "POST /api/v1/cases/{id}/verify", "POST /api/v1/cases/{id}/rework",
			"POST /api/v1/cases/{id}/extension", "POST /api/v1/cases/{id}/suspension",
			"POST /api/v1/cases/{id}/approvals/{approvalId}/approve",
			"POST /api/v1/cases/{id}/approvals/{approvalId}/decline", "POST /api/v1/cases/{id}/resume",
			"POST /api/v1/cases/{id}/reopen", "POST /api/v1/cases/{id}/merge", "GET /admin/cases",
			"GET /admin/cases/supervision", "GET /unit/cases", "GET /inspector/cases", "GET /admin/cases/new",
			"POST /admin/cases/new", "GET /admin/cases/{id}", "POST /admin/cases/{id}/steps/{action}", "GET /admin/cases/{id}/photos/{photoId}",
			"GET /admin/casework/categories", "POST /admin/casework/categories",
			"POST /admin/casework/categories/{code}", "GET /admin/casework/units", "POST /admin/casework/units",
			"POST /admin/casework/units/{id}/members", "POST /admin/casework/units/{id}/members/{userId}/remove",
			"POST /admin/casework/units/{id}/active", "GET /admin/casework/calendar", "POST /admin/casework/calendar",
			"POST /admin/casework/calendar/{day}/remove");

	/**
	 * Field assessment's criteria frameworks: the city's, with no region of their own. Staff read them; only
	 * the city office (or a system administrator) changes them, which FrameworkTest and FrameworkPagesTest
	 * check against a county office.
	 */
	static final Set<String> ASSESSMENT_FRAMEWORKS = Set.of("GET /admin/assessment/frameworks",
			"POST /admin/assessment/frameworks", "POST /admin/assessment/frameworks/sample",
			"POST /admin/assessment/frameworks/import", "GET /admin/assessment/frameworks/{id}",
			"POST /admin/assessment/frameworks/{id}", "POST /admin/assessment/frameworks/{id}/items",
			"POST /admin/assessment/frameworks/{id}/items/{itemId}",
			"POST /admin/assessment/frameworks/{id}/criteria/{criterionId}/move",
			"POST /admin/assessment/frameworks/{id}/criteria/{criterionId}/remove",
			"GET /admin/assessment/frameworks/{id}/criteria/new", "POST /admin/assessment/frameworks/{id}/criteria",
			"GET /admin/assessment/frameworks/{id}/criteria/{criterionId}",
			"POST /admin/assessment/frameworks/{id}/criteria/{criterionId}", "GET /admin/assessment/frameworks/{id}/publish",
			"POST /admin/assessment/frameworks/{id}/publish", "POST /admin/assessment/frameworks/{id}/new-version",
			"POST /admin/assessment/frameworks/{id}/delete", "GET /admin/assessment/frameworks/{id}/export.xlsx",
			"GET /api/v1/assessment/frameworks", "GET /api/v1/assessment/frameworks/{id}", "POST /api/v1/assessment/frameworks",
			"POST /api/v1/assessment/frameworks/sample", "PUT /api/v1/assessment/frameworks/{id}",
			"DELETE /api/v1/assessment/frameworks/{id}", "POST /api/v1/assessment/frameworks/{id}/publish",
			"POST /api/v1/assessment/frameworks/{id}/items", "PUT /api/v1/assessment/frameworks/{id}/items/{itemId}",
			"DELETE /api/v1/assessment/frameworks/{id}/items/{itemId}",
			"POST /api/v1/assessment/frameworks/{id}/items/{itemId}/move", "POST /api/v1/assessment/frameworks/{id}/criteria",
			"PUT /api/v1/assessment/frameworks/{id}/criteria/{criterionId}",
			"DELETE /api/v1/assessment/frameworks/{id}/criteria/{criterionId}",
			"POST /api/v1/assessment/frameworks/{id}/criteria/{criterionId}/move",
			"GET /api/v1/assessment/frameworks/{id}/export.xlsx", "POST /api/v1/assessment/frameworks/import");

	/**
	 * Field assessment's places and rounds: every endpoint is checked for scope in
	 * {@code org.wenming.assessment.place.PlacesImportTest} (a 鼎湖区 office cannot reach a 端州区 place)
	 * and {@code org.wenming.assessment.round.RoundTest} (rounds are the city office's; the sample is hidden
	 * from county offices and inspectors until the round opens, then each sees only its own).
	 */
	static final Set<String> ASSESSMENT_ROUND = Set.of("GET /admin/assessment/places",
			"GET /admin/assessment/places/new", "POST /admin/assessment/places/new",
			"GET /admin/assessment/places/{id}/edit", "POST /admin/assessment/places/{id}/edit",
			"POST /admin/assessment/places/{id}/active", "GET /admin/assessment/places/import",
			"POST /admin/assessment/places/import", "GET /admin/assessment/places/import/template.csv",
			"GET /api/v1/assessment/places", "POST /api/v1/assessment/places", "GET /api/v1/assessment/places/{id}",
			"PUT /api/v1/assessment/places/{id}", "POST /api/v1/assessment/places/{id}/active",
			"POST /api/v1/assessment/places/import", "GET /admin/assessment/rounds", "GET /admin/assessment/rounds/new",
			"POST /admin/assessment/rounds/new", "GET /admin/assessment/rounds/{id}",
			"POST /admin/assessment/rounds/{id}/edit", "POST /admin/assessment/rounds/{id}/teams",
			"POST /admin/assessment/rounds/{id}/teams/{teamId}/remove",
			"POST /admin/assessment/rounds/{id}/teams/{teamId}/members",
			"POST /admin/assessment/rounds/{id}/teams/{teamId}/members/{userId}/remove",
			"POST /admin/assessment/rounds/{id}/draw", "GET /admin/assessment/rounds/{id}/verify",
			"POST /admin/assessment/rounds/{id}/assign", "POST /admin/assessment/rounds/{id}/open",
			"POST /admin/assessment/rounds/{id}/close", "GET /admin/assessment/rounds/{id}/sample",
			"GET /api/v1/assessment/rounds", "POST /api/v1/assessment/rounds", "GET /api/v1/assessment/rounds/{id}",
			"PUT /api/v1/assessment/rounds/{id}", "GET /api/v1/assessment/rounds/{id}/teams",
			"POST /api/v1/assessment/rounds/{id}/teams", "DELETE /api/v1/assessment/rounds/{id}/teams/{teamId}",
			"POST /api/v1/assessment/rounds/{id}/teams/{teamId}/members",
			"DELETE /api/v1/assessment/rounds/{id}/teams/{teamId}/members/{userId}",
			"POST /api/v1/assessment/rounds/{id}/draw", "GET /api/v1/assessment/rounds/{id}/verification",
			"POST /api/v1/assessment/rounds/{id}/assignment", "POST /api/v1/assessment/rounds/{id}/open",
			"POST /api/v1/assessment/rounds/{id}/close", "GET /api/v1/assessment/rounds/{id}/sample");

	/**
	 * The inspector's phone: every endpoint is probed in {@code org.wenming.assessment.observation.ObservationTest}
	 * (another team's place is 403; a place outside the inspector's rounds 404 with a security event; a
	 * photo only to the assigned team and to staff whose scope covers the place).
	 */
	static final Set<String> ASSESSMENT_INSPECT = Set.of("GET /inspect", "GET /inspect/rounds/{roundId}",
			"GET /inspect/rounds/{roundId}/places/{placeId}", "POST /inspect/rounds/{roundId}/places/{placeId}",
			"POST /inspect/rounds/{roundId}/places/{placeId}/close", "POST /inspect/rounds/{roundId}/places/{placeId}/photos",
			"GET /api/v1/assessment/inspect/rounds", "GET /api/v1/assessment/inspect/rounds/{roundId}/places",
			"GET /api/v1/assessment/inspect/rounds/{roundId}/places/{placeId}/checklist",
			"PUT /api/v1/assessment/inspect/rounds/{roundId}/places/{placeId}/observations",
			"POST /api/v1/assessment/inspect/rounds/{roundId}/places/{placeId}/photos",
			"GET /api/v1/assessment/inspect/rounds/{roundId}/places/{placeId}/photos/{photoId}",
			"POST /api/v1/assessment/inspect/rounds/{roundId}/places/{placeId}/close",
			"POST /api/v1/assessment/inspect/rounds/{roundId}/places/{placeId}/reopen");

	/**
	 * Field assessment scores: every endpoint is probed in {@code org.wenming.assessment.AssessmentRoundTest}
	 * (a county office before the round opens, and against another county's figures, gets 404 and a
	 * security event; the city office sees them).
	 */
	static final Set<String> ASSESSMENT_SCORES = Set.of("GET /admin/assessment/scores",
			"GET /admin/assessment/rounds/{id}/scores", "GET /admin/assessment/rounds/{id}/report.pdf",
			"GET /admin/assessment/rounds/{id}/report.xlsx", "GET /api/v1/assessment/rounds/{id}/scores",
			"GET /api/v1/assessment/rounds/{id}/places", "GET /api/v1/assessment/rounds/{id}/worst-criteria",
			"GET /api/v1/assessment/rounds/{id}/handovers", "GET /api/v1/assessment/rounds/{id}/trend");

	/**
	 * The notification outbox: notices belong to no region, so only system administrators reach it; an office
	 * of the city gets 403 ({@code org.wenming.notification.NotificationOutboxTest}).
	 */
	static final Set<String> NOTIFICATIONS = Set.of("GET /admin/notifications",
			"POST /admin/notifications/{id}/retry");

	/**
	 * Service menus: staff pages probed in {@code org.wenming.servicedesk.web.MenuPagesTest} (another county's
	 * site or item is 404 with a security event, its region 403, nothing stored; the city office reaches both).
	 */
	static final Set<String> SERVICE_MENU = Set.of("GET /admin/service/menu", "GET /admin/service/menu/new",
			"POST /admin/service/menu/new", "GET /admin/service/menu/{id}/edit", "POST /admin/service/menu/{id}/edit",
			"POST /admin/service/menu/{id}/retire",
			// ordering on a resident's behalf: only in the staff member's scope (OrdersTest, OrderPagesTest)
			"POST /api/v1/service/orders");

	/** The newsroom, public: published articles, their versions and photos, the Atom feed (withdrawn: 410). */
	static final Set<String> NEWSROOM_PUBLIC = Set.of("GET /news", "GET /news/{number}",
			"GET /news/{number}/versions/{version}", "GET /news/photos/{id}", "GET /news/feed.atom");

	/**
	 * The newsroom, office staff only: every article endpoint reads the article through {@code
	 * Articles.findForStaff} (another county's office: 404 and a security event, nothing changed; probed in
	 * {@code org.wenming.newsroom.ArticlesTest}); the list is bound to the scope in SQL; the link allowlist is kept
	 * by the city's staff (a county office: 403).
	 */
	static final Set<String> NEWSROOM_STAFF = Set.of("GET /admin/news", "GET /admin/news/new", "POST /admin/news/new",
			"GET /admin/news/{id}", "GET /admin/news/{id}/edit", "POST /admin/news/{id}/edit",
			"POST /admin/news/{id}/submit", "POST /admin/news/{id}/approve", "POST /admin/news/{id}/return",
			"POST /admin/news/{id}/correct", "POST /admin/news/{id}/withdraw", "POST /admin/news/{id}/photos",
			"GET /admin/news/domains", "POST /admin/news/domains", "POST /admin/news/domains/remove",
			// the integrity sweep: findings bound to the scope in SQL, "sweep now" for the city's staff (a county
			// office: 403; IntegritySweepTest)
			"GET /admin/news/integrity", "POST /admin/news/integrity/sweep");

	/** Honours part D, public: the city's brand projects and the awards of projects, teams and sites, never a volunteer's. */
	static final Set<String> HONOR_BRANDS_PUBLIC = Set.of("GET /honor/brands", "GET /api/v1/honor/brands",
			"GET /api/v1/honor/awards");

	/**
	 * Honours part D, office staff only: the care register (never public) and brand projects and awards. Every
	 * endpoint is probed in {@code org.wenming.HonorCareBrandsEndpointsTest}: anonymous is sent to sign in (401
	 * for JSON), a site administrator 403, another county's office 404 for a record (and a security event) with
	 * nothing stored, the city office served.
	 */
	static final Set<String> HONOR_CARE_BRANDS = Set.of("GET /admin/honor/care", "GET /admin/honor/care/export.xlsx",
			"GET /admin/honor/care/measures", "POST /admin/honor/care/measures", "GET /admin/honor/care/measures/{id}/edit",
			"POST /admin/honor/care/measures/{id}/edit", "POST /admin/honor/care/measures/{id}/active",
			"GET /admin/honor/care/entries/{rollEntryId}", "POST /admin/honor/care/entries/{rollEntryId}/grants",
			"POST /api/v1/honor/care/grants", "GET /api/v1/honor/care/totals", "GET /admin/honor/brands",
			"GET /admin/honor/brands/new", "POST /admin/honor/brands/new", "GET /admin/honor/brands/{id}/edit",
			"POST /admin/honor/brands/{id}/edit", "GET /admin/honor/awards", "GET /admin/honor/awards/new",
			"POST /admin/honor/awards/new", "GET /admin/honor/awards/{id}/edit", "POST /admin/honor/awards/{id}/edit",
			"GET /admin/honor/awards/{id}/document", "POST /admin/honor/awards/{id}/document/remove",
			"POST /api/v1/honor/brands", "PUT /api/v1/honor/brands/{id}",
			"POST /api/v1/honor/awards");

	/** The government-service catalogue, public: the home city's items, their search and one item (issue 19). */
	static final Set<String> CATALOGUE_PUBLIC = Set.of("GET /services", "GET /services/{code}",
			"GET /api/v1/catalogue/items", "GET /api/v1/catalogue/items/{code}");

	/**
	 * The government-service catalogue, office staff and the system administrator only: the list and search show
	 * only the caller's scope, the import and the form refuse a region outside it (naming regionCode, nothing
	 * stored), and an item of another county is 404 (a security event) to read, change or delete; probed in
	 * {@code org.wenming.catalogue.CatalogueTest}.
	 */
	static final Set<String> CATALOGUE_STAFF = Set.of("GET /admin/catalogue", "GET /admin/catalogue/export.xlsx",
			"POST /admin/catalogue/import", "GET /admin/catalogue/new", "POST /admin/catalogue/new",
			"GET /admin/catalogue/{id}/edit", "POST /admin/catalogue/{id}/edit", "POST /admin/catalogue/{id}/delete",
			"POST /api/v1/catalogue/items", "PUT /api/v1/catalogue/items/id/{id}", "DELETE /api/v1/catalogue/items/id/{id}");

	/**
	 * The service desk's dispatch: the queue lists only orders held by sites in the caller's scope, and every
	 * step of an order outside it answers 404 with a security event; probed in
	 * {@code org.wenming.servicedesk.dispatch.DispatchWebTest}, (the list is kept by hand here).
	 */
	static final Set<String> SERVICEDESK_DISPATCH = Set.of("GET /admin/service/queue",
			"POST /admin/service/queue/{id}/{action}", "GET /api/v1/service/queue",
			"POST /api/v1/service/orders/{id}/{action}",
			// one order's page, its photos and the reveal: staff whose scope covers the holding site only
			// (OrderDetailPagesTest: another county 404 with a security event, nothing revealed)
			"GET /admin/service/orders/{id}", "POST /admin/service/orders/{id}/reveal",
			"GET /admin/service/orders/{id}/photos/{photoId}");

	/**
	 * The service desk's taking, completion and rating: a volunteer sees and takes only orders of their own
	 * teams (a non-member: 403), the leader's page and steps are the dispatched team's (another team's leader or
	 * another county's staff: 404 with a security event), follow-ups list the sites in scope and another
	 * county's close is 404; the rating is the private link's, guarded by its token. Probed in
	 * {@code org.wenming.servicedesk.taking.TakingTest}, {@code CompletionRatingTest} and
	 * {@code ServiceDeskLoopTest}.
	 */
	static final Set<String> SERVICEDESK_SERVICE = Set.of("GET /me/service-orders", "POST /me/service-orders/{id}/take",
			"GET /api/v1/service/takeable", "POST /api/v1/service/orders/{id}/take", "GET /admin/service/team-orders",
			"POST /admin/service/team-orders/{id}/assign", "POST /admin/service/team-orders/{id}/hand-back",
			"POST /admin/service/team-orders/{id}/complete", "GET /api/v1/service/team-orders",
			"POST /api/v1/service/orders/{id}/assign", "POST /api/v1/service/orders/{id}/complete",
			"GET /admin/service/followups", "POST /admin/service/followups/{id}/close", "GET /api/v1/service/followups",
			"POST /api/v1/service/followups/{orderId}/close", "POST /service/follow/{token}/rating",
			"POST /api/v1/service/follow/{token}/rating");

	/**
	 * Honours' nominations for staff: the list shows only the caller's scope, every step on a nomination outside
	 * it answers 404 (nothing revealed, nothing changed), residents 403; probed in
	 * {@code org.wenming.honor.nomination.NominationsTest} and {@code ConsentFlowTest}, (the list is kept by hand here).
	 */
	static final Set<String> HONOR_NOMINATIONS = Set.of("GET /admin/honor/nominations",
			"GET /admin/honor/nominations/new", "POST /admin/honor/nominations/new", "GET /admin/honor/nominations/{id}",
			"POST /admin/honor/nominations/{id}/reveal", "POST /admin/honor/nominations/{id}/evidence",
			"GET /admin/honor/nominations/{id}/evidence/{evidenceId}", "POST /admin/honor/nominations/{id}/portrait",
			"POST /admin/honor/nominations/{id}/consent/request", "POST /admin/honor/nominations/{id}/consent/paper",
			"POST /admin/honor/nominations/{id}/consent/withdraw", "POST /api/v1/honor/nominations",
			"GET /api/v1/honor/nominations", "GET /api/v1/honor/nominations/{id}",
			"POST /api/v1/honor/nominations/{id}/consent-requests");

	/**
	 * Honours' public notice: consented shortlists only (the view holds the condition); likes, comments and
	 * objections by anyone, rate-limited; the objector's link guarded by its token
	 * ({@code org.wenming.honor.notice.LikesTest}, {@code CommentsObjectionsTest}).
	 */
	static final Set<String> HONOR_NOTICE_PUBLIC = Set.of("GET /honor/notice", "GET /honor/notice/{nominationId}",
			"POST /honor/notice/{nominationId}/comments", "POST /honor/notice/{nominationId}/objections",
			"GET /honor/objections/{token}", "GET /api/v1/honor/notice", "GET /api/v1/honor/notice/{nominationId}",
			"GET /api/v1/honor/pow", "POST /api/v1/honor/notice/{nominationId}/likes",
			"POST /api/v1/honor/notice/{nominationId}/comments", "POST /api/v1/honor/notice/{nominationId}/objections");

	/**
	 * Honours' notice, the office's side: suspect likes, comments and objections of nominees whose region is in the
	 * staff member's scope; another county's comment or objection is 404 with a security event, other roles 403
	 * ({@code org.wenming.honor.notice.LikesTest}, {@code CommentsObjectionsTest}).
	 */
	static final Set<String> HONOR_NOTICE_STAFF = Set.of("GET /admin/honor/likes", "GET /admin/honor/comments",
			"POST /admin/honor/comments/{id}/{action}", "GET /admin/honor/objections",
			"POST /admin/honor/objections/{id}/answer");

	/**
	 * Honours part B: the public roll, an entry and the feed read only {@code honor_public_entry} (consented
	 * entries: PublicRollTest); the vetting queue lists only the office's level in its scope and a nomination
	 * outside it is 404 (VettingTest); notice periods, publication, picks and the export are the city office's
	 * (a town or county office: 403) and act only in its scope (NoticeAndPublicationTest, PublicRollTest).
	 */
	/** The search over everything public and the site map (portal): only public documents, each asked of its owner per answer. */
	static final Set<String> PORTAL_SEARCH = Set.of("GET /search", "GET /api/v1/search", "GET /sitemap", "GET /sitemap.xml",
			"GET /sitemap-{page:\\d{1,6}}.xml", "GET /robots.txt");

	/** The ledger's transparency log: signed tree heads (city, size, root, time), proofs of hashes and the public key; no record. */
	static final Set<String> LEDGER_TRANSPARENCY = Set.of("GET /ledger/transparency", "GET /ledger/heads.atom",
			"GET /api/v1/ledger/cities", "GET /api/v1/ledger/heads", "GET /api/v1/ledger/heads/latest",
			"GET /api/v1/ledger/consistency", "GET /api/v1/ledger/key");

	static final Set<String> HONOR_ROLL = Set.of("GET /honor", "GET /honor/entries/{id}", "GET /honor/feed.atom",
			"GET /admin/honor/vetting", "GET /admin/honor/vetting/{id}", "POST /admin/honor/vetting/{id}/decide",
			"GET /api/v1/honor/vetting", "GET /api/v1/honor/vetting/{id}", "POST /api/v1/honor/vetting/{id}/decision",
			"GET /admin/honor/notices", "POST /admin/honor/notices", "GET /admin/honor/roll",
			"POST /admin/honor/roll/publish", "POST /admin/honor/roll/{id}/reject", "POST /admin/honor/roll/pick",
			"GET /admin/honor/roll/export.csv");

	/**
	 * Honours' staff workflow by JSON, beside the pages: the roll's review, entries, publication, rejection and
	 * picks (the city office's: other roles and a county office 403, another city's nomination 404 or 400 naming
	 * it) and comment moderation (the office in scope: another county's comment 404 with a security event); every
	 * endpoint probed in {@code org.wenming.HonorStaffApiTest}, nothing stored on a refusal.
	 */
	static final Set<String> HONOR_STAFF_API = Set.of("GET /api/v1/honor/roll/review", "GET /api/v1/honor/roll/entries",
			"POST /api/v1/honor/roll/publications", "POST /api/v1/honor/roll/{nominationId}/rejection",
			"POST /api/v1/honor/roll/picks", "GET /api/v1/honor/comments", "POST /api/v1/honor/comments/{id}/decision");

	/**
	 * The volunteer's record (issue 22): commendations and complaints are the offices' in their scope (another
	 * county's complaint or commendation document 404 with a security event, a volunteer outside the scope refused
	 * naming volunteerNumber, nothing stored; other roles 403), ratings the shift's organizer's (another's shift 404),
	 * the volunteer's own pages show only their own and never who complained; probed in
	 * {@code org.wenming.commendation.CommendationsTest} and {@code org.wenming.complaint.ComplaintsTest}.
	 */
	static final Set<String> VOLUNTEER_RECORD = Set.of("GET /admin/commendations", "GET /admin/commendations/new",
			"POST /admin/commendations/new", "GET /admin/commendations/{id}/document", "GET /api/v1/commendations",
			"POST /api/v1/commendations", "GET /me/commendations", "POST /me/commendations/choice",
			"GET /me/commendations/{id}/document", "GET /api/v1/me/commendations", "PUT /api/v1/me/commendations/choice",
			"GET /admin/complaints", "GET /admin/complaints/new", "POST /admin/complaints/new", "GET /admin/complaints/{id}",
			"POST /admin/complaints/{id}/steps", "GET /api/v1/complaints", "POST /api/v1/complaints",
			"GET /api/v1/complaints/{id}", "POST /api/v1/complaints/{id}/steps", "GET /me/complaints",
			"POST /me/complaints/{id}/response", "GET /api/v1/me/complaints", "POST /api/v1/me/complaints/{id}/response",
			"GET /admin/shifts/{shiftId}/ratings", "POST /admin/shifts/{shiftId}/ratings",
			"GET /api/v1/shifts/{shiftId}/ratings", "POST /api/v1/shifts/{shiftId}/ratings");

	/**
	 * Record transfer (issue 22): a volunteer's own file; the offices export a volunteer of their scope (another
	 * county's: refused naming volunteerNumber) or every volunteer of their scope, with a reason, and import files of
	 * trusted sources for volunteers of their scope (another county's: refused naming volunteerNumber, nothing stored;
	 * other roles 403); the identity is the installation's. Probed in {@code org.wenming.exchange.ExchangeTest}.
	 */
	static final Set<String> RECORD_TRANSFER = Set.of("GET /api/v1/me/record", "GET /api/v1/exchange/source",
			"POST /api/v1/exchange/exports", "POST /api/v1/exchange/exports/bulk", "POST /api/v1/exchange/imports",
			"GET /me/record", "GET /me/record/export", "GET /admin/exchange", "POST /admin/exchange/export",
			"POST /admin/exchange/bulk", "POST /admin/exchange/import", "POST /admin/exchange/import/store");

	/**
	 * Training in the volunteer's record (issue 22): courses and their enrolments are the offices' in their scope
	 * (another county's course 404 with a security event on pages and API, a volunteer outside the scope refused
	 * naming volunteerNumber, a sheet's row of another county's course or volunteer refused with its row number,
	 * nothing stored; other roles 403), a volunteer enrols only in a course of their region (another 404) and sees
	 * only their own and chooses only their own certificate lines; probed in {@code org.wenming.training.TrainingsTest}
	 * and {@code TrainingOnCertificatesTest}.
	 */
	static final Set<String> TRAINING = Set.of("GET /admin/training", "GET /admin/training/new",
			"POST /admin/training/new", "GET /admin/training/{id}", "GET /admin/training/{id}/edit",
			"POST /admin/training/{id}/edit", "POST /admin/training/{id}/cancel", "POST /admin/training/{id}/enrolments",
			"GET /admin/training/import", "POST /admin/training/import", "GET /api/v1/training/courses",
			"POST /api/v1/training/courses", "GET /api/v1/training/courses/{id}", "PUT /api/v1/training/courses/{id}",
			"POST /api/v1/training/courses/{id}/cancel", "GET /api/v1/training/courses/{id}/enrolments",
			"POST /api/v1/training/courses/{id}/enrolments", "GET /me/training", "POST /me/training/{id}/enrol",
			"GET /api/v1/me/training", "POST /api/v1/me/training/courses/{id}/enrolment", "POST /me/training/choice",
			"PUT /api/v1/me/training/choice");

	@Autowired
	MockMvc mvc;

	@Autowired
	org.wenming.platform.ObjectStores stores;

	long failedImport(long userId, String username, String path, String volunteerName) {
		long id = jdbc.sql("""
				insert into import_job (created_by_id, created_by, scope_path, file_name, locale, status, problem, rows_read,
				    errors_count, finished_at)
				values (:id, :username, :path, :file, 'zh-CN', 'FAILED', 'volunteer.import.failed', 1, 1, now()) returning id""")
			.param("id", userId).param("username", username).param("path", path).param("file", volunteerName + ".csv")
			.query(Long.class).single();
		org.wenming.platform.ObjectStore files = stores.area("imports", null);
		files.put(id + "/errors.csv", "\uFEFF行号,列,值,规则\n2,姓名,x,测试\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		files.put(id + "/upload", "姓名\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		jdbc.sql("update import_job set report_path = :report, upload_key = :upload where id = :id")
			.param("report", id + "/errors.csv").param("upload", id + "/upload").param("id", id).update();
		return id;
	}

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	Volunteers volunteers;

	@Autowired
	org.wenming.ledger.ServiceLedger ledger;

	/** Registers the fixture's volunteer as the city office would. */
	static final ScopedUser CITY_OFFICE = new ScopedUser() {

		public long userId() {
			return 1;
		}

		public String username() {
			return "fixture";
		}

		public String displayName() {
			return "fixture";
		}

		public DataScope scope() {
			return DataScope.EVERYTHING;
		}

		public Set<String> roles() {
			return Set.of(Roles.SYSTEM_ADMIN);
		}
	};

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	/** Records of 鼎湖区 (441203) that 端州区 must never reach. */
	record Fixture(long siteId, String siteName, long userId, String username, long teamId, String teamName,
			long applicationId, long secondApplicationId, String applicantName, long volunteerId, String volunteerName,
			long importJobId, long activityId, long shiftId, long firstSignupId, long secondSignupId,
			String volunteerNumber, long correctionId, long secondImportJobId) {

		/** Finds the user without being the username: search boxes echo what was searched. */
		String searchText() {
			return username.substring(0, username.length() - 2);
		}

		/** A prefix of the volunteer's name, for the same reason. */
		String volunteerSearch() {
			return volunteerName.substring(0, volunteerName.length() - 1);
		}
	}

	enum Shape {
		/** A list: allowed to answer, but never with the other county's record in it. */
		LIST,
		/** One record by id: not found (or forbidden) for the county, served for the city. */
		RECORD,
		/** Creating a record in the other county: refused for the county, done for the city. */
		CREATE
	}

	record Probe(String endpoint, Shape shape, Function<Fixture, MockHttpServletRequestBuilder> request) {
	}

	/** The check-in probes' shifts of 鼎湖区 (set before each test, like the fixture) and the first one's start in city time. */
	static long dinghuShift;

	static long dinghuSecondShift;

	static String dinghuShiftStart;

	/** Two Open311 keys, new before each test, for the revoke probes. */
	static long open311Key;

	static long open311SecondKey;

	static final List<Probe> SCOPED = List.of(
			// the insight cockpit: a region outside the scope is not found; the check is city-wide (403 for a county)
			new Probe("GET /admin/insight", Shape.RECORD, f -> get("/admin/insight").param("region", "441203")),
			new Probe("GET /admin/insight/export.xlsx", Shape.RECORD,
					f -> get("/admin/insight/export.xlsx").param("region", "441203")),
			new Probe("GET /admin/insight/export.pdf", Shape.RECORD,
					f -> get("/admin/insight/export.pdf").param("region", "441203")),
			new Probe("GET /api/v1/insight/cockpit", Shape.RECORD,
					f -> get("/api/v1/insight/cockpit").param("region", "441203")),
			new Probe("GET /admin/insight/check", Shape.RECORD, f -> get("/admin/insight/check")),
			new Probe("POST /admin/insight/check", Shape.RECORD, f -> post("/admin/insight/check").with(csrf())),
			// other cities' figures for the province rank: the city office only (403 for a county)
			new Probe("GET /admin/insight/province", Shape.RECORD, f -> get("/admin/insight/province")),
			new Probe("POST /admin/insight/province", Shape.RECORD, f -> post("/admin/insight/province").with(csrf())
				.param("city", "4401").param("year", "2024").param("volunteers", "100").param("hours", "1000")),
			new Probe("POST /admin/insight/province/import", Shape.RECORD, f -> uploading(post("/admin/insight/province/import"),
					new org.springframework.mock.web.MockMultipartFile("file", "p.csv", "text/csv",
							"city,year,volunteers,hours\n4402,2024,5,5\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
				.with(csrf())),
			// staff issue a volunteer's service certificate only inside their scope; the PDF shows the name
			new Probe("GET /admin/volunteers/{id}/certificate", Shape.RECORD,
					f -> get("/admin/volunteers/" + f.volunteerId() + "/certificate")),
			new Probe("POST /admin/volunteers/{id}/certificate", Shape.RECORD,
					f -> post("/admin/volunteers/" + f.volunteerId() + "/certificate").with(csrf())),
			new Probe("GET /admin/sites", Shape.LIST, f -> get("/admin/sites").param("region", "441203")),
			new Probe("GET /admin/sites/new", Shape.RECORD, f -> get("/admin/sites/new").param("region", "441203")),
			new Probe("POST /admin/sites/new", Shape.CREATE, f -> post("/admin/sites/new").with(csrf())
				.param("regionCode", "441203").param("kind", "POINT").param("name", "鼎湖新增点" + suffix())),
			new Probe("GET /admin/sites/{id}/edit", Shape.RECORD, f -> get("/admin/sites/" + f.siteId() + "/edit")),
			new Probe("POST /admin/sites/{id}/edit", Shape.RECORD, f -> post("/admin/sites/" + f.siteId() + "/edit")
				.with(csrf()).param("name", f.siteName()).param("address", "鼎湖区测试路1号")
				.param("version", "__version__")),
			new Probe("GET /api/v1/admin/sites", Shape.LIST, f -> get("/api/v1/admin/sites").param("region", "441203")),
			new Probe("GET /api/v1/admin/sites/{id}", Shape.RECORD, f -> get("/api/v1/admin/sites/" + f.siteId())),
			new Probe("POST /api/v1/admin/sites", Shape.CREATE, f -> post("/api/v1/admin/sites").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"regionCode\":\"441203\",\"kind\":\"POINT\",\"name\":\"鼎湖接口点" + suffix() + "\"}")),
			new Probe("PUT /api/v1/admin/sites/{id}", Shape.RECORD, f -> put("/api/v1/admin/sites/" + f.siteId())
				.with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"" + f.siteName() + "\",\"address\":\"鼎湖区测试路2号\",\"version\":__version__}")),
			new Probe("GET /admin/users", Shape.LIST, f -> get("/admin/users").param("q", f.searchText())),
			new Probe("POST /admin/users", Shape.CREATE, f -> post("/admin/users").with(csrf())
				.param("username", "dh-new-" + suffix()).param("displayName", "鼎湖新人")
				.param("password", "Dinghu-2026-pass").param("roles", Roles.OFFICE_STAFF).param("regionCode", "441203")
				.param("enabled", "true")),
			new Probe("GET /admin/users/{id}", Shape.RECORD, f -> get("/admin/users/" + f.userId())),
			new Probe("POST /admin/users/{id}", Shape.RECORD, f -> post("/admin/users/" + f.userId()).with(csrf())
				.param("displayName", "鼎湖改名").param("password", "").param("roles", Roles.OFFICE_STAFF)
				.param("regionCode", "441203").param("enabled", "true")),
			new Probe("GET /api/v1/admin/users", Shape.LIST, f -> get("/api/v1/admin/users").param("q", f.searchText())),
			new Probe("GET /api/v1/admin/users/{id}", Shape.RECORD, f -> get("/api/v1/admin/users/" + f.userId())),
			new Probe("POST /api/v1/admin/users", Shape.CREATE, f -> post("/api/v1/admin/users").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"username\":\"dh-api-" + suffix() + "\",\"displayName\":\"鼎湖接口\",\"password\":\"Dinghu-2026-pass\","
						+ "\"roles\":[\"OFFICE_STAFF\"],\"regionCode\":\"441203\",\"enabled\":true}")),
			new Probe("PUT /api/v1/admin/users/{id}", Shape.RECORD, f -> put("/api/v1/admin/users/" + f.userId())
				.with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"displayName\":\"鼎湖接口改名\",\"roles\":[\"OFFICE_STAFF\"],\"regionCode\":\"441203\",\"enabled\":true}")),
			new Probe("GET /admin/audit", Shape.LIST, f -> get("/admin/audit").param("type", "LOGIN_SUCCESS")),
			new Probe("GET /api/v1/admin/audit", Shape.LIST, f -> get("/api/v1/admin/audit").param("type", "LOGIN_SUCCESS")),
			new Probe("GET /admin/teams", Shape.LIST, f -> get("/admin/teams").param("region", "441203")),
			new Probe("GET /admin/teams/new", Shape.RECORD, f -> get("/admin/teams/new").param("region", "441203")),
			new Probe("POST /admin/teams/new", Shape.CREATE, f -> post("/admin/teams/new").with(csrf())
				.param("regionCode", "441203").param("level", "CORPS").param("type", "PRACTICE")
				.param("name", "鼎湖新队" + suffix())),
			new Probe("GET /admin/teams/{id}/edit", Shape.RECORD, f -> get("/admin/teams/" + f.teamId() + "/edit")),
			new Probe("POST /admin/teams/{id}/edit", Shape.RECORD, f -> post("/admin/teams/" + f.teamId() + "/edit")
				.with(csrf()).param("name", f.teamName()).param("type", "PRACTICE").param("description", "鼎湖队伍简介")
				.param("status", "ACTIVE").param("version", "__teamVersion__")),
			new Probe("GET /admin/teams/{id}/members", Shape.RECORD, f -> get("/admin/teams/" + f.teamId() + "/members")),
			new Probe("POST /admin/teams/{id}/members/{membershipId}/{action}", Shape.RECORD,
					f -> post("/admin/teams/" + f.teamId() + "/members/" + f.applicationId() + "/approve").with(csrf())),
			new Probe("POST /admin/teams/{id}/leaders", Shape.RECORD, f -> post("/admin/teams/" + f.teamId() + "/leaders")
				.with(csrf()).param("username", f.username())),
			new Probe("POST /admin/teams/{id}/leaders/{userId}/remove", Shape.RECORD,
					f -> post("/admin/teams/" + f.teamId() + "/leaders/" + f.userId() + "/remove").with(csrf())),
			new Probe("GET /api/v1/admin/teams", Shape.LIST, f -> get("/api/v1/admin/teams").param("region", "441203")),
			new Probe("GET /api/v1/admin/teams/{id}", Shape.RECORD, f -> get("/api/v1/admin/teams/" + f.teamId())),
			new Probe("POST /api/v1/admin/teams", Shape.CREATE, f -> post("/api/v1/admin/teams").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"regionCode\":\"441203\",\"level\":\"CORPS\",\"type\":\"YOUTH\",\"name\":\"鼎湖接口队" + suffix() + "\"}")),
			new Probe("PUT /api/v1/admin/teams/{id}", Shape.RECORD, f -> put("/api/v1/admin/teams/" + f.teamId())
				.with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"" + f.teamName() + "\",\"type\":\"PRACTICE\",\"description\":\"鼎湖接口简介\",\"version\":__teamVersion__}")),
			new Probe("GET /api/v1/admin/teams/{id}/members", Shape.RECORD,
					f -> get("/api/v1/admin/teams/" + f.teamId() + "/members")),
			new Probe("POST /api/v1/admin/teams/{id}/members/{membershipId}/{action}", Shape.RECORD,
					f -> post("/api/v1/admin/teams/" + f.teamId() + "/members/" + f.secondApplicationId() + "/decline")
						.with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"名额已满\"}")),
			new Probe("GET /admin/volunteers", Shape.LIST, f -> get("/admin/volunteers").param("q", f.volunteerSearch())),
			new Probe("POST /admin/volunteers/new", Shape.CREATE, f -> post("/admin/volunteers/new").with(csrf())
				.param("realName", TestVolunteers.name()).param("idType", "RESIDENT_ID")
				.param("idNumber", TestVolunteers.residentId("441203")).param("phone", TestVolunteers.mobile())
				.param("regionCode", "441203").param("consent", "true")),
			new Probe("GET /admin/volunteers/{id}", Shape.RECORD, f -> get("/admin/volunteers/" + f.volunteerId())),
			new Probe("POST /admin/volunteers/{id}/reveal", Shape.RECORD, f -> post("/admin/volunteers/"
				+ f.volunteerId() + "/reveal").with(csrf()).param("field", "PHONE").param("reason", "核实保险信息")),
			new Probe("GET /admin/personal-data-access", Shape.LIST, f -> get("/admin/personal-data-access")),
			new Probe("GET /api/v1/admin/volunteers", Shape.LIST, f -> get("/api/v1/admin/volunteers")
				.param("q", f.volunteerSearch())),
			new Probe("GET /api/v1/admin/volunteers/{id}", Shape.RECORD,
				f -> get("/api/v1/admin/volunteers/" + f.volunteerId())),
			new Probe("POST /api/v1/admin/volunteers", Shape.CREATE, f -> post("/api/v1/admin/volunteers").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"realName\":\"" + TestVolunteers.name() + "\",\"idType\":\"RESIDENT_ID\",\"idNumber\":\""
						+ TestVolunteers.residentId("441203") + "\",\"phone\":\"" + TestVolunteers.mobile()
						+ "\",\"regionCode\":\"441203\",\"consent\":true}")),
			new Probe("GET /admin/volunteers/export.csv", Shape.LIST, f -> get("/admin/volunteers/export.csv")
				.param("q", f.volunteerSearch())),
			new Probe("GET /admin/volunteers/export.xlsx", Shape.LIST, f -> get("/admin/volunteers/export.xlsx")
				.param("q", f.volunteerSearch())),
			new Probe("GET /admin/volunteers/import", Shape.LIST, f -> get("/admin/volunteers/import")),
			new Probe("GET /admin/volunteers/import/{jobId}", Shape.RECORD,
				f -> get("/admin/volunteers/import/" + f.importJobId())),
			new Probe("GET /admin/volunteers/import/{jobId}/errors.csv", Shape.RECORD,
				f -> get("/admin/volunteers/import/" + f.importJobId() + "/errors.csv")),
			new Probe("GET /api/v1/admin/volunteers/import/{jobId}", Shape.RECORD,
				f -> get("/api/v1/admin/volunteers/import/" + f.importJobId())),
			// run again: each on a job of its own (a job queued again cannot be queued twice)
			new Probe("POST /admin/volunteers/import/{jobId}/run-again", Shape.RECORD,
				f -> post("/admin/volunteers/import/" + f.secondImportJobId() + "/run-again").with(csrf())),
			new Probe("POST /api/v1/admin/volunteers/import/{jobId}/run-again", Shape.RECORD,
				f -> post("/api/v1/admin/volunteers/import/" + f.importJobId() + "/run-again").with(csrf())),
			new Probe("POST /api/v1/admin/volunteers/{id}/reveal", Shape.RECORD, f -> post("/api/v1/admin/volunteers/"
				+ f.volunteerId() + "/reveal").with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"field\":\"ID\",\"reason\":\"核实保险信息\"}")),
			// activities of 鼎湖区: edits first (a draft only), then the decisions, then publish and cancel
			new Probe("GET /admin/activities", Shape.LIST, f -> get("/admin/activities").param("region", "441203")
				.param("status", "DRAFT")),
			new Probe("GET /admin/activities/{id}", Shape.RECORD, f -> get("/admin/activities/" + f.activityId())),
			new Probe("GET /admin/activities/{id}/edit", Shape.RECORD, f -> get("/admin/activities/" + f.activityId() + "/edit")),
			new Probe("POST /admin/activities/{id}/edit", Shape.RECORD, f -> post("/admin/activities/" + f.activityId() + "/edit")
				.with(csrf()).param("version", "__activityVersion__").param("title", "鼎湖活动改名").param("type", "SERVICE")
				.param("organizerTeamId", String.valueOf(f.teamId())).param("address", "鼎湖区活动路1号")
				.param("regionCode", "441203").param("requiresApproval", "true")
				.param("shifts[0].startsAt", inDays(10, 9)).param("shifts[0].endsAt", inDays(10, 12))
				.param("shifts[0].capacity", "10")),
			new Probe("GET /api/v1/admin/activities", Shape.LIST, f -> get("/api/v1/admin/activities")
				.param("region", "441203").param("status", "DRAFT").param("size", "200")),
			new Probe("GET /api/v1/admin/activities/{id}", Shape.RECORD, f -> get("/api/v1/admin/activities/" + f.activityId())),
			new Probe("PUT /api/v1/admin/activities/{id}", Shape.RECORD, f -> put("/api/v1/admin/activities/" + f.activityId())
				.with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"鼎湖接口活动\",\"type\":\"SERVICE\",\"organizerTeamId\":" + f.teamId()
						+ ",\"address\":\"鼎湖区接口路\",\"regionCode\":\"441203\",\"requiresApproval\":true,\"version\":__activityVersion__,"
						+ "\"shifts\":[{\"startsAt\":\"" + inDays(10, 9) + "\",\"endsAt\":\"" + inDays(10, 12) + "\",\"capacity\":10}]}")),
			new Probe("GET /admin/activities/{id}/shifts/{shiftId}", Shape.RECORD,
					f -> get("/admin/activities/" + f.activityId() + "/shifts/" + f.shiftId())),
			new Probe("GET /api/v1/admin/activities/{id}/shifts/{shiftId}/signups", Shape.RECORD,
					f -> get("/api/v1/admin/activities/" + f.activityId() + "/shifts/" + f.shiftId() + "/signups")),
			new Probe("POST /admin/activities/{id}/signups/{signupId}/{action}", Shape.RECORD,
					f -> post("/admin/activities/" + f.activityId() + "/signups/" + f.firstSignupId() + "/approve").with(csrf())),
			new Probe("POST /api/v1/admin/activities/{id}/signups/{signupId}/{action}", Shape.RECORD,
					f -> post("/api/v1/admin/activities/" + f.activityId() + "/signups/" + f.secondSignupId() + "/decline")
						.with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"名额已满\"}")),
			new Probe("POST /admin/activities/new", Shape.CREATE, f -> post("/admin/activities/new").with(csrf())
				.param("title", "鼎湖新活动" + suffix()).param("type", "SERVICE").param("organizerTeamId", String.valueOf(f.teamId()))
				.param("address", "鼎湖区新路").param("regionCode", "441203").param("shifts[0].startsAt", inDays(12, 9))
				.param("shifts[0].endsAt", inDays(12, 11)).param("shifts[0].capacity", "5")),
			new Probe("POST /api/v1/admin/activities", Shape.CREATE, f -> post("/api/v1/admin/activities").with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"鼎湖接口新活动\",\"type\":\"SERVICE\",\"organizerTeamId\":" + f.teamId()
						+ ",\"address\":\"鼎湖区接口新路\",\"regionCode\":\"441203\","
						+ "\"shifts\":[{\"startsAt\":\"" + inDays(12, 9) + "\",\"endsAt\":\"" + inDays(12, 12) + "\",\"capacity\":5}]}")),
			new Probe("POST /admin/activities/{id}/{action}", Shape.RECORD,
					f -> post("/admin/activities/" + f.activityId() + "/publish").with(csrf())),
			new Probe("POST /api/v1/admin/activities/{id}/{action}", Shape.RECORD,
					f -> post("/api/v1/admin/activities/" + f.activityId() + "/cancel").with(csrf())
						.contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"场地另有安排\"}")),
			new Probe("GET /admin/lectures", Shape.LIST, f -> get("/admin/lectures")),
			// casework statistics: another county's figures are not found; publishing the city's lists is for the city
			new Probe("GET /admin/service/statistics", Shape.RECORD,
					f -> get("/admin/service/statistics").param("region", "441203")),
			new Probe("GET /admin/service/statistics.xlsx", Shape.RECORD,
					f -> get("/admin/service/statistics.xlsx").param("region", "441203")),
			new Probe("GET /api/v1/service/statistics", Shape.RECORD,
					f -> get("/api/v1/service/statistics").param("region", "441203")),
			new Probe("GET /admin/casework/statistics", Shape.RECORD,
					f -> get("/admin/casework/statistics").param("region", "441203")),
			new Probe("GET /admin/casework/statistics.xlsx", Shape.RECORD,
					f -> get("/admin/casework/statistics.xlsx").param("region", "441203")),
			new Probe("GET /admin/casework/statistics.pdf", Shape.RECORD,
					f -> get("/admin/casework/statistics.pdf").param("region", "441203")),
			new Probe("GET /api/v1/casework/statistics", Shape.RECORD,
					f -> get("/api/v1/casework/statistics").param("region", "441203")),
			new Probe("POST /admin/casework/rankings", Shape.CREATE, f -> post("/admin/casework/rankings").with(csrf())
				.param("from", "2020-01-06").param("to", "2020-01-12")),
			new Probe("GET /api/v1/admin/lectures/statistics", Shape.LIST, f -> get("/api/v1/admin/lectures/statistics")),
			// check-in: shifts of 鼎湖区 organized by its team, ended 10 minutes ago (staff entries before the confirmation)
			new Probe("GET /checkin/shifts/{shiftId}/code", Shape.RECORD, f -> get("/checkin/shifts/" + dinghuShift + "/code")),
			new Probe("GET /checkin/shifts/{shiftId}/code/qr", Shape.RECORD,
				f -> get("/checkin/shifts/" + dinghuShift + "/code/qr")),
			new Probe("GET /checkin/shifts/{shiftId}", Shape.RECORD, f -> get("/checkin/shifts/" + dinghuShift)),
			new Probe("GET /api/v1/checkin/shifts/{shiftId}/attendance", Shape.RECORD,
				f -> get("/api/v1/checkin/shifts/" + dinghuShift + "/attendance")),
			new Probe("POST /checkin/shifts/{shiftId}/staff", Shape.RECORD, f -> post("/checkin/shifts/" + dinghuShift
				+ "/staff").with(csrf()).param("volunteerId", String.valueOf(f.volunteerId())).param("action", "IN")
				.param("reason", "现场核实到岗情况").param("time", dinghuShiftStart)),
			new Probe("POST /api/v1/checkin/shifts/{shiftId}/attendance", Shape.RECORD,
				f -> post("/api/v1/checkin/shifts/" + dinghuShift + "/attendance").with(csrf())
					.contentType(MediaType.APPLICATION_JSON).content("{\"volunteerId\":" + f.volunteerId()
						+ ",\"action\":\"OUT\",\"reason\":\"现场核实离岗情况\"}")),
			new Probe("POST /checkin/shifts/{shiftId}/confirm", Shape.RECORD,
				f -> post("/checkin/shifts/" + dinghuShift + "/confirm").with(csrf())),
			new Probe("POST /api/v1/checkin/shifts/{shiftId}/confirmation", Shape.RECORD,
				f -> post("/api/v1/checkin/shifts/" + dinghuSecondShift + "/confirmation").with(csrf())),
			new Probe("GET /admin/ledger", Shape.LIST, f -> get("/admin/ledger")),
			new Probe("GET /api/v1/admin/ledger/records", Shape.LIST, f -> get("/api/v1/admin/ledger/records")
				.param("volunteer", f.volunteerNumber())),
			new Probe("POST /admin/ledger/records/new", Shape.CREATE, f -> post("/admin/ledger/records/new").with(csrf())
				.param("volunteerNumber", f.volunteerNumber()).param("organizationKind", "TEAM")
				.param("organizationId", String.valueOf(f.teamId())).param("activityType", "SERVICE")
				.param("activityTitle", "鼎湖纸质签到补记").param("day", ledgerDay()).param("start", "14:00")
				.param("end", "15:30").param("confirmedBy", "鼎湖队长")),
			new Probe("POST /api/v1/admin/ledger/records", Shape.CREATE, f -> post("/api/v1/admin/ledger/records")
				.with(csrf()).contentType(MediaType.APPLICATION_JSON)
				.content("{\"volunteerNumber\":\"" + f.volunteerNumber() + "\",\"organizationKind\":\"TEAM\","
						+ "\"organizationId\":\"" + f.teamId() + "\",\"activityTitle\":\"鼎湖接口补记\",\"day\":\""
						+ ledgerDay() + "\",\"start\":\"16:00\",\"end\":\"17:00\",\"confirmedBy\":\"鼎湖队长\"}")),
			new Probe("GET /admin/ledger/corrections", Shape.LIST, f -> get("/admin/ledger/corrections")),
			new Probe("POST /admin/ledger/corrections/{id}/{action}", Shape.RECORD,
					f -> post("/admin/ledger/corrections/" + f.correctionId() + "/approve").with(csrf())),
			// verification reads the whole chain: the city office and the system administrator only
			new Probe("GET /admin/ledger/verify", Shape.RECORD, f -> get("/admin/ledger/verify")),
			new Probe("POST /admin/ledger/verify", Shape.RECORD, f -> post("/admin/ledger/verify").with(csrf())),
			new Probe("GET /admin/ledger/verify/status", Shape.RECORD, f -> get("/admin/ledger/verify/status")),
			// signing a tree head: the city office (its city) and the system administrator only
			new Probe("POST /admin/ledger/verify/heads", Shape.RECORD, f -> post("/admin/ledger/verify/heads").with(csrf())),
			// Open311 keys open the whole city's intake: the city office and the system administrator only
			new Probe("GET /admin/open311/keys", Shape.RECORD, f -> get("/admin/open311/keys")),
			new Probe("POST /admin/open311/keys", Shape.CREATE, f -> post("/admin/open311/keys").with(csrf())
				.param("name", "鼎湖接口系统" + suffix())),
			new Probe("POST /admin/open311/keys/{id}/revoke", Shape.RECORD,
					f -> post("/admin/open311/keys/" + open311Key + "/revoke").with(csrf())),
			new Probe("GET /api/v1/admin/open311/keys", Shape.RECORD, f -> get("/api/v1/admin/open311/keys")),
			new Probe("POST /api/v1/admin/open311/keys", Shape.CREATE, f -> post("/api/v1/admin/open311/keys")
				.with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"鼎湖接口" + suffix() + "\"}")),
			new Probe("POST /api/v1/admin/open311/keys/{id}/revoke", Shape.RECORD,
					f -> post("/api/v1/admin/open311/keys/" + open311SecondKey + "/revoke").with(csrf())));

	/** A local date-time some days ahead, as a form's datetime-local sends it. */
	static String inDays(int days, int hour) {
		return java.time.LocalDate.now(org.wenming.shared.CityTime.ZONE).plusDays(days).atTime(hour, 0).toString();
	}

	/** Yesterday in the city: a day the ledger accepts records and corrections for. */
	static String ledgerDay() {
		return java.time.LocalDate.now(org.wenming.shared.CityTime.ZONE).minusDays(1).toString();
	}

	Fixture dinghu;

	@BeforeEach
	void dinghuHasASiteAUserAndAnAuditEvent() {
		String suffix = suffix();
		String path = regions.find("441203").orElseThrow().path();
		String siteName = "鼎湖范围测试点" + suffix;
		long siteId = jdbc.sql("""
				insert into practice_site (region_code, region_path, kind, name, generated, updated_by)
				values ('441203', :path, 'POINT', :name, false, 'test') returning id""")
			.param("path", path).param("name", siteName).query(Long.class).single();
		String username = "dh-scope-" + suffix;
		long userId = jdbc.sql("""
				insert into app_user (username, display_name, password_hash, region_code)
				values (:username, '鼎湖工作人员', '{noop}not-used', '441203') returning id""")
			.param("username", username).query(Long.class).single();
		jdbc.sql("insert into user_role (user_id, role) values (:id, 'OFFICE_STAFF')").param("id", userId).update();
		jdbc.sql("""
				insert into security_event (occurred_at, type, actor_user_id, actor_username, actor_region_path, ip, outcome)
				values (now(), 'LOGIN_SUCCESS', :id, :username, :path, '127.0.0.1', 'SUCCESS')""")
			.param("id", userId).param("username", username).param("path", path).update();
		String teamName = "鼎湖范围测试队" + suffix;
		long teamId = jdbc.sql("""
				insert into team (name, level, type, region_code, region_path, updated_by)
				values (:name, 'CORPS', 'PRACTICE', '441203', :path, 'test') returning id""")
			.param("name", teamName).param("path", path).query(Long.class).single();
		String applicantName = "鼎湖志愿者" + suffix;
		long first = application(teamId, volunteer(applicantName, path));
		long second = application(teamId, volunteer(applicantName + "乙", path));
		String volunteerName = TestVolunteers.name();
		org.wenming.volunteer.Volunteer registered = volunteers.registerByStaff(TestVolunteers.draft(volunteerName,
				TestVolunteers.residentId("441203"), TestVolunteers.mobile(), "441203"), CITY_OFFICE);
		long volunteerId = registered.id();
		// a ledger record of the 鼎湖 team for the volunteer, and their open request to add a missing one
		ledger.recordManual(new org.wenming.ledger.ManualRecordDraft(registered.volunteerNumber(),
				org.wenming.ledger.ManualRecordDraft.OrganizationKind.TEAM, teamId, "SERVICE", "鼎湖范围服务",
				java.time.LocalDate.parse(ledgerDay()), java.time.LocalTime.of(9, 0), java.time.LocalTime.of(11, 0),
				"鼎湖队长"), CITY_OFFICE);
		java.time.OffsetDateTime missingStart = java.time.LocalDate.parse(ledgerDay()).atTime(19, 0)
			.atZone(org.wenming.shared.CityTime.ZONE).toOffsetDateTime();
		long correctionId = jdbc.sql("""
				insert into correction_request (volunteer_id, activity_title, started_at, ended_at, hours, reason,
				    region_path, organization_kind, organization_id, organization_name, activity_type)
				values (:volunteer, '鼎湖漏记服务', :start, :end, 1.0, '签到表漏记了我', :path, 'TEAM', :team, :teamName,
				    'SERVICE') returning id""")
			.param("volunteer", volunteerId).param("start", missingStart).param("end", missingStart.plusHours(1))
			.param("path", path).param("team", teamId).param("teamName", teamName).query(Long.class).single();
		// a reveal by the 鼎湖 staff member, so the access records of 鼎湖 have an entry naming them
		jdbc.sql("""
				insert into personal_data_access (actor_user_id, actor_username, volunteer_id, volunteer_region_path,
				    field, reason, outcome)
				values (:id, :username, :volunteer, :path, 'PHONE', '测试查阅记录', 'GRANTED')""")
			.param("id", userId).param("username", username).param("volunteer", volunteerId).param("path", path)
			.update();
		// two import jobs of the 鼎湖 office that failed, each with an error report and its upload kept in the
		// object store (so they can run again), named after the volunteer so lists show them
		long importJobId = failedImport(userId, username, path, volunteerName);
		long secondImportJobId = failedImport(userId, username, path, volunteerName);
		// a draft activity of the 鼎湖 team needing approval, with two pending sign-ups, and a finished lecture
		long activityId = jdbc.sql("""
				insert into activity (title, type, organizer_team_id, address, region_code, region_path, requires_approval,
				    created_by, starts_at, ends_at)
				values ('鼎湖范围测试活动', 'SERVICE', :team, '鼎湖区活动路', '441203', :path, true, :username,
				    now() + interval '10 days', now() + interval '10 days 3 hours') returning id""")
			.param("team", teamId).param("path", path).param("username", username).query(Long.class).single();
		long shiftId = jdbc.sql("""
				insert into shift (activity_id, starts_at, ends_at, capacity)
				values (:a, now() + interval '10 days', now() + interval '10 days 3 hours', 10) returning id""")
			.param("a", activityId).query(Long.class).single();
		long firstSignup = signup(shiftId, volunteer(applicantName + "丙", path));
		long secondSignup = signup(shiftId, volunteer(applicantName + "丁", path));
		jdbc.sql("""
				insert into activity (title, type, lecture_setting, lecture_team_id, organizer_team_id, address, region_code,
				    region_path, status, audience_count, created_by, starts_at, ends_at, finished_at)
				values ('鼎湖宣讲', 'LECTURE', 'VILLAGE', :team, :team, '鼎湖区某村', '441203', :path, 'FINISHED', 80, :username,
				    now() - interval '2 hours', now() - interval '1 hour', now())""")
			.param("team", teamId).param("path", path).param("username", username).update();
		dinghu = new Fixture(siteId, siteName, userId, username, teamId, teamName, first, second, applicantName,
				volunteerId, volunteerName, importJobId, activityId, shiftId, firstSignup, secondSignup,
				registered.volunteerNumber(), correctionId, secondImportJobId);
		// two shifts of the 鼎湖 team that ended 10 minutes ago, with the fixture's volunteer confirmed on the first
		long checkinActivityId = jdbc.sql("""
				insert into activity (title, type, organizer_team_id, address, region_code, region_path, status, created_by)
				values (:title, 'SERVICE', :team, '鼎湖区测试路3号', '441203', :path, 'PUBLISHED', 'test') returning id""")
			.param("title", "鼎湖签到测试" + suffix).param("team", teamId).param("path", path).query(Long.class).single();
		java.time.Instant shiftStart = java.time.Instant.now().minus(java.time.Duration.ofMinutes(130))
			.truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
		String shiftSql = """
				insert into shift (activity_id, starts_at, ends_at, capacity, confirmed_count)
				values (:activity, :start, :end, 10, 1) returning id""";
		java.sql.Timestamp shiftEnd = java.sql.Timestamp.from(shiftStart.plus(java.time.Duration.ofHours(2)));
		dinghuShift = jdbc.sql(shiftSql).param("activity", checkinActivityId).param("start", java.sql.Timestamp.from(shiftStart))
			.param("end", shiftEnd).query(Long.class).single();
		dinghuSecondShift = jdbc.sql(shiftSql).param("activity", checkinActivityId)
			.param("start", java.sql.Timestamp.from(shiftStart)).param("end", shiftEnd).query(Long.class).single();
		jdbc.sql("insert into signup (shift_id, volunteer_id, status, shift_day) select :shift, :volunteer, 'CONFIRMED', starts_on from shift where id = :shift")
			.param("shift", dinghuShift).param("volunteer", volunteerId).update();
		dinghuShiftStart = java.time.LocalDateTime.ofInstant(shiftStart, org.wenming.shared.CityTime.ZONE).toString();
		String keySql = """
				insert into open311_api_key (name, key_hash, key_prefix, created_by)
				values ('范围测试密钥', decode(md5(random()::text) || md5(random()::text), 'hex'), 'probe', 'test') returning id""";
		open311Key = jdbc.sql(keySql).query(Long.class).single();
		open311SecondKey = jdbc.sql(keySql).query(Long.class).single();
	}

	private long volunteer(String name, String path) {
		return jdbc.sql("""
				insert into volunteer (volunteer_number, real_name, name_initials, id_type, id_number_cipher, id_number_hash,
				    id_number_masked, phone_cipher, phone_hash, phone_masked, phone_last4, key_id, gender, birth_date,
				    region_code, region_path, consent_version, consent_at, registered_by)
				values (:number, :name, 'dh', 'RESIDENT_ID', '\\x00'::bytea, :hash, '4412**********0000', '\\x00'::bytea,
				    '\\x00'::bytea, '138****0000', '0000', 'k1', 'F', date '1990-01-01', '441203', :path, 'v1', now(), 'test')
				returning id""")
			.param("number", "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 15)).param("name", name)
			.param("hash", UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))
			.param("path", path).query(Long.class).single();
	}

	private long signup(long shiftId, long volunteerId) {
		return jdbc.sql("insert into signup (shift_id, volunteer_id, status, shift_day) select :shift, :volunteer, 'PENDING', starts_on from shift where id = :shift returning id")
			.param("shift", shiftId).param("volunteer", volunteerId).query(Long.class).single();
	}

	private long application(long teamId, long volunteerId) {
		return jdbc.sql("insert into team_member (team_id, volunteer_id, status) values (:team, :volunteer, 'APPLIED') returning id")
			.param("team", teamId).param("volunteer", volunteerId).query(Long.class).single();
	}

	@Test
	void everyEndpointIsClassified() {
		Set<String> mapped = new TreeSet<>();
		for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
			Set<String> methods = new TreeSet<>();
			info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
			if (methods.isEmpty()) {
				methods.add("ANY");
			}
			for (String method : methods) {
				for (String pattern : info.getPatternValues()) {
					mapped.add(method + " " + pattern);
				}
			}
		}
		Set<String> classified = new TreeSet<>(PUBLIC);
		classified.addAll(OWN);
		classified.addAll(CASEWORK);
		classified.addAll(ASSESSMENT_FRAMEWORKS);
		classified.addAll(ASSESSMENT_ROUND);
		classified.addAll(ASSESSMENT_SCORES);
		classified.addAll(ASSESSMENT_INSPECT);
		classified.addAll(NOTIFICATIONS);
		classified.addAll(SERVICE_MENU);
		classified.addAll(SERVICEDESK_DISPATCH);
		classified.addAll(SERVICEDESK_SERVICE);
		classified.addAll(HONOR_NOMINATIONS);
		classified.addAll(HONOR_BRANDS_PUBLIC);
		classified.addAll(HONOR_CARE_BRANDS);
		classified.addAll(HONOR_NOTICE_PUBLIC);
		classified.addAll(HONOR_NOTICE_STAFF);
		classified.addAll(HONOR_ROLL);
		classified.addAll(HONOR_STAFF_API);
		classified.addAll(PORTAL_SEARCH);
		classified.addAll(LEDGER_TRANSPARENCY);
		classified.addAll(CATALOGUE_PUBLIC);
		classified.addAll(CATALOGUE_STAFF);
		classified.addAll(NEWSROOM_PUBLIC);
		classified.addAll(NEWSROOM_STAFF);
		classified.addAll(VOLUNTEER_RECORD);
		classified.addAll(RECORD_TRANSFER);
		classified.addAll(TRAINING);
		SCOPED.forEach(p -> classified.add(p.endpoint()));
		assertThat(classified).as("every endpoint of the application, classified").isEqualTo(mapped);
	}

	@Test
	void aCountyOfficeCannotReachAnotherCountysRecords() throws Exception {
		RequestPostProcessor duanzhou = new TestUsers(regions).staff("441202", Roles.OFFICE_STAFF);
		Map<String, Object> siteBefore = siteRow();
		Map<String, Object> userBefore = userRow();
		Map<String, Object> teamBefore = teamRow();
		List<Map<String, Object>> membersBefore = memberRows();
		long teamsBefore = count("team");
		long leadersBefore = count("team_leader");
		long sitesBefore = count("practice_site");
		long usersBefore = count("app_user");
		long volunteersBefore = count("volunteer");
		long accessBefore = count("personal_data_access where outcome = 'GRANTED'");
		Map<String, Object> activityBefore = activityRow();
		List<Map<String, Object>> signupsBefore = signupRows();
		long activitiesBefore = count("activity");
		long ledgerBefore = count("service_record where activity_title like '鼎湖%'");
		long openCorrectionsBefore = count("correction_request where status = 'OPEN'");
		List<String> failures = new ArrayList<>();
		for (Probe probe : SCOPED) {
			MvcResult result = mvc.perform(request(probe).with(duanzhou)).andReturn();
			int status = result.getResponse().getStatus();
			String body = body(result);
			boolean leaks = body.contains(dinghu.siteName()) || body.contains(dinghu.username())
					|| body.contains(dinghu.teamName()) || body.contains(dinghu.applicantName())
					|| body.contains(dinghu.volunteerName());
			boolean refused = switch (probe.shape()) {
				case LIST -> status == 200 || status == 403;
				case RECORD -> status == 403 || status == 404;
				case CREATE -> status == 400 || status == 403;
			};
			if (!refused || leaks) {
				failures.add(probe.endpoint() + " answered " + status + (leaks ? " with 鼎湖区 data" : ""));
			}
		}
		assertThat(failures).isEmpty();
		assertThat(siteRow()).isEqualTo(siteBefore);
		assertThat(userRow()).isEqualTo(userBefore);
		assertThat(count("practice_site")).isEqualTo(sitesBefore);
		assertThat(count("app_user")).isEqualTo(usersBefore);
		assertThat(teamRow()).isEqualTo(teamBefore);
		assertThat(memberRows()).isEqualTo(membersBefore);
		assertThat(count("team")).isEqualTo(teamsBefore);
		assertThat(count("team_leader")).isEqualTo(leadersBefore);
		assertThat(count("volunteer")).isEqualTo(volunteersBefore);
		assertThat(count("personal_data_access where outcome = 'GRANTED'")).isEqualTo(accessBefore);
		assertThat(activityRow()).isEqualTo(activityBefore);
		assertThat(signupRows()).isEqualTo(signupsBefore);
		assertThat(count("activity")).isEqualTo(activitiesBefore);
		assertThat(count("service_record where activity_title like '鼎湖%'")).isEqualTo(ledgerBefore);
		assertThat(count("correction_request where status = 'OPEN'")).isEqualTo(openCorrectionsBefore);
	}

	@Test
	void theCityOfficeReachesEveryCounty() throws Exception {
		RequestPostProcessor zhaoqing = new TestUsers(regions).staff("4412", Roles.OFFICE_STAFF);
		List<String> failures = new ArrayList<>();
		for (Probe probe : SCOPED) {
			MvcResult result = mvc.perform(request(probe).with(zhaoqing)).andReturn();
			int status = result.getResponse().getStatus();
			String body = body(result);
			boolean served = status >= 200 && status < 400;
			if (probe.shape() == Shape.LIST && !(body.contains(dinghu.siteName()) || body.contains(dinghu.username())
					|| body.contains(dinghu.teamName()) || body.contains(dinghu.volunteerName()))) {
				served = false;
			}
			if (!served) {
				failures.add(probe.endpoint() + " answered " + status);
			}
		}
		assertThat(failures).isEmpty();
		assertThat(jdbc.sql("select address from practice_site where id = :id").param("id", dinghu.siteId())
			.query(String.class).single()).isEqualTo("鼎湖区测试路2号");
		assertThat(jdbc.sql("select display_name from app_user where id = :id").param("id", dinghu.userId())
			.query(String.class).single()).isEqualTo("鼎湖接口改名");
		assertThat(jdbc.sql("select description from team where id = :id").param("id", dinghu.teamId())
			.query(String.class).single()).isEqualTo("鼎湖接口简介");
		assertThat(jdbc.sql("select status from team_member where id = :id").param("id", dinghu.applicationId())
			.query(String.class).single()).isEqualTo("MEMBER");
		assertThat(jdbc.sql("select status from team_member where id = :id").param("id", dinghu.secondApplicationId())
			.query(String.class).single()).isEqualTo("DECLINED");
		assertThat(activityRow()).containsEntry("status", "CANCELLED").containsEntry("title", "鼎湖接口活动");
		assertThat(signupRows()).extracting(r -> r.get("status")).containsExactly("CANCELLED", "DECLINED");
	}

	/** The response as text; a workbook (an export) inflated, with its character references decoded. */
	private static String body(MvcResult result) throws Exception {
		String type = result.getResponse().getContentType();
		if (type == null || !type.startsWith("application/vnd.openxmlformats")) {
			return result.getResponse().getContentAsString();
		}
		java.nio.file.Path file = java.nio.file.Files.createTempFile("probe", ".xlsx");
		try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(
				java.nio.file.Files.write(file, result.getResponse().getContentAsByteArray()).toFile())) {
			StringBuilder text = new StringBuilder();
			for (java.util.zip.ZipEntry entry : java.util.Collections.list(zip.entries())) {
				text.append(new String(zip.getInputStream(entry).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
			}
			return java.util.regex.Pattern.compile("&#x([0-9a-fA-F]+);").matcher(text)
				.replaceAll(m -> new String(Character.toChars(Integer.parseInt(m.group(1), 16))));
		}
		finally {
			java.nio.file.Files.delete(file);
		}
	}

	/** A POST carrying a file as multipart/form-data, in the builder type the probes use. */
	static MockHttpServletRequestBuilder uploading(MockHttpServletRequestBuilder builder,
			org.springframework.mock.web.MockMultipartFile file) {
		return builder.with(r -> {
			var multipart = new org.springframework.mock.web.MockMultipartHttpServletRequest(r.getServletContext());
			multipart.setMethod(r.getMethod());
			multipart.setRequestURI(r.getRequestURI());
			multipart.setServletPath(r.getServletPath());
			multipart.setContextPath(r.getContextPath());
			multipart.setPathInfo(r.getPathInfo());
			multipart.setContentType("multipart/form-data");
			multipart.addFile(file);
			return multipart;
		});
	}

	/** The probe's request, with the site's current version filled in where an edit needs it. */
	private MockHttpServletRequestBuilder request(Probe probe) {
		String version = String.valueOf(jdbc.sql("select version from practice_site where id = :id")
			.param("id", dinghu.siteId()).query(Integer.class).single());
		String teamVersion = String.valueOf(jdbc.sql("select version from team where id = :id")
			.param("id", dinghu.teamId()).query(Integer.class).single());
		String activityVersion = String.valueOf(jdbc.sql("select version from activity where id = :id")
			.param("id", dinghu.activityId()).query(Integer.class).single());
		MockHttpServletRequestBuilder request = probe.request().apply(dinghu);
		return request.with(r -> {
			if ("__version__".equals(r.getParameter("version"))) {
				r.setParameter("version", version);
			}
			if ("__teamVersion__".equals(r.getParameter("version"))) {
				r.setParameter("version", teamVersion);
			}
			if ("__activityVersion__".equals(r.getParameter("version"))) {
				r.setParameter("version", activityVersion);
			}
			if (r.getContentAsByteArray() != null) {
				String body = new String(r.getContentAsByteArray(), java.nio.charset.StandardCharsets.UTF_8);
				if (body.contains("__version__") || body.contains("__teamVersion__") || body.contains("__activityVersion__")) {
					r.setContent(body.replace("__version__", version).replace("__teamVersion__", teamVersion)
						.replace("__activityVersion__", activityVersion)
						.getBytes(java.nio.charset.StandardCharsets.UTF_8));
				}
			}
			return r;
		});
	}

	private Map<String, Object> siteRow() {
		return jdbc.sql("select * from practice_site where id = :id").param("id", dinghu.siteId()).query().singleRow();
	}

	private Map<String, Object> userRow() {
		return jdbc.sql("select * from app_user where id = :id").param("id", dinghu.userId()).query().singleRow();
	}

	private Map<String, Object> teamRow() {
		return jdbc.sql("select * from team where id = :id").param("id", dinghu.teamId()).query().singleRow();
	}

	private List<Map<String, Object>> memberRows() {
		return jdbc.sql("select * from team_member where team_id = :id order by id").param("id", dinghu.teamId())
			.query().listOfRows();
	}

	private Map<String, Object> activityRow() {
		return jdbc.sql("select * from activity where id = :id").param("id", dinghu.activityId()).query().singleRow();
	}

	private List<Map<String, Object>> signupRows() {
		return jdbc.sql("select * from signup where shift_id in (select id from shift where activity_id = :id) order by id")
			.param("id", dinghu.activityId()).query().listOfRows();
	}

	private long count(String table) {
		return jdbc.sql("select count(*) from " + table).query(Long.class).single();
	}

	private static String suffix() {
		return UUID.randomUUID().toString().substring(0, 8);
	}
}

package org.wenming.browser;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every page of Wenming (a GET route answering HTML inside the layout) and the role the accessibility
 * test opens it as; and every other GET route, with why it is not a page. A new route goes in one of
 * the two lists, or {@link PageInventoryTest} fails. {@code {name}} in a path is a row the test makes
 * ({@link EveryPageBrowserTest#rows}).
 */
final class PageInventory {

	/** Who opens the page: the least-privileged role that reaches it (the workbench: every role). */
	enum As {
		ANONYMOUS, VOLUNTEER, TEAM_LEADER, SITE_ADMIN, OFFICE_STAFF, UNIT_HANDLER, INSPECTOR, SYSTEM_ADMIN
	}

	/**
	 * @param route the controller's mapping, with the test's row names in braces
	 * @param as who opens it
	 * @param visit the address opened when it is not the route itself (a query, a page reached by an error)
	 * @param status the status the page answers with
	 */
	record Page(String route, As as, String visit, int status) {

		String address(Map<String, String> rows) {
			Matcher m = Pattern.compile("\\{(\\w+)}").matcher(visit == null ? route : visit);
			StringBuilder out = new StringBuilder();
			while (m.find()) {
				String value = rows.get(m.group(1));
				if (value == null) {
					throw new IllegalStateException("no row made for {" + m.group(1) + "} of " + route);
				}
				m.appendReplacement(out, Matcher.quoteReplacement(value));
			}
			return m.appendTail(out).toString();
		}
	}

	private static Page page(String route, As as) {
		return new Page(route, as, null, 200);
	}

	static final List<Page> PAGES = List.of(
			// anyone
			page("/", As.ANONYMOUS),
			page("/login", As.ANONYMOUS),
			page("/volunteers/register", As.ANONYMOUS),
			page("/sites", As.ANONYMOUS),
			page("/sites/{site}", As.ANONYMOUS),
			page("/teams", As.ANONYMOUS),
			page("/teams/{team}", As.ANONYMOUS),
			page("/activities", As.ANONYMOUS),
			page("/activities/{activity}", As.ANONYMOUS),
			page("/cases/report", As.ANONYMOUS),
			page("/cases/follow/{follow}", As.ANONYMOUS),
			page("/casework/rankings", As.ANONYMOUS),
			page("/casework/rankings/{ranking}", As.ANONYMOUS),
			page("/dashboard", As.ANONYMOUS),
			// honours: the public roll and an entry
			page("/honor", As.ANONYMOUS),
			page("/honor/entries/{honorEntry}", As.ANONYMOUS),
			page("/certificates", As.ANONYMOUS),
			page("/certificates/{certificate}", As.ANONYMOUS),
			// the ledger's transparency log: key, newest heads, how to witness
			page("/ledger/transparency", As.ANONYMOUS),
			// honours' public notice and an objector's private link
			page("/honor/notice", As.ANONYMOUS),
			page("/honor/notice/{noticeNominee}", As.ANONYMOUS),
			page("/honor/objections/{honorObjection}", As.ANONYMOUS),
			// the search over everything public, with a query that finds sites and teams of the test city
			new Page("/search", As.ANONYMOUS, "/search?q=%E5%AE%9E%E8%B7%B5", 200),
			// the site map for people (the home page is the first of the list)
			page("/sitemap", As.ANONYMOUS),
			// the service desk: menus by village, a site's menu
			new Page("/service", As.ANONYMOUS, "/service?region=441202001002", 200),
			page("/service/sites/{site}", As.ANONYMOUS),
			page("/service/follow/{serviceFollow}", As.ANONYMOUS),
			page("/service/order", As.ANONYMOUS),
			// honours: the nominator's follow link and the nominee's consent link
			page("/honor/follow/{honorFollow}", As.ANONYMOUS),
			page("/honor/consent/{honorConsent}", As.ANONYMOUS),
			page("/honor/brands", As.ANONYMOUS),
			// the government-service catalogue: the search and one item
			page("/services", As.ANONYMOUS),
			page("/services/{catalogueItem}", As.ANONYMOUS),
			new Page("/error", As.ANONYMOUS, "/activities/999999999", 404),
			// every signed-in role: the workbench differs by role
			page("/admin", As.VOLUNTEER),
			page("/admin", As.TEAM_LEADER),
			page("/admin", As.SITE_ADMIN),
			page("/admin", As.OFFICE_STAFF),
			page("/admin", As.UNIT_HANDLER),
			page("/admin", As.INSPECTOR),
			page("/admin", As.SYSTEM_ADMIN),
			// the notification outbox: notices belong to no region, so system administrators only
			page("/admin/notifications", As.SYSTEM_ADMIN),
			// the service desk's dispatch desk: the queue of the sites in the staff member's scope
			page("/admin/service/queue", As.SITE_ADMIN),
			page("/admin/service/queue", As.OFFICE_STAFF),
			// the service desk's statistics (staff in scope)
			page("/admin/service/statistics", As.OFFICE_STAFF),
			// the service desk's follow-ups of poor ratings (site staff) and a team leader's dispatched orders
			page("/admin/service/followups", As.SITE_ADMIN),
			page("/admin/service/team-orders", As.TEAM_LEADER),
			// one order for staff in scope: its history, photos and the reveal form
			page("/admin/service/orders/{serviceOrder}", As.SITE_ADMIN),
			page("/account/password", As.VOLUNTEER),
			// honours: the nomination form (signed in)
			page("/honor/nominate", As.VOLUNTEER),
			// the inspector's phone
			page("/inspect", As.INSPECTOR),
			page("/inspect/rounds/{openRound}", As.INSPECTOR),
			page("/inspect/rounds/{openRound}/places/{inspectedPlace}", As.INSPECTOR),
			// the volunteer
			page("/me/volunteer", As.VOLUNTEER),
			page("/me/teams", As.VOLUNTEER),
			page("/me/activities", As.VOLUNTEER),
			page("/me/hours", As.VOLUNTEER),
			page("/me/hours/corrections/new", As.VOLUNTEER),
			page("/me/certificates", As.VOLUNTEER),
			// the volunteer's record: commendations (with the certificate choice), ratings and complaints (with the response form)
			page("/me/commendations", As.VOLUNTEER),
			page("/me/complaints", As.VOLUNTEER),
			// record transfer: the volunteer's figures and the download of their whole record
			page("/me/record", As.VOLUNTEER),
			// the volunteer's training: completed courses, qualifications with expiry, courses to enrol in
			page("/me/training", As.VOLUNTEER),
			// the organizer's ratings of a shift's attendees
			page("/admin/shifts/{shift}/ratings", As.TEAM_LEADER),
			page("/me/cases", As.VOLUNTEER),
			page("/me/service-orders", As.VOLUNTEER),
			page("/me/cases/{caseNumber}", As.VOLUNTEER),
			page("/me/orders", As.VOLUNTEER),
			page("/me/orders/{serviceOrderNumber}", As.VOLUNTEER),
			new Page("/checkin", As.VOLUNTEER, "/checkin?t={checkinToken}", 200),
			// the team leader
			page("/admin/volunteers", As.TEAM_LEADER),
			page("/admin/volunteers/{volunteer}", As.TEAM_LEADER),
			page("/admin/teams", As.TEAM_LEADER),
			page("/admin/teams/{team}/edit", As.TEAM_LEADER),
			page("/admin/teams/{team}/members", As.TEAM_LEADER),
			page("/admin/activities", As.TEAM_LEADER),
			page("/admin/activities/new", As.TEAM_LEADER),
			page("/admin/activities/{activity}", As.TEAM_LEADER),
			page("/admin/activities/{activity}/edit", As.TEAM_LEADER),
			page("/admin/activities/{activity}/shifts/{shift}", As.TEAM_LEADER),
			page("/checkin/shifts/{shift}/code", As.TEAM_LEADER),
			page("/checkin/shifts/{shift}", As.TEAM_LEADER),
			// the practice-site administrator
			page("/admin/sites", As.SITE_ADMIN),
			page("/admin/sites/new", As.SITE_ADMIN),
			page("/admin/sites/{site}/edit", As.SITE_ADMIN),
			page("/admin/service/menu", As.SITE_ADMIN),
			new Page("/admin/service/menu/new", As.SITE_ADMIN, "/admin/service/menu/new?site={site}", 200),
			page("/admin/service/menu/{menuItem}/edit", As.SITE_ADMIN),
			page("/admin/lectures", As.SITE_ADMIN),
			page("/admin/volunteers/new", As.SITE_ADMIN),
			// the city's civilization office
			page("/admin/users", As.OFFICE_STAFF),
			page("/admin/users/new", As.OFFICE_STAFF),
			page("/admin/users/{user}", As.OFFICE_STAFF),
			page("/admin/audit", As.OFFICE_STAFF),
			page("/admin/teams/new", As.OFFICE_STAFF),
			page("/admin/personal-data-access", As.OFFICE_STAFF),
			page("/admin/volunteers/import", As.OFFICE_STAFF),
			page("/admin/volunteers/import/{importJob}", As.OFFICE_STAFF),
			page("/admin/volunteers/{volunteer}/certificate", As.OFFICE_STAFF),
			page("/admin/ledger", As.OFFICE_STAFF),
			page("/admin/ledger/records/new", As.OFFICE_STAFF),
			page("/admin/ledger/corrections", As.OFFICE_STAFF),
			page("/admin/ledger/verify", As.OFFICE_STAFF),
			page("/admin/cases", As.OFFICE_STAFF),
			page("/admin/cases/supervision", As.OFFICE_STAFF),
			page("/admin/cases/new", As.OFFICE_STAFF),
			page("/admin/cases/{case}", As.OFFICE_STAFF),
			page("/admin/casework/categories", As.OFFICE_STAFF),
			page("/admin/casework/units", As.OFFICE_STAFF),
			page("/admin/casework/calendar", As.OFFICE_STAFF),
			page("/admin/casework/statistics", As.OFFICE_STAFF),
			page("/admin/open311/keys", As.OFFICE_STAFF),
			page("/admin/honor/vetting", As.OFFICE_STAFF),
			page("/admin/honor/vetting/{honorNomination}", As.OFFICE_STAFF),
			page("/admin/honor/notices", As.OFFICE_STAFF),
			page("/admin/honor/roll", As.OFFICE_STAFF),
			page("/admin/insight", As.OFFICE_STAFF),
			page("/admin/insight/province", As.OFFICE_STAFF),
			page("/admin/insight/check", As.OFFICE_STAFF),
			page("/admin/assessment/frameworks", As.OFFICE_STAFF),
			page("/admin/assessment/frameworks/{framework}", As.OFFICE_STAFF),
			page("/admin/assessment/frameworks/{draftFramework}", As.OFFICE_STAFF),
			page("/admin/assessment/frameworks/{draftFramework}/criteria/new", As.OFFICE_STAFF),
			page("/admin/assessment/frameworks/{draftFramework}/criteria/{criterion}", As.OFFICE_STAFF),
			page("/admin/assessment/frameworks/{draftFramework}/publish", As.OFFICE_STAFF),
			page("/admin/assessment/places", As.OFFICE_STAFF),
			page("/admin/assessment/places/new", As.OFFICE_STAFF),
			page("/admin/assessment/places/{place}/edit", As.OFFICE_STAFF),
			page("/admin/assessment/places/import", As.OFFICE_STAFF),
			page("/admin/assessment/rounds", As.OFFICE_STAFF),
			page("/admin/assessment/rounds/new", As.OFFICE_STAFF),
			page("/admin/assessment/rounds/{round}", As.OFFICE_STAFF),
			page("/admin/assessment/rounds/{round}/verify", As.OFFICE_STAFF),
			page("/admin/assessment/rounds/{round}/sample", As.OFFICE_STAFF),
			page("/admin/assessment/rounds/{round}/scores", As.OFFICE_STAFF),
			page("/admin/assessment/scores", As.OFFICE_STAFF),
			// honours: the nominations of the office's scope, one nomination, entering one on someone's behalf
			page("/admin/honor/nominations", As.OFFICE_STAFF),
			page("/admin/honor/nominations/new", As.OFFICE_STAFF),
			page("/admin/honor/nominations/{honorNomination}", As.OFFICE_STAFF),
			// honours part D: the care register (office staff only), brand projects and awards
			page("/admin/honor/care", As.OFFICE_STAFF),
			page("/admin/honor/care/measures", As.OFFICE_STAFF),
			page("/admin/honor/care/measures/{careMeasure}/edit", As.OFFICE_STAFF),
			page("/admin/honor/care/entries/{rollEntry}", As.OFFICE_STAFF),
			page("/admin/honor/brands", As.OFFICE_STAFF),
			page("/admin/honor/brands/new", As.OFFICE_STAFF),
			page("/admin/honor/brands/{brandProject}/edit", As.OFFICE_STAFF),
			page("/admin/honor/awards", As.OFFICE_STAFF),
			page("/admin/honor/awards/new", As.OFFICE_STAFF),
			page("/admin/honor/awards/{award}/edit", As.OFFICE_STAFF),
			// the volunteer's record for staff: commendations and complaints in the office's scope
			page("/admin/commendations", As.OFFICE_STAFF),
			page("/admin/commendations/new", As.OFFICE_STAFF),
			// record transfer: export one or all in scope with a reason, import with a preview
			page("/admin/exchange", As.OFFICE_STAFF),
			page("/admin/complaints", As.OFFICE_STAFF),
			page("/admin/complaints/new", As.OFFICE_STAFF),
			page("/admin/complaints/{complaint}", As.OFFICE_STAFF),
			// training in the office's scope: courses, a course's form and volunteers, the sheet import
			page("/admin/training", As.OFFICE_STAFF),
			page("/admin/training/new", As.OFFICE_STAFF),
			page("/admin/training/{trainingCourse}", As.OFFICE_STAFF),
			page("/admin/training/{trainingCourse}/edit", As.OFFICE_STAFF),
			page("/admin/training/import", As.OFFICE_STAFF),
			// the government-service catalogue for staff
			page("/admin/catalogue", As.OFFICE_STAFF),
			page("/admin/catalogue/new", As.OFFICE_STAFF),
			page("/admin/catalogue/{catalogueItemId}/edit", As.OFFICE_STAFF),
			// honours' notice: likes and suspects, comments to moderate, objections to answer
			page("/admin/honor/likes", As.OFFICE_STAFF),
			page("/admin/honor/comments", As.OFFICE_STAFF),
			page("/admin/honor/objections", As.OFFICE_STAFF),
			// the newsroom: the public list, an article and its first version; staff's list, editor, article, allowlist
			page("/news", As.ANONYMOUS),
			page("/news/{newsArticle}", As.ANONYMOUS),
			new Page("/news/{number}/versions/{version}", As.ANONYMOUS, "/news/{newsArticle}/versions/1", 200),
			page("/admin/news", As.OFFICE_STAFF),
			page("/admin/news/new", As.OFFICE_STAFF),
			new Page("/admin/news/{id}", As.OFFICE_STAFF, "/admin/news/{newsArticleId}", 200),
			new Page("/admin/news/{id}/edit", As.OFFICE_STAFF, "/admin/news/{newsArticleId}/edit", 200),
			page("/admin/news/domains", As.OFFICE_STAFF),
			page("/admin/news/integrity", As.OFFICE_STAFF),
			// the responsible unit's handler and the inspector
			page("/unit/cases", As.UNIT_HANDLER),
			page("/inspector/cases", As.INSPECTOR));

	/** GET routes that do not answer a page of their own, and why. */
	static final Map<String, String> NOT_PAGES = Map.ofEntries(
			Map.entry("/calendar/{}.ics", "an iCalendar feed"),
			Map.entry("/checkin/shifts/{}/code/qr", "htmx fragment: the current code inside the code page"),
			Map.entry("/admin/ledger/verify/status", "htmx fragment: the run's progress inside the verify page"),
			Map.entry("/regions/picker", "htmx fragment: the region picker inside forms"),
			Map.entry("/cases/report/nearby", "htmx fragment: possible duplicates inside the report form"),
			Map.entry("/admin/cases/{}/photos/{}", "a photo"),
			Map.entry("/cases/follow/{}/photos/{}", "a photo"),
			Map.entry("/me/cases/{}/photos/{}", "a photo"),
			Map.entry("/admin/service/orders/{}/photos/{}", "a photo"),
			Map.entry("/honor/photos/{}", "a photo"),
			Map.entry("/news/photos/{}", "a photo"),
			Map.entry("/news/feed.atom", "an Atom feed"),
			Map.entry("/honor/consent/{}/portrait", "a photo"),
			Map.entry("/admin/honor/nominations/{}/evidence/{}", "an evidence file (photo or PDF)"),
			Map.entry("/me/certificates/{}.pdf", "a PDF"),
			Map.entry("/admin/casework/statistics.xlsx", "a workbook"),
			Map.entry("/admin/service/statistics.xlsx", "a workbook"),
			Map.entry("/admin/honor/care/export.xlsx", "a workbook"),
			Map.entry("/admin/catalogue/export.xlsx", "a workbook"),
			Map.entry("/admin/honor/awards/{}/document", "a PDF"),
			Map.entry("/admin/commendations/{}/document", "a PDF"),
			Map.entry("/me/commendations/{}/document", "a PDF"),
			Map.entry("/me/record/export", "a wenming-record/1 file (JSON lines)"),
			Map.entry("/admin/casework/statistics.pdf", "a PDF"),
			Map.entry("/casework/rankings/{}.xlsx", "a workbook"),
			Map.entry("/casework/rankings/{}.pdf", "a PDF"),
			Map.entry("/admin/insight/export.xlsx", "a workbook"),
			Map.entry("/admin/insight/export.pdf", "a PDF"),
			Map.entry("/admin/volunteers/import/{}/errors.csv", "a CSV error report"),
			Map.entry("/admin/volunteers/import/template.csv", "a CSV template"),
			Map.entry("/admin/assessment/places/import/template.csv", "a CSV template"),
			Map.entry("/admin/assessment/frameworks/{}/export.xlsx", "a workbook"),
			Map.entry("/admin/assessment/rounds/{}/report.pdf", "a PDF"),
			Map.entry("/admin/assessment/rounds/{}/report.xlsx", "a workbook"),
			Map.entry("/admin/volunteers/import/template.xlsx", "a workbook template"),
			Map.entry("/admin/volunteers/export.csv", "a CSV export"),
			Map.entry("/admin/honor/roll/export.csv", "a CSV export"),
			Map.entry("/honor/feed.atom", "an Atom feed"),
			Map.entry("/ledger/heads.atom", "an Atom feed of the signed tree heads"),
			Map.entry("/admin/volunteers/export.xlsx", "a workbook export"),
			Map.entry("/open311/v2/discovery.{}", "Open311 JSON or XML"),
			Map.entry("/open311/v2/services.{}", "Open311 JSON or XML"),
			Map.entry("/open311/v2/services/{}.{}", "Open311 JSON or XML"),
			Map.entry("/open311/v2/requests.{}", "Open311 JSON or XML"),
			Map.entry("/open311/v2/requests/{}.{}", "Open311 JSON or XML"),
			Map.entry("/open311/v2/tokens/{}.{}", "Open311 JSON or XML"),
			Map.entry("/open311/v2/**", "Open311 error document for unknown paths"));

	/** A route with its variables blanked, so {@code /teams/{id}} and {@code /teams/{team}} compare equal. */
	static String shape(String route) {
		return route.replaceAll("\\{[^}]*}", "{}");
	}

	private PageInventory() {
	}
}

package org.wenming.newsroom.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.newsroom.Article;
import org.wenming.newsroom.ArticleStatus;
import org.wenming.newsroom.Articles;
import org.wenming.newsroom.BodySanitizer;
import org.wenming.newsroom.LinkDomains;
import org.wenming.newsroom.NewsPhotos;
import org.wenming.newsroom.NewsRefusedException;
import org.wenming.platform.FormErrors;
import org.wenming.platform.FormValues;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.shared.ScopedUser;

/**
 * The offices' newsroom ({@code /admin/news}): the list by status, the editor (saving shows what the sanitizer
 * removed before anything is submitted), an article's page with submit, review (approve or return with a
 * reason, never by its author), correction and withdrawal, photo uploads, and the link allowlist
 * ({@code /admin/news/domains}). Outside the scope: not found (and a security event).
 */
@Controller
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF')")
class NewsAdminPages extends PageController {

	static final int LIST_LIMIT = 500;

	private final Articles articles;

	private final NewsPhotos photos;

	private final LinkDomains domains;

	private final JdbcClient jdbc;

	NewsAdminPages(Articles articles, NewsPhotos photos, LinkDomains domains, JdbcClient jdbc) {
		this.articles = articles;
		this.photos = photos;
		this.domains = domains;
		this.jdbc = jdbc;
	}

	@GetMapping("/admin/news")
	ModelAndView list(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String status) {
		ArticleStatus s = null;
		for (ArticleStatus candidate : ArticleStatus.values()) {
			if (candidate.name().equals(status)) {
				s = candidate;
			}
		}
		return new ModelAndView("newsroom/admin/list", Map.of("view", new NewsViews.StaffList(
				articles.in(user.scope(), s, LIST_LIMIT), s, List.of(ArticleStatus.values()), "")));
	}

	@GetMapping("/admin/news/new")
	ModelAndView newArticle(@AuthenticationPrincipal ScopedUser user) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put("regionCode", user.scope().isEverything() ? "" : user.scope().regionCode());
		return editor(user, null, new FormValues(values, FormErrors.NONE), HttpStatus.OK);
	}

	@PostMapping("/admin/news/new")
	ModelAndView create(@AuthenticationPrincipal ScopedUser user, ArticleInput input) {
		try {
			Articles.Saved saved = articles.create(input.draft(), user);
			return staffPage(user, saved.article(), saved.removals(), "saved", FormErrors.NONE, HttpStatus.OK);
		}
		catch (NewsRefusedException ex) {
			return editor(user, null, new FormValues(input.values(), errors(ex)), HttpStatus.BAD_REQUEST);
		}
	}

	@GetMapping("/admin/news/{id}")
	ModelAndView article(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String done) {
		Article a = articles.findForStaff(QueryParameters.id(id), user);
		return staffPage(user, a, List.of(), done == null || !done.matches("[a-z]{1,12}") ? "" : done, FormErrors.NONE,
				HttpStatus.OK);
	}

	@GetMapping("/admin/news/{id}/edit")
	ModelAndView edit(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		Article a = articles.findForStaff(QueryParameters.id(id), user);
		return editor(user, a, new FormValues(ArticleInput.of(a).values(), FormErrors.NONE), HttpStatus.OK);
	}

	@PostMapping("/admin/news/{id}/edit")
	ModelAndView update(@AuthenticationPrincipal ScopedUser user, @PathVariable String id, ArticleInput input) {
		Article a = articles.findForStaff(QueryParameters.id(id), user);
		try {
			Articles.Saved saved = articles.update(a.id(), input.draft(), user);
			return staffPage(user, saved.article(), saved.removals(), "saved", FormErrors.NONE, HttpStatus.OK);
		}
		catch (NewsRefusedException ex) {
			return editor(user, a, new FormValues(input.values(), errors(ex)), HttpStatus.BAD_REQUEST);
		}
	}

	@PostMapping("/admin/news/{id}/submit")
	ModelAndView submit(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		return act(user, id, a -> articles.submit(a.id(), user), "submitted");
	}

	@PostMapping("/admin/news/{id}/approve")
	ModelAndView approve(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		return act(user, id, a -> articles.approve(a.id(), user), "published");
	}

	@PostMapping("/admin/news/{id}/return")
	ModelAndView returnToAuthor(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String reason) {
		return act(user, id, a -> articles.returnToAuthor(a.id(), reason, user), "returned");
	}

	@PostMapping("/admin/news/{id}/correct")
	ModelAndView correct(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String title, @RequestParam(required = false) String body,
			@RequestParam(required = false) String note) {
		Article a = articles.findForStaff(QueryParameters.id(id), user);
		try {
			Articles.Saved saved = articles.correct(a.id(), title, body, note, user);
			return staffPage(user, saved.article(), saved.removals(), "corrected", FormErrors.NONE, HttpStatus.OK);
		}
		catch (NewsRefusedException ex) {
			return staffPage(user, a, List.of(), "", errors(ex), HttpStatus.BAD_REQUEST);
		}
	}

	@PostMapping("/admin/news/{id}/withdraw")
	ModelAndView withdraw(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) String reason) {
		return act(user, id, a -> articles.withdraw(a.id(), reason, user), "withdrawn");
	}

	@PostMapping("/admin/news/{id}/photos")
	ModelAndView addPhoto(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam(required = false) MultipartFile photo, @RequestParam(required = false) String caption,
			@RequestParam(required = false) String credit) {
		return act(user, id, a -> photos.add(a.id(), bytes(photo), caption, credit, user), "photo");
	}

	@GetMapping("/admin/news/domains")
	ModelAndView domains(@AuthenticationPrincipal ScopedUser user) {
		return domainsPage(user, new FormValues(Map.of(), FormErrors.NONE), HttpStatus.OK);
	}

	@PostMapping("/admin/news/domains")
	ModelAndView addDomain(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String domain,
			@RequestParam(required = false) String note) {
		try {
			domains.add(domain, note, user);
			return new ModelAndView("redirect:/admin/news/domains");
		}
		catch (NewsRefusedException ex) {
			Map<String, String> values = new LinkedHashMap<>();
			values.put("domain", domain);
			values.put("note", note);
			return domainsPage(user, new FormValues(values, errors(ex)), HttpStatus.BAD_REQUEST);
		}
	}

	@PostMapping("/admin/news/domains/remove")
	String removeDomain(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String domain) {
		domains.remove(domain, user);
		return "redirect:/admin/news/domains";
	}

	private ModelAndView act(ScopedUser user, String id, java.util.function.Consumer<Article> action, String done) {
		Article a = articles.findForStaff(QueryParameters.id(id), user);
		try {
			action.accept(a);
			return new ModelAndView("redirect:/admin/news/" + a.id() + "?done=" + done);
		}
		catch (NewsRefusedException ex) {
			return staffPage(user, articles.findForStaff(a.id(), user), List.of(), "", errors(ex),
					HttpStatus.BAD_REQUEST);
		}
	}

	private ModelAndView staffPage(ScopedUser user, Article a, List<BodySanitizer.Removal> removals, String done,
			FormErrors errors, HttpStatus status) {
		ModelAndView page = new ModelAndView("newsroom/admin/article", Map.of("view",
				new NewsViews.StaffArticle(a, removals, articles.photos(a.id()), articles.versions(a.id()),
						Articles.mayReview(user, a), new FormValues(Map.of(), errors), done)));
		page.setStatus(status);
		return page;
	}

	private ModelAndView editor(ScopedUser user, Article a, FormValues form, HttpStatus status) {
		List<NewsViews.RegionOption> regions = jdbc.sql("""
				select code, name from published_region
				where level between 2 and 4 and path >= :lower and path < :upper order by path limit 1000""")
			.param("lower", user.scope().lower()).param("upper", user.scope().upper())
			.query((rs, n) -> new NewsViews.RegionOption(rs.getString(1), rs.getString(2))).list();
		ModelAndView page = new ModelAndView("newsroom/admin/editor",
				Map.of("view", new NewsViews.Editor(a, form, regions)));
		page.setStatus(status);
		return page;
	}

	private ModelAndView domainsPage(ScopedUser user, FormValues form, HttpStatus status) {
		ModelAndView page = new ModelAndView("newsroom/admin/domains",
				Map.of("view", new NewsViews.Domains(domains.list(), LinkDomains.mayKeep(user), form)));
		page.setStatus(status);
		return page;
	}

	private static byte[] bytes(MultipartFile file) {
		if (file == null || file.isEmpty()) {
			return null;
		}
		try {
			return file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static FormErrors errors(NewsRefusedException ex) {
		FormErrors errors = FormErrors.none();
		ex.problems().forEach(p -> errors.add(p.field(), p.messageKey()));
		return errors;
	}

	/** The editor's fields. */
	record ArticleInput(String regionCode, String title, String subtitle, String lead, String body, String tags,
			String source, String reporters, String correspondents, String editor, String reprintSource,
			String reprintAuthor, String reprintTitle, String reprintUrl, String reprintTerms) {

		static ArticleInput of(Article a) {
			Article.Reprint r = a.reprint();
			return new ArticleInput(a.regionCode(), a.title(), a.subtitle(), a.lead(), a.bodyHtml(),
					String.join("、", a.tags()), a.source(), String.join("、", a.reporters()),
					String.join("、", a.correspondents()), a.editor(), r == null ? null : r.source(),
					r == null ? null : r.author(), r == null ? null : r.title(), r == null ? null : r.url(),
					r == null ? null : r.terms());
		}

		Articles.Draft draft() {
			return new Articles.Draft(regionCode, title, subtitle, lead, body, tags, source, reporters, correspondents,
					editor, reprintSource, reprintAuthor, reprintTitle, reprintUrl, reprintTerms);
		}

		Map<String, String> values() {
			Map<String, String> v = new LinkedHashMap<>();
			v.put("regionCode", regionCode);
			v.put("title", title);
			v.put("subtitle", subtitle);
			v.put("lead", lead);
			v.put("body", body);
			v.put("tags", tags);
			v.put("source", source);
			v.put("reporters", reporters);
			v.put("correspondents", correspondents);
			v.put("editor", editor);
			v.put("reprintSource", reprintSource);
			v.put("reprintAuthor", reprintAuthor);
			v.put("reprintTitle", reprintTitle);
			v.put("reprintUrl", reprintUrl);
			v.put("reprintTerms", reprintTerms);
			return v;
		}
	}
}

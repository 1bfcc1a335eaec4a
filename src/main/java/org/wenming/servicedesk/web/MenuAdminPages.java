package org.wenming.servicedesk.web;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.wenming.platform.FormErrors;
import org.wenming.platform.PageController;
import org.wenming.platform.QueryParameters;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.PracticeSite;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.servicedesk.menu.MenuItem;
import org.wenming.servicedesk.menu.MenuItemDraft;
import org.wenming.servicedesk.menu.MenuItems;
import org.wenming.servicedesk.menu.MenuRefusedException;
import org.wenming.servicedesk.menu.ServiceCategories;
import org.wenming.servicedesk.menu.StaleMenuItemException;
import org.wenming.shared.ScopedUser;

/**
 * Staff's menu pages (服务菜单管理): the sites in their scope with their items, and the new, edit and retire
 * forms. A site or item outside the scope is not found (and recorded as a security event).
 */
@Controller
@RequestMapping("/admin/service/menu")
@PreAuthorize("hasAnyRole('SYSTEM_ADMIN', 'OFFICE_STAFF', 'SITE_ADMIN')")
class MenuAdminPages extends PageController {

	static final int SITE_LIMIT = 200;

	private final MenuItems menus;

	private final PracticeSites sites;

	private final ServiceCategories categories;

	MenuAdminPages(MenuItems menus, PracticeSites sites, ServiceCategories categories) {
		this.menus = menus;
		this.sites = sites;
		this.categories = categories;
	}

	@GetMapping
	ModelAndView list(@AuthenticationPrincipal ScopedUser user, @RequestParam(required = false) String region,
			@RequestParam(required = false) String done) {
		String code = region == null || region.isBlank() ? null : QueryParameters.regionCode("region", region);
		Region start = sites.staffRegion(code, user).orElseThrow(RecordNotFound::new);
		String shown = done != null && done.matches("saved|retired") ? done : "";
		return new ModelAndView("servicedesk/menu-admin", Map.of("view",
				new MenuListView(start, menus.sitesInScope(start.code(), SITE_LIMIT, user), SITE_LIMIT, shown)));
	}

	@GetMapping("/new")
	ModelAndView newForm(@AuthenticationPrincipal ScopedUser user, @RequestParam String site) {
		PracticeSite found = menus.siteForStaff(QueryParameters.id(site), user);
		return form(user, new MenuFormView(found.id(), found.name(), null, Map.of("atHome", "false"), FormErrors.NONE,
				categories.active(), false), HttpStatus.OK);
	}

	@PostMapping("/new")
	ModelAndView create(@AuthenticationPrincipal ScopedUser user, @RequestParam String site, MenuInput input) {
		PracticeSite found = menus.siteForStaff(QueryParameters.id(site), user);
		FormErrors errors = FormErrors.none();
		MenuItemDraft draft = input.draft(errors);
		if (errors.any()) {
			menus.problems(draft.trimmed(), user).forEach(p -> errors.add(p.field(), p.messageKey()));
		}
		try {
			if (!errors.any()) {
				menus.create(found.id(), draft, user);
				return new ModelAndView("redirect:/admin/service/menu?region=" + found.regionCode() + "&done=saved");
			}
		}
		catch (MenuRefusedException ex) {
			ex.problems().forEach(p -> errors.add(p.field(), p.messageKey()));
		}
		return form(user, new MenuFormView(found.id(), found.name(), null, input.values(), errors, categories.active(), false),
				HttpStatus.BAD_REQUEST);
	}

	@GetMapping("/{id}/edit")
	ModelAndView editForm(@AuthenticationPrincipal ScopedUser user, @PathVariable String id) {
		MenuItem item = item(id, user);
		PracticeSite site = menus.siteForStaff(item.siteId(), user);
		return form(user, new MenuFormView(site.id(), site.name(), item, MenuInput.of(item).values(), FormErrors.NONE,
				categories.active(), false), HttpStatus.OK);
	}

	@PostMapping("/{id}/edit")
	ModelAndView edit(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam String version, MenuInput input) {
		MenuItem item = item(id, user);
		PracticeSite site = menus.siteForStaff(item.siteId(), user);
		FormErrors errors = FormErrors.none();
		MenuItemDraft draft = input.draft(errors);
		if (errors.any()) {
			menus.problems(draft.trimmed(), user).forEach(p -> errors.add(p.field(), p.messageKey()));
		}
		boolean stale = false;
		try {
			if (!errors.any()) {
				menus.update(item.id(), version(version), draft, user);
				return new ModelAndView("redirect:/admin/service/menu?region=" + site.regionCode() + "&done=saved");
			}
		}
		catch (MenuRefusedException ex) {
			ex.problems().forEach(p -> errors.add(p.field(), p.messageKey()));
		}
		catch (StaleMenuItemException ex) {
			stale = true;
		}
		MenuItem current = menus.find(item.id()).orElseThrow(RecordNotFound::new);
		return form(user, new MenuFormView(site.id(), site.name(), current, input.values(), errors, categories.active(), stale),
				stale ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
	}

	@PostMapping("/{id}/retire")
	ModelAndView retire(@AuthenticationPrincipal ScopedUser user, @PathVariable String id,
			@RequestParam String version) {
		MenuItem item = item(id, user);
		PracticeSite site = menus.siteForStaff(item.siteId(), user);
		try {
			menus.retire(item.id(), version(version), user);
		}
		catch (StaleMenuItemException ex) {
			return form(user, new MenuFormView(site.id(), site.name(), item, MenuInput.of(item).values(), FormErrors.NONE,
					categories.active(), true), HttpStatus.CONFLICT);
		}
		return new ModelAndView("redirect:/admin/service/menu?region=" + site.regionCode() + "&done=retired");
	}

	private MenuItem item(String id, ScopedUser user) {
		return menus.findForStaff(QueryParameters.id(id), user).orElseThrow(RecordNotFound::new);
	}

	private static int version(String version) {
		if (version == null || !version.matches("\\d{1,9}")) {
			throw new org.wenming.platform.InvalidInputException("version", "is not a version");
		}
		return Integer.parseInt(version);
	}

	/** The form with the active teams in the staff member's scope to choose the usual team from. */
	private ModelAndView form(ScopedUser user, MenuFormView view, HttpStatus status) {
		ModelAndView page = new ModelAndView("servicedesk/menu-form", Map.of("view", view, "teams",
				menus.teamsInScope(user)));
		page.setStatus(status);
		return page;
	}
}

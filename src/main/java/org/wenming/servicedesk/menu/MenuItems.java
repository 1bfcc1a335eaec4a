package org.wenming.servicedesk.menu;

import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.region.PracticeSite;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.RegionLevel;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopedUser;

/**
 * The practice sites' service menus (服务菜单). Staff whose scope covers a site (the site's own staff,
 * the offices above it, the system administrator) add, edit and retire its items; the public read what
 * a village may order: the items of its station, its town's institute and its county's centre.
 */
@Service
public class MenuItems {

	/** Who manages menus: those who manage sites (scope still applies to each site). */
	public static final Set<String> MANAGING_ROLES = PracticeSites.MANAGING_ROLES;

	private static final String COLUMNS = """
			i.id, i.site_id, i.region_path, i.name, i.category, i.description, i.eligibility, i.lead_days, i.team_id,
			i.at_home, i.status, i.updated_by, i.updated_at, i.version""";

	private final JdbcClient jdbc;

	private final PracticeSites sites;

	private final Regions regions;

	private final ServiceCategories categories;

	MenuItems(JdbcClient jdbc, PracticeSites sites, Regions regions, ServiceCategories categories) {
		this.jdbc = jdbc;
		this.sites = sites;
		this.regions = regions;
		this.categories = categories;
	}

	public static boolean mayManage(ScopedUser user) {
		return user != null && user.roles().stream().anyMatch(MANAGING_ROLES::contains);
	}

	// ---- staff -----------------------------------------------------------------------------------------

	/**
	 * Adds an item to a site's menu.
	 *
	 * @throws OutOfScopeException when the site lies outside the person's scope (answered as not found)
	 * @throws MenuRefusedException naming the fields that broke a rule; nothing stored
	 */
	@Transactional
	public MenuItem create(long siteId, MenuItemDraft submitted, ScopedUser user) {
		PracticeSite site = siteForStaff(siteId, user);
		MenuItemDraft draft = submitted.trimmed();
		check(draft, user);
		long id = bind(jdbc.sql("""
				insert into service_menu_item (site_id, region_path, name, category, description, eligibility, lead_days,
				    team_id, at_home, created_by, updated_by)
				values (:siteId, :regionPath, :name, :category, :description, :eligibility, :leadDays, :teamId, :atHome,
				    :by, :by)
				returning id"""), draft)
				.param("siteId", site.id()).param("regionPath", site.regionPath()).param("by", user.username())
				.query(Long.class).single();
		return find(id).orElseThrow();
	}

	/**
	 * Changes an item, refusing the edit if someone changed it since {@code version}.
	 *
	 * @return empty when there is no such item
	 * @throws StaleMenuItemException when the item is no longer at that version (or retired)
	 */
	@Transactional
	public Optional<MenuItem> update(long id, int version, MenuItemDraft submitted, ScopedUser user) {
		Optional<MenuItem> found = findForStaff(id, user);
		if (found.isEmpty()) {
			return found;
		}
		MenuItemDraft draft = submitted.trimmed();
		check(draft, user);
		int changed = bind(jdbc.sql("""
				update service_menu_item set name = :name, category = :category, description = :description,
				    eligibility = :eligibility, lead_days = :leadDays, team_id = :teamId, at_home = :atHome,
				    updated_by = :by, updated_at = now(), version = version + 1
				where id = :id and version = :version and status = 'ACTIVE'"""), draft)
				.param("id", id).param("version", version).param("by", user.username()).update();
		if (changed == 0) {
			throw new StaleMenuItemException(id, version);
		}
		return find(id);
	}

	/**
	 * Takes an item off the menu (kept for the orders that name it).
	 *
	 * @return empty when there is no such item
	 * @throws StaleMenuItemException when the item is no longer at that version (or already retired)
	 */
	@Transactional
	public Optional<MenuItem> retire(long id, int version, ScopedUser user) {
		Optional<MenuItem> found = findForStaff(id, user);
		if (found.isEmpty()) {
			return found;
		}
		int changed = jdbc.sql("""
				update service_menu_item set status = 'RETIRED', updated_by = :by, updated_at = now(), version = version + 1
				where id = :id and version = :version and status = 'ACTIVE'""")
				.param("id", id).param("version", version).param("by", user.username()).update();
		if (changed == 0) {
			throw new StaleMenuItemException(id, version);
		}
		return find(id);
	}

	/**
	 * An item for a staff member to read or edit.
	 *
	 * @throws OutOfScopeException when the item's site lies outside the person's scope
	 */
	public Optional<MenuItem> findForStaff(long id, ScopedUser user) {
		requireManaging(user);
		Optional<MenuItem> item = find(id);
		if (item.isPresent() && !user.scope().covers(item.get().regionPath())) {
			throw new OutOfScopeException("service-menu-item", String.valueOf(id));
		}
		return item;
	}

	/** A site for a staff member to manage the menu of. */
	public PracticeSite siteForStaff(long siteId, ScopedUser user) {
		requireManaging(user);
		return sites.findForStaff(siteId, user).orElseThrow(() -> new OutOfScopeException("site", String.valueOf(siteId)));
	}

	/**
	 * The sites in the person's scope under {@code regionCode} (their own region when null) that have a
	 * menu, or are a centre, institute or station, with all their items (retired ones last), up to
	 * {@code limit} sites, the higher levels first.
	 */
	public List<SiteOffer> sitesInScope(String regionCode, int limit, ScopedUser user) {
		requireManaging(user);
		Region start = sites.staffRegion(regionCode, user).orElseThrow(() -> new OutOfScopeException("region",
				String.valueOf(regionCode)));
		DataScope scope = start.scope();
		Map<Long, SiteOffer> offers = new LinkedHashMap<>();
		jdbc.sql("""
				select s.id, s.name, s.kind, s.region_code, s.region_path from published_practice_site s
				where s.region_path >= :lower and s.region_path < :upper
				  and (s.kind in ('CENTRE', 'INSTITUTE', 'STATION')
				       or exists (select 1 from service_menu_item i where i.site_id = s.id))
				order by length(s.region_path), s.region_path, s.id
				limit :limit""").param("lower", scope.lower()).param("upper", scope.upper()).param("limit", limit)
				.query((rs, i) -> offers.put(rs.getLong("id"), new SiteOffer(rs.getLong("id"), rs.getString("name"),
						rs.getString("kind"), rs.getString("region_code"), rs.getString("region_path"), new ArrayList<>())))
				.list();
		if (!offers.isEmpty()) {
			jdbc.sql("select " + COLUMNS + " from service_menu_item i where i.site_id in (:ids)"
					+ " order by i.status, i.category, i.name, i.id")
					.param("ids", List.copyOf(offers.keySet())).query(MenuItem.class)
					.list().forEach(item -> offers.get(item.siteId()).items().add(item));
		}
		return List.copyOf(offers.values());
	}

	// ---- public ----------------------------------------------------------------------------------------

	/** Any item by id (menus are public). */
	public Optional<MenuItem> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from service_menu_item i where i.id = :id").param("id", id)
				.query(MenuItem.class).optional();
	}

	/** A site's active items (public). */
	public List<MenuItem> activeItemsOf(long siteId) {
		return jdbc.sql("select " + COLUMNS + " from service_menu_item i where i.site_id = :siteId and i.status = 'ACTIVE'"
				+ " order by i.category, i.name, i.id").param("siteId", siteId).query(MenuItem.class).list();
	}

	/**
	 * What a village or community may order: the active items of the sites of the village, its town and
	 * its county (the station, the institute, the centre, and any point or base there), the nearest
	 * first; every site of the network there is listed, also with no items yet.
	 *
	 * @return empty when there is no such region or it is above a county
	 */
	public List<SiteOffer> offers(String regionCode) {
		Optional<Region> region = regionCode == null ? Optional.empty() : regions.find(regionCode);
		if (region.isEmpty() || region.get().level().depth() < RegionLevel.COUNTY.depth()) {
			return List.of();
		}
		List<String> paths = ancestorPaths(region.get().path());
		Map<Long, SiteOffer> offers = new LinkedHashMap<>();
		jdbc.sql("""
				select s.id, s.name, s.kind, s.region_code, s.region_path from published_practice_site s
				where s.region_path in (:paths)
				  and (s.kind in ('CENTRE', 'INSTITUTE', 'STATION')
				       or exists (select 1 from service_menu_item i where i.site_id = s.id and i.status = 'ACTIVE'))
				order by length(s.region_path) desc, s.kind desc, s.id""").param("paths", paths)
				.query((rs, i) -> offers.put(rs.getLong("id"), new SiteOffer(rs.getLong("id"), rs.getString("name"),
						rs.getString("kind"), rs.getString("region_code"), rs.getString("region_path"), new ArrayList<>())))
				.list();
		jdbc.sql("select " + COLUMNS + " from service_menu_item i where i.region_path in (:paths) and i.status = 'ACTIVE'"
				+ " order by i.category, i.name, i.id").param("paths", paths).query(MenuItem.class).list()
				.forEach(item -> {
					SiteOffer offer = offers.get(item.siteId());
					if (offer != null) {
						offer.items().add(item);
					}
				});
		return offers.values().stream().map(o -> new SiteOffer(o.siteId(), o.siteName(), o.kind(), o.regionCode(),
				o.regionPath(), List.copyOf(o.items()))).toList();
	}

	/**
	 * Where a shared position is served from: the region (a county or below, in the home city) of the published
	 * practice site nearest the position among those with coordinates — whose menu, with the menus of the sites
	 * above it, {@link #offers} then lists. Distance on the local plane (degrees of longitude shortened by the
	 * latitude), which is exact enough within a city.
	 *
	 * @return empty when no site of the city has coordinates
	 */
	public Optional<String> nearestRegion(java.math.BigDecimal latitude, java.math.BigDecimal longitude) {
		Region city = sites.homeCity();
		return jdbc.sql("""
				select region_code from published_practice_site
				where latitude is not null and longitude is not null and region_path >= :lower and region_path < :upper
				  and length(region_code) >= 6
				order by power(latitude - :lat, 2) + power((longitude - :lon) * cos(radians(:lat)), 2), id
				limit 1""").param("lower", city.scope().lower()).param("upper", city.scope().upper())
				.param("lat", latitude).param("lon", longitude).query(String.class).optional();
	}

	/** The paths of a region and its ancestors down from its county ({@code 44.4412.441202.} and below). */
	static List<String> ancestorPaths(String path) {
		List<String> paths = new ArrayList<>();
		int segments = 0;
		for (int i = 0; i < path.length(); i++) {
			if (path.charAt(i) == '.') {
				segments++;
				if (segments >= RegionLevel.COUNTY.depth()) {
					paths.add(path.substring(0, i + 1));
				}
			}
		}
		return paths;
	}

	// ---- rules -----------------------------------------------------------------------------------------

	private void check(MenuItemDraft draft, ScopedUser user) {
		List<MenuProblem> problems = problems(draft, user);
		if (!problems.isEmpty()) {
			throw new MenuRefusedException(problems);
		}
	}

	/** What is wrong with a (trimmed) draft, field by field; empty when it may be stored. */
	public List<MenuProblem> problems(MenuItemDraft draft, ScopedUser user) {
		List<MenuProblem> problems = new ArrayList<>();
		if (draft.name() == null || draft.name().isEmpty()) {
			problems.add(new MenuProblem("name", "servicedesk.menu.error.nameRequired"));
		}
		else if (draft.name().length() > 100) {
			problems.add(new MenuProblem("name", "servicedesk.menu.error.nameTooLong"));
		}
		if (draft.category() == null || draft.category().isEmpty()) {
			problems.add(new MenuProblem("category", "servicedesk.menu.error.categoryRequired"));
		}
		else if (categories.find(draft.category()).isEmpty()) {
			problems.add(new MenuProblem("category", "servicedesk.menu.error.categoryUnknown"));
		}
		if (draft.description().length() > 2000) {
			problems.add(new MenuProblem("description", "servicedesk.menu.error.descriptionTooLong"));
		}
		if (draft.eligibility() != null && draft.eligibility().length() > 500) {
			problems.add(new MenuProblem("eligibility", "servicedesk.menu.error.eligibilityTooLong"));
		}
		if (draft.leadDays() != null && (draft.leadDays() < 0 || draft.leadDays() > 365)) {
			problems.add(new MenuProblem("leadDays", "servicedesk.menu.error.leadDaysRange"));
		}
		if (draft.teamId() != null) {
			Optional<String> teamPath = jdbc.sql(
					"select region_path from published_team where id = :id and status = 'ACTIVE'")
					.param("id", draft.teamId()).query(String.class).optional();
			if (teamPath.isEmpty() || !user.scope().covers(teamPath.get())) {
				problems.add(new MenuProblem("teamId", "servicedesk.menu.error.teamUnknown"));
			}
		}
		return problems;
	}

	/** A team a menu item may name as the one that usually serves. */
	public record TeamOption(long id, String name) {
	}

	/** How many teams the menu form offers at most. */
	public static final int TEAM_CHOICES = 300;

	/**
	 * The active teams in the staff member's scope (those {@link #problems} accepts as an item's usual team),
	 * by name.
	 */
	public List<TeamOption> teamsInScope(ScopedUser user) {
		requireManaging(user);
		return jdbc.sql("""
				select id, name from published_team
				where status = 'ACTIVE' and region_path >= :lower and region_path < :upper
				order by name, id limit :max""").param("lower", user.scope().lower())
				.param("upper", user.scope().upper()).param("max", TEAM_CHOICES)
				.query((rs, i) -> new TeamOption(rs.getLong("id"), rs.getString("name"))).list();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, MenuItemDraft draft) {
		return statement.param("name", draft.name()).param("category", draft.category())
				.param("description", draft.description())
				.param("eligibility", draft.eligibility(), Types.VARCHAR)
				.param("leadDays", draft.leadDays(), Types.INTEGER).param("teamId", draft.teamId(), Types.BIGINT)
				.param("atHome", draft.atHome());
	}

	private static void requireManaging(ScopedUser user) {
		if (!mayManage(user)) {
			throw new AccessDeniedException("managing service menus needs one of " + MANAGING_ROLES);
		}
	}
}

package org.wenming.catalogue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.platform.Paging;
import org.wenming.platform.RecordNotFound;
import org.wenming.platform.search.PublicDocumentChanged;
import org.wenming.platform.search.PublicDocumentRemoved;
import org.wenming.platform.search.SearchKind;
import org.wenming.platform.search.SearchTokens;
import org.wenming.region.FieldProblem;
import org.wenming.region.Region;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * The government-service catalogue (政务服务事项目录). The civilization office's staff whose scope covers the
 * offering region (or the system administrator) create, change and delete items; everyone reads and searches
 * them. A search matches the items whose tokens hold all of the query's ({@link SearchTokens}: name,
 * department and materials are indexed), filtered by department and scope tag, names that hold the query
 * first.
 */
@Service
public class Catalogue {

	/** Who manages the catalogue (scope still applies to each item). */
	public static final Set<String> MANAGING_ROLES = Set.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF);

	/** The largest page of a search. */
	public static final int PAGE_MAX = 200;

	static final String SEP = String.valueOf((char) 31);

	static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,39}");

	static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");

	private static final String COLUMNS = """
			id, city_code, code, name, department, level, region_code, region_path, how_to_apply, online_link, materials,
			time_limit_days, fee, scopes, partners, updated_at, updated_by, version""";

	static final RowMapper<CatalogueItem> ROW = Catalogue::row;

	private final JdbcClient jdbc;

	private final Regions regions;

	private final ApplicationEventPublisher events;

	Catalogue(JdbcClient jdbc, Regions regions, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.events = events;
	}

	/** The search index hears of the item as it is now, once this transaction commits. */
	private CatalogueItem changed(CatalogueItem item) {
		events.publishEvent(new PublicDocumentChanged(CatalogueDocuments.document(item)));
		return item;
	}

	public static boolean mayManage(ScopedUser user) {
		return user != null && user.roles().stream().anyMatch(MANAGING_ROLES::contains);
	}

	// ---- staff -----------------------------------------------------------------------------------------

	/**
	 * Adds an item.
	 *
	 * @throws CatalogueRefusedException naming the fields that broke a rule (a code already used in the city
	 *     among them); nothing stored
	 * @throws OutOfScopeException when the region lies outside the person's scope
	 */
	@Transactional
	public CatalogueItem create(CatalogueDraft draft, ScopedUser user) {
		Checked c = check(draft, user);
		if (findByCode(c.cityCode(), c.code()).isPresent()) {
			throw new CatalogueRefusedException(List.of(new FieldProblem("code", "catalogue.refused.code.taken")));
		}
		long id = bind(jdbc.sql("""
				insert into catalogue_item (city_code, code, name, department, level, region_code, region_path, how_to_apply,
				    online_link, materials, time_limit_days, fee, scopes, partners, search_tokens, updated_by)
				values (:cityCode, :code, :name, :department, :level, :regionCode, :regionPath, :howToApply, :onlineLink,
				    :materials, :timeLimitDays, :fee, string_to_array(:scopes, chr(31)), string_to_array(:partners, chr(31)),
				    string_to_array(:tokens, chr(31)), :by)
				on conflict (city_code, code) do nothing
				returning id"""), c, user).query(Long.class).optional()
			.orElseThrow(() -> new CatalogueRefusedException(List.of(new FieldProblem("code", "catalogue.refused.code.taken"))));
		return changed(find(id).orElseThrow());
	}

	/**
	 * Changes an item (its code may change too, within its city).
	 *
	 * @throws RecordNotFound when there is no such item
	 * @throws OutOfScopeException when the item or the new region lies outside the person's scope
	 */
	@Transactional
	public CatalogueItem update(long id, CatalogueDraft draft, ScopedUser user) {
		CatalogueItem before = findForStaff(id, user);
		Checked c = check(draft, user);
		Optional<CatalogueItem> clash = findByCode(c.cityCode(), c.code());
		if (clash.isPresent() && clash.get().id() != before.id()) {
			throw new CatalogueRefusedException(List.of(new FieldProblem("code", "catalogue.refused.code.taken")));
		}
		bind(jdbc.sql("""
				update catalogue_item set city_code = :cityCode, code = :code, name = :name, department = :department,
				    level = :level, region_code = :regionCode, region_path = :regionPath, how_to_apply = :howToApply,
				    online_link = :onlineLink, materials = :materials, time_limit_days = :timeLimitDays, fee = :fee,
				    scopes = string_to_array(:scopes, chr(31)), partners = string_to_array(:partners, chr(31)),
				    search_tokens = string_to_array(:tokens, chr(31)), updated_by = :by, updated_at = now(),
				    version = version + 1
				where id = :id"""), c, user).param("id", id).update();
		return changed(find(id).orElseThrow());
	}

	/**
	 * Adds the item, or changes the city's item of the same code (the import).
	 *
	 * @return true when it was added
	 */
	@Transactional
	public boolean upsert(CatalogueDraft draft, ScopedUser user) {
		Checked c = check(draft, user);
		Optional<CatalogueItem> existing = findByCode(c.cityCode(), c.code());
		if (existing.isPresent()) {
			update(existing.get().id(), draft, user);
			return false;
		}
		create(draft, user);
		return true;
	}

	/**
	 * Deletes an item.
	 *
	 * @throws RecordNotFound when there is no such item
	 */
	@Transactional
	public void delete(long id, ScopedUser user) {
		findForStaff(id, user);
		jdbc.sql("delete from catalogue_item where id = :id").param("id", id).update();
		events.publishEvent(new PublicDocumentRemoved(SearchKind.SERVICE, String.valueOf(id)));
	}

	/**
	 * An item for a staff member to change.
	 *
	 * @throws RecordNotFound when there is none such or the person does not manage the catalogue
	 * @throws OutOfScopeException when it lies outside the person's scope
	 */
	public CatalogueItem findForStaff(long id, ScopedUser user) {
		if (!mayManage(user)) {
			throw new RecordNotFound();
		}
		CatalogueItem item = find(id).orElseThrow(RecordNotFound::new);
		if (!user.scope().covers(item.regionPath())) {
			throw new OutOfScopeException("catalogue-item", String.valueOf(id));
		}
		return item;
	}

	/**
	 * Checks a draft for someone.
	 *
	 * @throws CatalogueRefusedException naming every field that broke a rule
	 */
	public Checked check(CatalogueDraft draft, ScopedUser user) {
		if (!mayManage(user)) {
			throw new RecordNotFound();
		}
		List<FieldProblem> problems = new ArrayList<>();
		String code = CatalogueDraft.strip(draft.code());
		if (code.isEmpty()) {
			problems.add(new FieldProblem("code", "catalogue.refused.code.required"));
		}
		else if (!CODE.matcher(code).matches()) {
			problems.add(new FieldProblem("code", "catalogue.refused.code.format"));
		}
		String name = text(draft.name(), "name", 200, true, problems);
		String department = text(draft.department(), "department", 100, true, problems);
		ServiceLevel level = ServiceLevel.of(CatalogueDraft.strip(draft.level()));
		if (level == null) {
			problems.add(new FieldProblem("level", "catalogue.refused.level"));
		}
		Region region = null;
		String regionCode = CatalogueDraft.strip(draft.regionCode());
		if (regionCode.isEmpty()) {
			problems.add(new FieldProblem("regionCode", "catalogue.refused.region.required"));
		}
		else {
			region = regionCode.matches("\\d{4,12}") ? regions.find(regionCode).orElse(null) : null;
			if (region == null || region.code().length() < 4) {
				problems.add(new FieldProblem("regionCode", "catalogue.refused.region.unknown"));
				region = null;
			}
			else if (!user.scope().covers(region.path())) {
				problems.add(new FieldProblem("regionCode", "catalogue.refused.region.scope"));
				region = null;
			}
		}
		String howToApply = text(draft.howToApply(), "howToApply", 4000, false, problems);
		String link = CatalogueDraft.strip(draft.onlineLink());
		if (!link.isEmpty() && !validLink(link)) {
			problems.add(new FieldProblem("onlineLink", "catalogue.refused.link"));
		}
		String materials = text(draft.materials(), "materials", 8000, false, problems);
		Integer days = null;
		String limit = CatalogueDraft.strip(draft.timeLimitDays());
		if (!limit.isEmpty()) {
			if (!limit.matches("\\d{1,4}") || Integer.parseInt(limit) > 3650) {
				problems.add(new FieldProblem("timeLimitDays", "catalogue.refused.timeLimit"));
			}
			else {
				days = Integer.parseInt(limit);
			}
		}
		String fee = text(draft.fee(), "fee", 200, false, problems);
		for (String s : draft.scopes()) {
			if (ScopeTag.of(s) == null) {
				problems.add(new FieldProblem("scopes", "catalogue.refused.scope"));
				break;
			}
		}
		List<String> partners = new ArrayList<>();
		for (String p : draft.partners()) {
			if (p.length() > 100 || CONTROL.matcher(p).find() || p.contains("\n") || p.contains("\t")) {
				problems.add(new FieldProblem("partners", "catalogue.refused.partners"));
				break;
			}
			partners.add(p);
		}
		if (partners.size() > 50) {
			problems.add(new FieldProblem("partners", "catalogue.refused.partners"));
		}
		if (!problems.isEmpty()) {
			throw new CatalogueRefusedException(problems);
		}
		List<String> scopes = draft.scopes().stream().map(ScopeTag::of).sorted().map(ScopeTag::name).toList();
		return new Checked(region.code().substring(0, 4), code, name, department, level, region, howToApply,
				link.isEmpty() ? null : link, materials, days, fee, scopes, partners);
	}

	/** A draft that passed the checks. */
	public record Checked(String cityCode, String code, String name, String department, ServiceLevel level,
			Region region, String howToApply, String onlineLink, String materials, Integer timeLimitDays, String fee,
			List<String> scopes, List<String> partners) {

		List<String> tokens() {
			return Catalogue.tokens(name, department, materials, code);
		}
	}

	/** An item's search tokens: those of its name, department, materials and code. */
	public static List<String> tokens(String name, String department, String materials, String code) {
		Set<String> tokens = new LinkedHashSet<>();
		tokens.addAll(SearchTokens.of(name));
		tokens.addAll(SearchTokens.of(department));
		tokens.addAll(SearchTokens.of(materials));
		tokens.addAll(SearchTokens.of(code));
		return List.copyOf(tokens);
	}

	/** Tokens (or tags) as one bound text, split again in SQL by {@code string_to_array(:x, chr(31))}. */
	public static String joined(List<String> values) {
		return String.join(SEP, values);
	}

	/** An https link to somewhere: no credentials, no spaces. */
	static boolean validLink(String link) {
		if (link.length() > 500 || !link.startsWith("https://") || link.chars().anyMatch(ch -> ch <= ' ' || ch == '"'
				|| ch == '<' || ch == '>' || ch == '\\')) {
			return false;
		}
		try {
			java.net.URI uri = new java.net.URI(link);
			return "https".equals(uri.getScheme()) && uri.getHost() != null && uri.getHost().contains(".")
					&& uri.getUserInfo() == null;
		}
		catch (java.net.URISyntaxException ex) {
			return false;
		}
	}

	private static String text(String value, String field, int max, boolean required, List<FieldProblem> problems) {
		String s = value == null ? "" : value.replace("\r\n", "\n").replace('\r', '\n').strip();
		if (required && s.isEmpty()) {
			problems.add(new FieldProblem(field, "catalogue.refused." + field + ".required"));
		}
		else if (s.length() > max) {
			problems.add(new FieldProblem(field, "catalogue.refused.tooLong"));
		}
		else if (CONTROL.matcher(s).find()) {
			problems.add(new FieldProblem(field, "catalogue.refused.control"));
		}
		return s;
	}

	private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec sql, Checked c, ScopedUser user) {
		return sql.param("cityCode", c.cityCode()).param("code", c.code()).param("name", c.name())
			.param("department", c.department()).param("level", c.level().name()).param("regionCode", c.region().code())
			.param("regionPath", c.region().path()).param("howToApply", c.howToApply())
			.param("onlineLink", c.onlineLink(), java.sql.Types.VARCHAR).param("materials", c.materials())
			.param("timeLimitDays", c.timeLimitDays(), java.sql.Types.INTEGER).param("fee", c.fee())
			.param("scopes", String.join(SEP, c.scopes())).param("partners", String.join(SEP, c.partners()))
			.param("tokens", String.join(SEP, c.tokens())).param("by", user.username());
	}

	// ---- public ----------------------------------------------------------------------------------------

	public Optional<CatalogueItem> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from catalogue_item where id = :id").param("id", id).query(ROW).optional();
	}

	/** A city's item by its code. */
	public Optional<CatalogueItem> findByCode(String cityCode, String code) {
		return jdbc.sql("select " + COLUMNS + " from catalogue_item where city_code = :city and code = :code")
			.param("city", cityCode).param("code", code).query(ROW).optional();
	}

	/**
	 * A search of the items a region's subtree offers.
	 *
	 * @param text the query (blank: every item)
	 * @param department a department's exact name (blank: any)
	 * @param scope a scope tag (null: any)
	 */
	public record Query(DataScope region, String text, String department, ScopeTag scope) {
	}

	/** One page of the items matching a query, names holding the query first, then by department and name. */
	public Paging.Page<CatalogueItem> search(Query query, int page, int size) {
		Paging.page(page);
		Paging.size(size, PAGE_MAX);
		String where = where(query);
		long total = params(jdbc.sql("select count(*) from catalogue_item where " + where), query).query(Long.class)
			.single();
		List<CatalogueItem> items = params(jdbc.sql("select " + COLUMNS + " from catalogue_item where " + where
				+ " order by (:plain <> '' and strpos(name, :plain) > 0) desc, department, name, id limit :limit offset :offset"), query)
			.param("plain", plain(query.text())).param("limit", size).param("offset", (long) page * size)
			.query(ROW).list();
		return new Paging.Page<>(items, total, page, size, (int) ((total + size - 1) / size));
	}

	/** Every item matching a query (the export), up to {@code limit}. */
	public List<CatalogueItem> all(Query query, int limit) {
		return params(jdbc.sql("select " + COLUMNS + " from catalogue_item where " + where(query)
				+ " order by code, id limit :limit"), query).param("limit", limit).query(ROW).list();
	}

	/** The departments of a region's items, by name. */
	public List<String> departments(DataScope region) {
		return jdbc.sql("""
				select distinct department from catalogue_item where region_path >= :lower and region_path < :upper
				order by department""").param("lower", region.lower()).param("upper", region.upper())
			.query(String.class).list();
	}

	private static String where(Query query) {
		StringBuilder where = new StringBuilder("region_path >= :lower and region_path < :upper");
		if (!SearchTokens.query(query.text()).isEmpty()) {
			where.append(" and search_tokens @> string_to_array(:tokens, chr(31))");
		}
		if (query.department() != null && !query.department().isBlank()) {
			where.append(" and department = :department");
		}
		if (query.scope() != null) {
			where.append(" and scopes @> array[cast(:scope as text)]");
		}
		return where.toString();
	}

	private static JdbcClient.StatementSpec params(JdbcClient.StatementSpec sql, Query query) {
		sql = sql.param("lower", query.region().lower()).param("upper", query.region().upper());
		List<String> tokens = SearchTokens.query(query.text());
		if (!tokens.isEmpty()) {
			sql = sql.param("tokens", String.join(SEP, tokens));
		}
		if (query.department() != null && !query.department().isBlank()) {
			sql = sql.param("department", query.department().strip());
		}
		if (query.scope() != null) {
			sql = sql.param("scope", query.scope().name());
		}
		return sql;
	}

	/** The query as a name would hold it: Simplified, stripped (empty matches every name: no preference). */
	private static String plain(String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		String s = CONTROL.matcher(text).replaceAll("").strip();
		return com.github.houbb.opencc4j.util.ZhConverterUtil.toSimple(s.length() > 200 ? s.substring(0, 200) : s);
	}

	private static CatalogueItem row(ResultSet rs, int i) throws SQLException {
		return new CatalogueItem(rs.getLong("id"), rs.getString("city_code"), rs.getString("code"), rs.getString("name"),
				rs.getString("department"), rs.getString("level"), rs.getString("region_code"),
				rs.getString("region_path"), rs.getString("how_to_apply"), rs.getString("online_link"),
				rs.getString("materials"), (Integer) rs.getObject("time_limit_days"), rs.getString("fee"),
				(String[]) rs.getArray("scopes").getArray(), (String[]) rs.getArray("partners").getArray(),
				rs.getObject("updated_at", java.time.OffsetDateTime.class), rs.getString("updated_by"),
				rs.getInt("version"));
	}
}

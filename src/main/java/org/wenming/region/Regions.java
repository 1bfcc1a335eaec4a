package org.wenming.region;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.wenming.platform.KeyLookups;
import org.wenming.platform.KeyedReads;
import org.wenming.shared.DataScope;

/** The division tree: look-ups, breadcrumbs, children and name search, with scope applied where asked. */
@Service
public class Regions {

	static final RowMapper<Region> ROW = (rs, i) -> new Region(rs.getString("code"), rs.getString("name"),
			RegionLevel.ofDepth(rs.getInt("level")), rs.getString("parent_code"), rs.getString("path"));

	private final JdbcClient jdbc;

	/** For the look-ups by key that every page with a region picker or breadcrumb makes (see {@link KeyedReads}). */
	private final JdbcClient keyLookups;

	Regions(JdbcClient jdbc, @KeyLookups JdbcClient keyLookups) {
		this.jdbc = jdbc;
		this.keyLookups = keyLookups;
	}

	private JdbcClient byKey() {
		return KeyedReads.pick(jdbc, keyLookups);
	}

	public Optional<Region> find(String code) {
		if (code == null || !code.matches("\\d{2,12}")) {
			return Optional.empty();
		}
		return byKey().sql("select code, name, level, parent_code, path from region where code = :code")
				.param("code", code).query(ROW).optional();
	}

	/** The top of the loaded tree (the province). */
	public Region topLevel() {
		return jdbc.sql("select code, name, level, parent_code, path from region where parent_code is null order by code limit 1")
				.query(ROW).single();
	}

	/** The region if it exists and lies inside the scope; empty otherwise (existence is not revealed). */
	public Optional<Region> findInScope(String code, DataScope scope) {
		return find(code).filter(r -> scope.covers(r.path()));
	}

	/** From the top of the tree down to and including the region. */
	public List<Region> breadcrumb(Region region) {
		List<String> codes = new ArrayList<>();
		for (String part : region.path().split("\\.")) {
			codes.add(part);
		}
		return byKey().sql("select code, name, level, parent_code, path from region where code = any(:codes) order by level")
				.param("codes", codes.toArray(String[]::new)).query(ROW).list();
	}

	/** The regions of these codes in one query (unknown codes are left out): for naming many lines at once. */
	public List<Region> findAll(java.util.Collection<String> codes) {
		if (codes.isEmpty()) {
			return List.of();
		}
		return byKey().sql("select code, name, level, parent_code, path from region where code = any(:codes)")
				.param("codes", codes.toArray(String[]::new)).query(ROW).list();
	}

	public List<Region> children(String code) {
		return byKey().sql("select code, name, level, parent_code, path from region where parent_code = :code order by code")
				.param("code", code).query(ROW).list();
	}

	/** Regions whose name contains the text, inside the scope, shallow levels first. */
	public List<Region> search(String text, DataScope scope, int limit) {
		String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
		return jdbc.sql("""
				select code, name, level, parent_code, path from region
				where name like :pattern and path >= :lower and path < :upper
				order by level, code limit :limit""")
				.param("pattern", pattern).param("lower", scope.lower()).param("upper", scope.upper())
				.param("limit", limit).query(ROW).list();
	}

	/**
	 * The picker state for choosing a region under {@code rootCode}: one drop-down per level from the
	 * root's children down to one level below the chosen region. A chosen region outside the root's
	 * subtree (or unknown) counts as nothing chosen.
	 */
	public RegionChoice choice(String field, String rootCode, String selectedCode) {
		return choice(field, rootCode, selectedCode, false);
	}

	/**
	 * As {@link #choice(String, String, String)}; with {@code rootAllowed} the root itself is a valid
	 * answer (a city-level team, a staff member bound to the whole city) and is what an untouched
	 * picker submits.
	 */
	public RegionChoice choice(String field, String rootCode, String selectedCode, boolean rootAllowed) {
		Region root = find(rootCode).orElseThrow(() -> new IllegalArgumentException("no region " + rootCode));
		Region selected = find(selectedCode).filter(r -> root.scope().covers(r.path()) && !r.code().equals(root.code()))
				.orElse(null);
		List<String> chain = new ArrayList<>();
		if (selected != null) {
			for (Region step : breadcrumb(selected)) {
				if (step.level().depth() > root.level().depth()) {
					chain.add(step.code());
				}
			}
		}
		List<RegionChoice.Level> levels = new ArrayList<>();
		String parent = root.code();
		for (int i = 0; parent != null; i++) {
			List<Region> options = children(parent);
			if (options.isEmpty()) {
				break;
			}
			String chosen = i < chain.size() ? chain.get(i) : null;
			levels.add(new RegionChoice.Level(options.get(0).level(), parent, options, chosen));
			parent = chosen;
		}
		String submitted = selected != null ? selected.code() : rootAllowed ? root.code() : "";
		return new RegionChoice(field, root.code(), submitted, rootAllowed, levels);
	}

	/** How many regions of a level lie inside the scope. */
	public int count(RegionLevel level, DataScope scope) {
		return jdbc.sql("select count(*) from region where level = :level and path >= :lower and path < :upper")
				.param("level", level.depth()).param("lower", scope.lower()).param("upper", scope.upper())
				.query(Integer.class).single();
	}

	/**
	 * Every region inside the scope, by path: for checking many rows at once (a bulk import of a
	 * whole province reads about 29,000 regions once instead of one look-up per row).
	 */
	public List<Region> within(DataScope scope) {
		return jdbc.sql("""
				select code, name, level, parent_code, path from region where path >= :lower and path < :upper
				order by path""")
				.param("lower", scope.lower()).param("upper", scope.upper()).query(ROW).list();
	}
}

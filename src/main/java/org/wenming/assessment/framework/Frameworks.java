package org.wenming.assessment.framework;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.assessment.PlaceType;
import org.wenming.assessment.Scoring;
import org.wenming.assessment.ScoringRule;
import org.wenming.assessment.framework.FrameworkRefusedException.Kind;
import org.wenming.assessment.framework.FrameworkRefusedException.Problem;
import org.wenming.casework.CaseCategory;
import org.wenming.casework.Cases;
import org.wenming.shared.CityTime;

/**
 * Criteria frameworks (测评体系): versions listed and read, a draft created (empty, or as the next
 * version copied from a published one), edited, published (frozen from then on; the version before it
 * of the same name retires) or deleted while never used. Every change to a version checks first that
 * it is a draft, under a lock on its row; the database's trigger ({@code WM001}) is the backstop and
 * is answered as the same refusal, never as a server error.
 *
 * <p>One draft per name at a time: the next version is made from the draft, not beside it. A draft's
 * name may change only while it is the first version of its name (a later one keeps the series' name).
 */
@Service
public class Frameworks {

	/** SQLSTATE the V39 trigger raises for a change to a published framework. */
	static final String FROZEN_STATE = "WM001";

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Cases cases;

	private final Clock clock;

	private final Map<String, PlaceType> placeTypeNames;

	Frameworks(JdbcClient jdbc, TransactionTemplate transactions, Cases cases, Clock clock, MessageSource messages) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.cases = cases;
		this.clock = clock;
		Map<String, PlaceType> names = new HashMap<>();
		for (PlaceType type : PlaceType.values()) {
			names.put(type.name(), type);
			for (Locale locale : List.of(Locale.SIMPLIFIED_CHINESE, Locale.TRADITIONAL_CHINESE, Locale.ENGLISH)) {
				names.putIfAbsent(messages.getMessage(type.messageKey(), null, type.name(), locale), type);
			}
		}
		this.placeTypeNames = Map.copyOf(names);
	}

	// ---- reading -------------------------------------------------------------------------------

	/** Every version, newest name first, each name's versions newest first, with counts. */
	public List<FrameworkSummary> list() {
		List<Row> rows = jdbc.sql("select * from assessment_framework order by name, version desc").query(Frameworks::row)
				.list();
		Map<Long, Map<PlaceType, FrameworkSummary.TypeTotal>> totals = new HashMap<>();
		jdbc.sql("""
				select framework_id, place_type, count(*) as n, sum(full_marks) as marks from assessment_criterion
				group by framework_id, place_type""").query((rs, n) -> {
			totals.computeIfAbsent(rs.getLong("framework_id"), id -> new EnumMap<>(PlaceType.class)).put(
					PlaceType.valueOf(rs.getString("place_type")),
					new FrameworkSummary.TypeTotal(rs.getInt("n"), rs.getBigDecimal("marks")));
			return null;
		}).list();
		Map<Long, Integer> items = counts("select framework_id, count(*) from assessment_item group by framework_id");
		Map<Long, Integer> rounds = counts("select framework_id, count(*) from assessment_round group by framework_id");
		return rows.stream().map(r -> r.summary(items.getOrDefault(r.id, 0), totals.getOrDefault(r.id, Map.of()),
				rounds.getOrDefault(r.id, 0))).toList();
	}

	public Optional<FrameworkSummary> find(long id) {
		return jdbc.sql("select * from assessment_framework where id = :id").param("id", id).query(Frameworks::row)
				.optional().map(this::summary);
	}

	/** One version whole: items in order, criteria per place type in checklist order. */
	public Optional<FrameworkView> view(long id) {
		return find(id).map(summary -> {
			Map<PlaceType, List<CriterionView>> byType = new EnumMap<>(PlaceType.class);
			for (CriterionView c : criteriaWhere("c.framework_id = :id", Map.of("id", id))) {
				byType.computeIfAbsent(c.placeType(), t -> new ArrayList<>()).add(c);
			}
			byType.replaceAll((type, list) -> List.copyOf(list));
			return new FrameworkView(summary, items(id), Collections.unmodifiableMap(byType));
		});
	}

	public List<ItemView> items(long frameworkId) {
		return jdbc.sql("select * from assessment_item where framework_id = :id order by position, id")
				.param("id", frameworkId).query((rs, n) -> new ItemView(rs.getLong("id"), rs.getString("code"),
						rs.getString("name"), rs.getInt("position")))
				.list();
	}

	/** A criterion of any version by its id (observations and hand-overs name criteria by id). */
	public Optional<CriterionView> criterion(long id) {
		return criteriaWhere("c.id = :id", Map.of("id", id)).stream().findFirst();
	}

	/** The checklist of one place type in a version, in order; empty when the type has no criteria. */
	public List<CriterionView> criteria(long frameworkId, PlaceType type) {
		return criteriaWhere("c.framework_id = :id and c.place_type = :type", Map.of("id", frameworkId, "type",
				type.name()));
	}

	/** Whether any framework exists (the demo city's part is empty without). */
	public boolean isEmpty() {
		return jdbc.sql("select not exists (select 1 from assessment_framework)").query(Boolean.class).single();
	}

	/** The place type a workbook or form names: its enum name or its name in zh-CN, zh-TW or English. */
	public Optional<PlaceType> placeType(String name) {
		return Optional.ofNullable(name == null ? null : placeTypeNames.get(name.strip()));
	}

	Map<String, PlaceType> placeTypeNames() {
		return placeTypeNames;
	}

	/** A leaf category of casework that is in use: one a case can be reported in. */
	boolean leafCategory(String code) {
		return cases.category(code).filter(c -> c.leaf() && c.active()).isPresent();
	}

	/** The leaf categories in use, for the forms. */
	public List<CaseCategory> caseCategories() {
		return cases.categories().stream().filter(c -> c.leaf() && c.active()).toList();
	}

	// ---- drafts ----------------------------------------------------------------------------------

	/** A new, empty draft: the first version of a new name, or the next of a name with no draft open. */
	public long createDraft(String name, String description, String by) {
		String checkedName = name(name);
		String checkedDescription = description(description);
		return inTransaction(() -> {
			lockName(checkedName);
			return insertDraft(checkedName, checkedDescription, null, by);
		});
	}

	/**
	 * The next version of a published (or retired) one: same name, version + 1, {@code based_on_id}
	 * set, every item and criterion copied. The version it copies stays as it was.
	 */
	public long newVersion(long publishedId, String by) {
		return inTransaction(() -> {
			Row source = lockRow(publishedId);
			if (source.status == FrameworkStatus.DRAFT) {
				throw FrameworkRefusedException.conflict("basedOnId", "assessment.framework.error.copyDraft");
			}
			lockName(source.name);
			long id = insertDraft(source.name, source.description, source.id, by);
			jdbc.sql("""
					insert into assessment_item (framework_id, code, name, position)
					select :id, code, name, position from assessment_item where framework_id = :source""")
					.param("id", id).param("source", source.id).update();
			jdbc.sql("""
					insert into assessment_criterion (framework_id, item_id, place_type, code, text, full_marks, rule,
					    deduction, target, case_category, position)
					select :id, ni.id, c.place_type, c.code, c.text, c.full_marks, c.rule, c.deduction, c.target,
					    c.case_category, c.position
					from assessment_criterion c join assessment_item oi on oi.id = c.item_id
					join assessment_item ni on ni.framework_id = :id and ni.code = oi.code
					where c.framework_id = :source""").param("id", id).param("source", source.id).update();
			return id;
		});
	}

	/** A draft's name (only while it is version 1) and description. */
	public void describe(long id, String name, String description, String by) {
		String checkedName = name(name);
		String checkedDescription = description(description);
		inTransaction(() -> {
			Row row = lockDraft(id);
			if (!row.name.equals(checkedName)) {
				if (row.version != 1) {
					throw FrameworkRefusedException.invalid("name", "assessment.framework.error.renameVersion");
				}
				lockName(checkedName);
				if (nameTaken(checkedName)) {
					throw FrameworkRefusedException.conflict("name", "assessment.framework.error.nameTaken");
				}
			}
			jdbc.sql("update assessment_framework set name = :name, description = :description where id = :id")
					.param("name", checkedName).param("description", checkedDescription).param("id", id).update();
			return null;
		});
	}

	public long addItem(long frameworkId, String code, String name) {
		throwIfAny(CriterionRules.itemProblems(code, name));
		return inTransaction(() -> {
			lockDraft(frameworkId);
			if (itemId(frameworkId, code.strip()).isPresent()) {
				throw FrameworkRefusedException.conflict("code", "assessment.framework.error.itemCodeTaken");
			}
			return jdbc.sql("""
					insert into assessment_item (framework_id, code, name, position)
					values (:id, :code, :name, (select coalesce(max(position), 0) + 1 from assessment_item where framework_id = :id))
					returning id""").param("id", frameworkId).param("code", code.strip()).param("name", name.strip())
					.query(Long.class).single();
		});
	}

	public void editItem(long frameworkId, long itemId, String code, String name) {
		throwIfAny(CriterionRules.itemProblems(code, name));
		inTransaction(() -> {
			lockDraft(frameworkId);
			requireItem(frameworkId, itemId);
			Optional<Long> holder = itemId(frameworkId, code.strip());
			if (holder.isPresent() && holder.get() != itemId) {
				throw FrameworkRefusedException.conflict("code", "assessment.framework.error.itemCodeTaken");
			}
			jdbc.sql("update assessment_item set code = :code, name = :name where id = :item").param("code", code.strip())
					.param("name", name.strip()).param("item", itemId).update();
			return null;
		});
	}

	/** An item without criteria; one that still heads criteria is refused (move or remove them first). */
	public void removeItem(long frameworkId, long itemId) {
		inTransaction(() -> {
			lockDraft(frameworkId);
			requireItem(frameworkId, itemId);
			if (jdbc.sql("select exists (select 1 from assessment_criterion where item_id = :item)").param("item", itemId)
					.query(Boolean.class).single()) {
				throw FrameworkRefusedException.conflict("itemId", "assessment.framework.error.itemInUse");
			}
			jdbc.sql("delete from assessment_item where id = :item").param("item", itemId).update();
			return null;
		});
	}

	/** Moves an item one place up ({@code -1}) or down ({@code +1}); at either end nothing moves. */
	public void moveItem(long frameworkId, long itemId, int direction) {
		inTransaction(() -> {
			lockDraft(frameworkId);
			requireItem(frameworkId, itemId);
			swap("assessment_item", "framework_id = :framework", Map.of("framework", frameworkId), itemId, direction);
			return null;
		});
	}

	/** A criterion added at the end of its place type's checklist. */
	public long addCriterion(long frameworkId, CriterionDraft draft) {
		return inTransaction(() -> {
			lockDraft(frameworkId);
			CriterionRules.Checked c = check(frameworkId, draft);
			if (criterionId(frameworkId, c.code()).isPresent()) {
				throw FrameworkRefusedException.conflict("code", "assessment.framework.error.criterionCodeTaken");
			}
			return insertCriterion(frameworkId, c);
		});
	}

	/** A criterion changed in place; a new place type puts it at the end of that type's checklist. */
	public void editCriterion(long frameworkId, long criterionId, CriterionDraft draft) {
		inTransaction(() -> {
			lockDraft(frameworkId);
			CriterionView old = requireCriterion(frameworkId, criterionId);
			CriterionRules.Checked c = check(frameworkId, draft);
			Optional<Long> holder = criterionId(frameworkId, c.code());
			if (holder.isPresent() && holder.get() != criterionId) {
				throw FrameworkRefusedException.conflict("code", "assessment.framework.error.criterionCodeTaken");
			}
			jdbc.sql("""
					update assessment_criterion set item_id = (select id from assessment_item where framework_id = :f and code = :item),
					    place_type = :type, code = :code, text = :text, full_marks = :marks, rule = :rule, deduction = :deduction,
					    target = :target, case_category = :category,
					    position = case when place_type = :type then position
					        else (select coalesce(max(position), 0) + 1 from assessment_criterion where framework_id = :f and place_type = :type) end
					where id = :id""").param("f", frameworkId).param("item", c.itemCode())
					.param("type", c.placeType().name()).param("code", c.code()).param("text", c.text())
					.param("marks", c.rule().fullMarks()).param("rule", c.rule().rule().name())
					.param("deduction", c.rule().deduction()).param("target", c.rule().target())
					.param("category", c.caseCategory()).param("id", old.id()).update();
			return null;
		});
	}

	public void removeCriterion(long frameworkId, long criterionId) {
		inTransaction(() -> {
			lockDraft(frameworkId);
			requireCriterion(frameworkId, criterionId);
			jdbc.sql("delete from assessment_criterion where id = :id").param("id", criterionId).update();
			return null;
		});
	}

	/** Moves a criterion one place up ({@code -1}) or down ({@code +1}) in its place type's checklist. */
	public void moveCriterion(long frameworkId, long criterionId, int direction) {
		inTransaction(() -> {
			lockDraft(frameworkId);
			CriterionView c = requireCriterion(frameworkId, criterionId);
			swap("assessment_criterion", "framework_id = :framework and place_type = :type",
					Map.of("framework", frameworkId, "type", c.placeType().name()), criterionId, direction);
			return null;
		});
	}

	/**
	 * Publishes a draft with at least one criterion: frozen from now on. The version of the same name
	 * that was published before is retired (rounds that used it keep it).
	 */
	public void publish(long id, String by) {
		inTransaction(() -> {
			Row row = lockDraft(id);
			if (!jdbc.sql("select exists (select 1 from assessment_criterion where framework_id = :id)").param("id", id)
					.query(Boolean.class).single()) {
				throw FrameworkRefusedException.invalid("criteria", "assessment.framework.error.noCriteria");
			}
			jdbc.sql("update assessment_framework set status = 'RETIRED' where name = :name and status = 'PUBLISHED'")
					.param("name", row.name).update();
			jdbc.sql("""
					update assessment_framework set status = 'PUBLISHED', published_by = :by, published_at = :now
					where id = :id""").param("by", by).param("now", now()).param("id", id).update();
			return null;
		});
	}

	/** Deletes a draft (a draft is never used by a round: rounds take published versions only). */
	public void deleteDraft(long id) {
		inTransaction(() -> {
			lockDraft(id);
			if (jdbc.sql("select exists (select 1 from assessment_round where framework_id = :id)").param("id", id)
					.query(Boolean.class).single()) {
				throw FrameworkRefusedException.conflict("id", "assessment.framework.error.used");
			}
			jdbc.sql("delete from assessment_framework where id = :id").param("id", id).update();
			return null;
		});
	}

	/**
	 * A new draft holding the given items and criteria, checked as a whole: stored only when every one
	 * passes (the workbook import and the sample framework come this way).
	 *
	 * @param items code and name of each item, in order
	 * @param criteria in order; their positions follow the order within each place type
	 */
	public long createDraftWith(String name, String description, List<String[]> items, List<CriterionRules.Checked> criteria,
			String by) {
		String checkedName = name(name);
		String checkedDescription = description(description);
		return inTransaction(() -> {
			lockName(checkedName);
			long id = insertDraft(checkedName, checkedDescription, null, by);
			int position = 0;
			for (String[] item : items) {
				jdbc.sql("insert into assessment_item (framework_id, code, name, position) values (:id, :code, :name, :p)")
						.param("id", id).param("code", item[0]).param("name", item[1]).param("p", ++position).update();
			}
			for (CriterionRules.Checked c : criteria) {
				insertCriterion(id, c);
			}
			return id;
		});
	}

	// ---- helpers ---------------------------------------------------------------------------------

	CriterionRules.Checked check(long frameworkId, CriterionDraft draft) {
		Set<String> itemCodes = new HashSet<>();
		items(frameworkId).forEach(i -> itemCodes.add(i.code()));
		List<Problem> problems = new ArrayList<>();
		CriterionRules.Checked checked = CriterionRules.check(draft, itemCodes, placeTypeNames, this::leafCategory, problems);
		throwIfAny(problems);
		return checked;
	}

	private long insertCriterion(long frameworkId, CriterionRules.Checked c) {
		return jdbc.sql("""
				insert into assessment_criterion (framework_id, item_id, place_type, code, text, full_marks, rule, deduction,
				    target, case_category, position)
				values (:f, (select id from assessment_item where framework_id = :f and code = :item), :type, :code, :text,
				    :marks, :rule, :deduction, :target, :category,
				    (select coalesce(max(position), 0) + 1 from assessment_criterion where framework_id = :f and place_type = :type))
				returning id""").param("f", frameworkId).param("item", c.itemCode()).param("type", c.placeType().name())
				.param("code", c.code()).param("text", c.text()).param("marks", c.rule().fullMarks())
				.param("rule", c.rule().rule().name()).param("deduction", c.rule().deduction())
				.param("target", c.rule().target()).param("category", c.caseCategory()).query(Long.class).single();
	}

	private long insertDraft(String name, String description, Long basedOn, String by) {
		if (jdbc.sql("select exists (select 1 from assessment_framework where name = :name and status = 'DRAFT')")
				.param("name", name).query(Boolean.class).single()) {
			throw FrameworkRefusedException.conflict("name", "assessment.framework.error.draftExists");
		}
		int version = jdbc.sql("select coalesce(max(version), 0) + 1 from assessment_framework where name = :name")
				.param("name", name).query(Integer.class).single();
		return jdbc.sql("""
				insert into assessment_framework (name, version, status, description, based_on_id, created_by, created_at)
				values (:name, :version, 'DRAFT', :description, :basedOn, :by, :now) returning id""").param("name", name)
				.param("version", version).param("description", description).param("basedOn", basedOn).param("by", by)
				.param("now", now()).query(Long.class).single();
	}

	/** Swaps a row's position with its neighbour's in the given direction, within the rows the condition selects. */
	private void swap(String table, String within, Map<String, Object> params, long id, int direction) {
		String neighbour = direction < 0
				? "select id, position from " + table + " where " + within
						+ " and position < (select position from " + table + " where id = :id) order by position desc limit 1"
				: "select id, position from " + table + " where " + within
						+ " and position > (select position from " + table + " where id = :id) order by position limit 1";
		var statement = jdbc.sql(neighbour).param("id", id);
		for (var e : params.entrySet()) {
			statement = statement.param(e.getKey(), e.getValue());
		}
		Optional<long[]> other = statement.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2) }).optional();
		if (other.isEmpty()) {
			return;
		}
		int own = jdbc.sql("select position from " + table + " where id = :id").param("id", id).query(Integer.class).single();
		jdbc.sql("update " + table + " set position = :p where id = :id").param("p", (int) other.get()[1]).param("id", id)
				.update();
		jdbc.sql("update " + table + " set position = :p where id = :id").param("p", own).param("id", other.get()[0])
				.update();
	}

	/** Serialises drafts of one name (no two drafts, no version number taken twice). */
	private void lockName(String name) {
		jdbc.sql("select pg_advisory_xact_lock(hashtextextended('assessment_framework:' || :name, 0))").param("name", name)
				.query((rs, n) -> 1).list();
	}

	private boolean nameTaken(String name) {
		return jdbc.sql("select exists (select 1 from assessment_framework where name = :name)").param("name", name)
				.query(Boolean.class).single();
	}

	private Row lockRow(long id) {
		return jdbc.sql("select * from assessment_framework where id = :id for update").param("id", id)
				.query(Frameworks::row).optional().orElseThrow(() -> FrameworkRefusedException.notFound("id"));
	}

	private Row lockDraft(long id) {
		Row row = lockRow(id);
		if (row.status != FrameworkStatus.DRAFT) {
			throw FrameworkRefusedException.frozen();
		}
		return row;
	}

	private void requireItem(long frameworkId, long itemId) {
		if (!jdbc.sql("select exists (select 1 from assessment_item where id = :item and framework_id = :f)")
				.param("item", itemId).param("f", frameworkId).query(Boolean.class).single()) {
			throw FrameworkRefusedException.notFound("itemId");
		}
	}

	private CriterionView requireCriterion(long frameworkId, long criterionId) {
		return criterion(criterionId).filter(c -> c.frameworkId() == frameworkId)
				.orElseThrow(() -> FrameworkRefusedException.notFound("criterionId"));
	}

	private Optional<Long> itemId(long frameworkId, String code) {
		return jdbc.sql("select id from assessment_item where framework_id = :f and code = :code").param("f", frameworkId)
				.param("code", code).query(Long.class).optional();
	}

	private Optional<Long> criterionId(long frameworkId, String code) {
		return jdbc.sql("select id from assessment_criterion where framework_id = :f and code = :code")
				.param("f", frameworkId).param("code", code).query(Long.class).optional();
	}

	private List<CriterionView> criteriaWhere(String condition, Map<String, Object> params) {
		var statement = jdbc.sql("""
				select c.*, i.code as item_code, i.name as item_name from assessment_criterion c
				join assessment_item i on i.id = c.item_id where\s""" + condition + " order by c.place_type, c.position, c.id");
		for (var e : params.entrySet()) {
			statement = statement.param(e.getKey(), e.getValue());
		}
		return statement.query(Frameworks::criterionRow).list();
	}

	private static CriterionView criterionRow(ResultSet rs, int n) throws SQLException {
		Scoring.Rule rule = new Scoring.Rule(ScoringRule.valueOf(rs.getString("rule")), rs.getBigDecimal("full_marks"),
				rs.getBigDecimal("deduction"), rs.getObject("target", Integer.class));
		return new CriterionView(rs.getLong("id"), rs.getLong("framework_id"), rs.getString("code"),
				rs.getString("item_code"), rs.getString("item_name"), PlaceType.valueOf(rs.getString("place_type")),
				rs.getString("text"), rule, rs.getString("case_category"), rs.getInt("position"));
	}

	private FrameworkSummary summary(Row row) {
		Map<PlaceType, FrameworkSummary.TypeTotal> totals = new EnumMap<>(PlaceType.class);
		jdbc.sql("""
				select place_type, count(*) as n, sum(full_marks) as marks from assessment_criterion where framework_id = :id
				group by place_type""").param("id", row.id).query((rs, n) -> totals.put(
				PlaceType.valueOf(rs.getString("place_type")),
				new FrameworkSummary.TypeTotal(rs.getInt("n"), rs.getBigDecimal("marks")))).list();
		int items = jdbc.sql("select count(*) from assessment_item where framework_id = :id").param("id", row.id)
				.query(Integer.class).single();
		int rounds = jdbc.sql("select count(*) from assessment_round where framework_id = :id").param("id", row.id)
				.query(Integer.class).single();
		return row.summary(items, totals, rounds);
	}

	private Map<Long, Integer> counts(String sql) {
		Map<Long, Integer> counts = new HashMap<>();
		jdbc.sql(sql).query((rs, n) -> counts.put(rs.getLong(1), rs.getInt(2))).list();
		return counts;
	}

	private static String name(String name) {
		String value = CriterionRules.strip(name);
		if (!CriterionRules.text(value, 100)) {
			throw FrameworkRefusedException.invalid("name", "assessment.framework.error.name");
		}
		return value;
	}

	private static String description(String description) {
		String value = CriterionRules.strip(description);
		if (value.isEmpty()) {
			return null;
		}
		if (value.codePointCount(0, value.length()) > 2000 || value.codePoints()
				.anyMatch(c -> c != '\n' && c != '\r' && (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT))) {
			throw FrameworkRefusedException.invalid("description", "assessment.framework.error.description");
		}
		return value;
	}

	static void throwIfAny(List<Problem> problems) {
		if (!problems.isEmpty()) {
			throw new FrameworkRefusedException(Kind.INVALID, problems);
		}
	}

	private Timestamp now() {
		return Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS));
	}

	/** Runs a change in a transaction; the trigger's refusal comes back as the service's own. */
	private <T> T inTransaction(java.util.function.Supplier<T> work) {
		try {
			return transactions.execute(tx -> work.get());
		}
		catch (DataAccessException ex) {
			if (frozenByDatabase(ex)) {
				throw FrameworkRefusedException.frozen();
			}
			throw ex;
		}
	}

	/** Whether the database refused a change because the framework is published (the V39 trigger). */
	public static boolean frozenByDatabase(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && FROZEN_STATE.equals(sql.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong("id"), rs.getString("name"), rs.getInt("version"),
				FrameworkStatus.valueOf(rs.getString("status")), rs.getString("description"),
				rs.getObject("based_on_id", Long.class), rs.getString("created_by"), time(rs, "created_at"),
				rs.getString("published_by"), time(rs, "published_at"));
	}

	private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.atZoneSameInstant(CityTime.ZONE).toOffsetDateTime();
	}

	private record Row(long id, String name, int version, FrameworkStatus status, String description, Long basedOnId,
			String createdBy, OffsetDateTime createdAt, String publishedBy, OffsetDateTime publishedAt) {

		FrameworkSummary summary(int items, Map<PlaceType, FrameworkSummary.TypeTotal> totals, int rounds) {
			Map<PlaceType, FrameworkSummary.TypeTotal> byType = new LinkedHashMap<>();
			int criteria = 0;
			for (PlaceType type : PlaceType.values()) {
				FrameworkSummary.TypeTotal total = totals.getOrDefault(type, new FrameworkSummary.TypeTotal(0, BigDecimal.ZERO));
				byType.put(type, total);
				criteria += total.criteria();
			}
			return new FrameworkSummary(id, name, version, status, description, basedOnId, createdBy, createdAt,
					publishedBy, publishedAt, items, criteria, Collections.unmodifiableMap(byType), rounds);
		}
	}
}

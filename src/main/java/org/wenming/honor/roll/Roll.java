package org.wenming.honor.roll;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.honor.HonorCategory;
import org.wenming.honor.Honour;
import org.wenming.honor.vetting.Office;
import org.wenming.honor.vetting.VettingRefusedException;
import org.wenming.region.FieldProblem;
import org.wenming.region.Regions;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopedUser;

/**
 * 发布: after the notice period the city's office publishes the nominations in review (each with a given
 * consent and no upheld objection) on its roll for the quarter ({@code PUBLISHED}, a {@code CITY_GOOD} entry),
 * or rejects one with a reason; and records the province's and the nation's picks and the moral models as
 * external decisions with their document. Staff of the city (or a system administrator) only, in scope.
 */
@Service
public class Roll {

	public static final int REASON_MAX = 1000;

	public static final int DOCUMENT_MAX = 200;

	public static final int PUBLISH_MAX = 500;

	private final JdbcClient jdbc;

	private final Regions regions;

	private final Clock clock;

	private final HonourDocuments documents;

	Roll(JdbcClient jdbc, Regions regions, Clock clock, HonourDocuments documents) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.clock = clock;
		this.documents = documents;
	}

	/** A nomination in review, with what blocks its publication. */
	public record InReview(long id, String number, HonorCategory category, String nomineeName, String title,
			String regionName, String quarter, boolean consented, long upheldObjections, long openObjections) {
	}

	/** A roll entry as staff see it (the roll of the nominations in scope, consented or not). */
	public record Entry(long id, long nominationId, String number, Honour honour, String period, String nomineeName,
			String regionName, String decisionDocument, Instant publishedAt, boolean consented) {
	}

	private Office cityOffice(ScopedUser user) {
		Office office = Office.of(user, regions).orElseThrow(() -> new AccessDeniedException("office staff only"));
		NoticePeriods.requireCityOffice(office);
		return office;
	}

	/** The nominations in review in scope. */
	@Transactional(readOnly = true)
	public List<InReview> inReview(ScopedUser user) {
		cityOffice(user);
		return jdbc.sql("""
				select n.id, n.number, n.category, n.nominee_name, n.title, r.name, n.quarter,
				    exists (select 1 from honor_consent c where c.nomination_id = n.id and c.status = 'GIVEN'),
				    (select count(*) from honor_objection o where o.nomination_id = n.id and o.upheld),
				    (select count(*) from honor_objection o where o.nomination_id = n.id and o.status = 'RECEIVED')
				from honor_nomination n join published_region r on r.code = n.region_code
				where n.status = 'REVIEW' and n.region_path >= :lower and n.region_path < :upper
				order by n.quarter desc, n.id limit 500""").param("lower", user.scope().lower())
			.param("upper", user.scope().upper())
			.query((rs, i) -> new InReview(rs.getLong(1), rs.getString(2), HonorCategory.valueOf(rs.getString(3)),
					rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8), rs.getLong(9),
					rs.getLong(10)))
			.list();
	}

	/** The latest roll entries in scope (staff view). */
	@Transactional(readOnly = true)
	public List<Entry> entries(ScopedUser user, int limit) {
		cityOffice(user);
		return jdbc.sql("""
				select e.id, e.nomination_id, n.number, e.honour, e.period, n.nominee_name, r.name, e.decision_document,
				    e.published_at,
				    exists (select 1 from honor_consent c where c.nomination_id = n.id and c.status = 'GIVEN')
				from honor_roll_entry e join honor_nomination n on n.id = e.nomination_id
				join published_region r on r.code = n.region_code
				where n.region_path >= :lower and n.region_path < :upper
				order by e.published_at desc, e.id desc limit :limit""").param("lower", user.scope().lower())
			.param("upper", user.scope().upper()).param("limit", Math.max(1, Math.min(limit, 500)))
			.query((rs, i) -> new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), Honour.valueOf(rs.getString(4)),
					rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getTimestamp(9).toInstant(),
					rs.getBoolean(10)))
			.list();
	}

	/**
	 * Publishes nominations in review on the city's roll for the quarter.
	 *
	 * @return the roll entries' ids
	 * @throws VettingRefusedException 400 naming {@code quarter} or {@code nominationIds[n]} (not in review, no
	 *         given consent, an upheld objection); nothing is stored
	 */
	@Transactional
	public List<Long> publish(List<Long> nominationIds, String quarter, ScopedUser user) {
		cityOffice(user);
		List<FieldProblem> problems = new ArrayList<>();
		if (quarter == null || !Honour.CITY_GOOD.fits(quarter.strip())) {
			problems.add(new FieldProblem("quarter", "honor.roll.error.quarter"));
		}
		Set<Long> ids = ChosenNominations.of(nominationIds, PUBLISH_MAX, problems);
		if (!problems.isEmpty()) {
			throw new VettingRefusedException(VettingRefusedException.Kind.INVALID, problems);
		}
		int index = 0;
		for (Long id : ids) {
			String field = "nominationIds[" + index++ + "]";
			Map<String, Object> row = lockRow(id);
			if (row == null || !user.scope().covers((String) row.get("region_path"))) {
				problems.add(new FieldProblem(field, "honor.roll.error.unknownNomination"));
			}
			else if (!"REVIEW".equals(row.get("status"))) {
				problems.add(new FieldProblem(field, "honor.roll.error.notInReview"));
			}
			else if (!Boolean.TRUE.equals(row.get("consented"))) {
				problems.add(new FieldProblem(field, "honor.roll.error.noConsent"));
			}
			else if (((Number) row.get("upheld")).longValue() > 0) {
				problems.add(new FieldProblem(field, "honor.roll.error.upheldObjection"));
			}
		}
		if (!problems.isEmpty()) {
			throw new VettingRefusedException(VettingRefusedException.Kind.INVALID, problems);
		}
		Instant now = clock.instant();
		List<Long> entries = new ArrayList<>();
		for (Long id : ids) {
			entries.add(jdbc.sql("""
					insert into honor_roll_entry (nomination_id, honour, period, published_by, published_at)
					values (:id, 'CITY_GOOD', :period, :by, :now) returning id""").param("id", id)
				.param("period", quarter.strip()).param("by", user.username()).param("now", now.atOffset(ZoneOffset.UTC))
				.query(Long.class).single());
			jdbc.sql("""
					update honor_nomination set status = 'PUBLISHED', updated_at = :now, version = version + 1
					where id = :id""").param("id", id).param("now", now.atOffset(ZoneOffset.UTC)).update();
		}
		// on the roll, with consent given: the search hears of each entry in this transaction
		entries.forEach(documents::tell);
		return entries;
	}

	/**
	 * Rejects a nomination in review (an upheld objection, or the office's second thought), with a reason
	 * recorded as the city's vetting decision.
	 */
	@Transactional
	public void reject(long nominationId, String reason, ScopedUser user) {
		Office office = cityOffice(user);
		String why = reason == null ? "" : reason.strip();
		if (why.isEmpty()) {
			throw VettingRefusedException.invalid("reason", "honor.vetting.error.reasonRequired");
		}
		if (why.length() > REASON_MAX) {
			throw VettingRefusedException.invalid("reason", "honor.vetting.error.reasonLong");
		}
		Map<String, Object> row = lockRow(nominationId);
		if (row == null || !user.scope().covers((String) row.get("region_path"))) {
			throw new OutOfScopeException("honour nomination", String.valueOf(nominationId));
		}
		if (!"REVIEW".equals(row.get("status"))) {
			throw VettingRefusedException.conflict("status", "honor.roll.error.notInReview");
		}
		Instant now = clock.instant();
		jdbc.sql("""
				update honor_nomination set status = 'REJECTED', vetting_level = null, updated_at = :now,
				    version = version + 1 where id = :id""").param("id", nominationId)
			.param("now", now.atOffset(ZoneOffset.UTC)).update();
		String officeRegion = !office.everything() && office.region() != null ? office.region().code()
				: Office.officeCode((String) row.get("region_path"), org.wenming.honor.VettingLevel.CITY);
		jdbc.sql("""
				insert into honor_vetting (nomination_id, level, office_region, decision, reason, decided_by, decided_at)
				values (:id, 'CITY', :office, 'REJECT', :reason, :by, :at)""").param("id", nominationId)
			.param("office", officeRegion).param("reason", why).param("by", user.username())
			.param("at", now.atOffset(ZoneOffset.UTC)).update();
	}

	/**
	 * Records an external decision: the province's or the nation's pick of a good person from the city's
	 * roll, or a moral model (a year's period). {@code NATION_GOOD} needs {@code PROVINCE_GOOD} first; every
	 * honour but {@code CITY_GOOD} needs the decision document.
	 *
	 * @return the roll entry's id
	 * @throws VettingRefusedException 400 naming {@code honour}, {@code period}, {@code decisionDocument} or
	 *         {@code nominationId}; nothing is stored
	 */
	@Transactional
	public long recordPick(long nominationId, Honour honour, String period, String decisionDocument, ScopedUser user) {
		cityOffice(user);
		List<FieldProblem> problems = new ArrayList<>();
		if (honour == null || honour == Honour.CITY_GOOD) {
			problems.add(new FieldProblem("honour", "honor.roll.error.honour"));
		}
		else if (!honour.fits(period == null ? null : period.strip())) {
			problems.add(new FieldProblem("period", honour.kind() == Honour.Kind.MORAL_MODEL
					? "honor.roll.error.periodYear" : "honor.roll.error.quarter"));
		}
		String document = decisionDocument == null ? "" : decisionDocument.strip();
		if (document.isEmpty()) {
			problems.add(new FieldProblem("decisionDocument", "honor.roll.error.documentRequired"));
		}
		else if (document.length() > DOCUMENT_MAX) {
			problems.add(new FieldProblem("decisionDocument", "honor.roll.error.documentLong"));
		}
		if (!problems.isEmpty()) {
			throw new VettingRefusedException(VettingRefusedException.Kind.INVALID, problems);
		}
		Map<String, Object> row = lockRow(nominationId);
		if (row == null || !user.scope().covers((String) row.get("region_path"))) {
			throw new OutOfScopeException("honour nomination", String.valueOf(nominationId));
		}
		if (!"PUBLISHED".equals(row.get("status"))) {
			throw VettingRefusedException.invalid("nominationId", "honor.roll.error.notPublished");
		}
		List<String> held = jdbc.sql("select honour from honor_roll_entry where nomination_id = :id")
			.param("id", nominationId).query(String.class).list();
		if (held.contains(honour.name())) {
			throw VettingRefusedException.invalid("honour", "honor.roll.error.already");
		}
		if (honour == Honour.NATION_GOOD && !held.contains(Honour.PROVINCE_GOOD.name())) {
			throw VettingRefusedException.invalid("honour", "honor.roll.error.provinceFirst");
		}
		long entry = jdbc.sql("""
				insert into honor_roll_entry (nomination_id, honour, period, decision_document, published_by, published_at)
				values (:id, :honour, :period, :document, :by, :now) returning id""").param("id", nominationId)
			.param("honour", honour.name()).param("period", period.strip()).param("document", document)
			.param("by", user.username()).param("now", clock.instant().atOffset(ZoneOffset.UTC)).query(Long.class)
			.single();
		documents.tell(entry);
		return entry;
	}

	private Map<String, Object> lockRow(long id) {
		jdbc.sql("select 1 from honor_nomination where id = :id for update").param("id", id).query().listOfRows();
		return jdbc.sql("""
				select n.status, n.region_path,
				    exists (select 1 from honor_consent c where c.nomination_id = n.id and c.status = 'GIVEN') as consented,
				    (select count(*) from honor_objection o where o.nomination_id = n.id and o.upheld) as upheld
				from honor_nomination n where n.id = :id""").param("id", id).query().listOfRows().stream().findFirst()
			.orElse(null);
	}
}

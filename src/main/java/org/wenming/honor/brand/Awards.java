package org.wenming.honor.brand;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.wenming.platform.ObjectStore;
import org.wenming.platform.ObjectStores;
import org.wenming.region.FieldProblem;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopedUser;

/**
 * Awards (荣誉) of brand projects, teams, practice sites and volunteers: title, issuer, level, year and an
 * optional document (a PDF checked by content, kept in the object store's {@code honor} area). Exactly one
 * subject, in the staff member's scope; the award takes the subject's region as its scope. The public lists
 * show the awards of projects, teams and sites only: never a volunteer's.
 */
@Service
@EnableConfigurationProperties(BrandProperties.class)
public class Awards {

	/** The subjects an award may have, and the views their region comes from. */
	public enum Subject {
		PROJECT("honor_brand_project", "project_id"), TEAM("published_team", "team_id"),
		SITE("published_practice_site", "site_id"), VOLUNTEER("published_volunteer", "volunteer_id");

		final String view;

		final String column;

		Subject(String view, String column) {
			this.view = view;
			this.column = column;
		}

		public String messageKey() {
			return "honor.brand.subject." + name();
		}
	}

	private static final String COLUMNS = """
			a.id, a.project_id, a.team_id, a.site_id, a.volunteer_id, a.title, a.issuer, a.level, a.year,
			a.document_key is not null as has_document, a.region_path,
			coalesce(p.name, t.name, s.name, v.real_name) as subject_name""";

	private static final String FROM = """
			honor_award a
			left join honor_brand_project p on p.id = a.project_id
			left join published_team t on t.id = a.team_id
			left join published_practice_site s on s.id = a.site_id
			left join published_volunteer v on v.id = a.volunteer_id""";

	private final JdbcClient jdbc;

	private final ObjectStore files;

	private final BrandProperties properties;

	Awards(JdbcClient jdbc, ObjectStores stores, BrandProperties properties) {
		this.jdbc = jdbc;
		this.files = stores.area("honor", null);
		this.properties = properties;
	}

	public BrandProperties properties() {
		return properties;
	}

	/** An award's fields as submitted; {@code subject} is PROJECT, TEAM, SITE or VOLUNTEER. */
	public record Draft(String subject, String subjectId, String title, String issuer, String level, String year) {
	}

	private record Checked(Subject subject, long subjectId, String regionPath, String title, String issuer,
			AwardLevel level, int year) {
	}

	/**
	 * Records an award, with its document when {@code document} is not null.
	 *
	 * @throws BrandRefusedException naming the fields (a document that is not a PDF: {@code document}); nothing
	 *     stored
	 */
	@Transactional
	public Award create(Draft draft, byte[] document, ScopedUser user) {
		BrandProjects.requireManaging(user);
		Checked c = check(draft, document, user);
		String key = document == null ? null : store(document);
		long id = jdbc.sql("""
				insert into honor_award (project_id, team_id, site_id, volunteer_id, title, issuer, level, year, document_key,
				    region_path, recorded_by, recorded_at)
				values (:project, :team, :site, :volunteer, :title, :issuer, :level, :year, :key, :path, :by, :at)
				returning id""")
				.param("project", c.subject() == Subject.PROJECT ? c.subjectId() : null, java.sql.Types.BIGINT)
				.param("team", c.subject() == Subject.TEAM ? c.subjectId() : null, java.sql.Types.BIGINT)
				.param("site", c.subject() == Subject.SITE ? c.subjectId() : null, java.sql.Types.BIGINT)
				.param("volunteer", c.subject() == Subject.VOLUNTEER ? c.subjectId() : null, java.sql.Types.BIGINT)
				.param("title", c.title()).param("issuer", c.issuer()).param("level", c.level().name())
				.param("year", c.year()).param("key", key, java.sql.Types.VARCHAR).param("path", c.regionPath())
				.param("by", user.username()).param("at", java.sql.Timestamp.from(Instant.now()))
				.query(Long.class).single();
		if (key != null) {
			documentEvent(id, "ATTACH", key, user);
		}
		return find(id).orElseThrow();
	}

	/**
	 * Changes an award's fields (and its subject); a new document replaces the old one, none keeps it.
	 *
	 * @throws BrandRefusedException naming the fields; nothing stored
	 */
	@Transactional
	public Award update(long id, Draft draft, byte[] document, ScopedUser user) {
		Award award = findForStaff(id, user);
		Checked c = check(draft, document, user);
		String key = document == null ? null : store(document);
		String replaced = key == null ? null
				: jdbc.sql("select document_key from honor_award where id = :id for update").param("id", award.id())
					.query(String.class).optional().orElse(null);
		jdbc.sql("""
				update honor_award set project_id = :project, team_id = :team, site_id = :site, volunteer_id = :volunteer,
				    title = :title, issuer = :issuer, level = :level, year = :year, region_path = :path,
				    document_key = coalesce(:key, document_key)
				where id = :id""")
				.param("project", c.subject() == Subject.PROJECT ? c.subjectId() : null, java.sql.Types.BIGINT)
				.param("team", c.subject() == Subject.TEAM ? c.subjectId() : null, java.sql.Types.BIGINT)
				.param("site", c.subject() == Subject.SITE ? c.subjectId() : null, java.sql.Types.BIGINT)
				.param("volunteer", c.subject() == Subject.VOLUNTEER ? c.subjectId() : null, java.sql.Types.BIGINT)
				.param("title", c.title()).param("issuer", c.issuer()).param("level", c.level().name())
				.param("year", c.year()).param("key", key, java.sql.Types.VARCHAR).param("path", c.regionPath())
				.param("id", award.id()).update();
		if (key != null) {
			if (replaced != null) {
				documentEvent(award.id(), "REMOVE", replaced, user);
				deleteAfterCommit(replaced);
			}
			documentEvent(award.id(), "ATTACH", key, user);
		}
		return find(id).orElseThrow();
	}

	/**
	 * Removes an award's document: the row forgets it, the removal is recorded (who, when, which object) and the
	 * object is deleted from the store once the change commits.
	 *
	 * @throws OutOfScopeException (404) when the award lies outside the scope or has no document
	 */
	@Transactional
	public void removeDocument(long id, ScopedUser user) {
		Award award = findForStaff(id, user);
		String key = jdbc.sql("""
				update honor_award a set document_key = null
				from (select id, document_key from honor_award where id = :id for update) old
				where a.id = old.id and old.document_key is not null
				returning old.document_key""").param("id", award.id()).query(String.class).optional()
			.orElseThrow(() -> new OutOfScopeException("honor-award-document", String.valueOf(id)));
		documentEvent(award.id(), "REMOVE", key, user);
		deleteAfterCommit(key);
	}

	private void documentEvent(long awardId, String action, String key, ScopedUser user) {
		jdbc.sql("""
				insert into honor_award_document_event (award_id, action, document_key, acted_by, acted_at)
				values (:award, :action, :key, :by, :at)""").param("award", awardId).param("action", action)
			.param("key", key).param("by", user.username()).param("at", java.sql.Timestamp.from(Instant.now()))
			.update();
	}

	/** Deletes a document's object once the transaction commits (kept when it rolls back). */
	private void deleteAfterCommit(String key) {
		Runnable delete = () -> {
			try {
				files.delete(key);
			}
			catch (RuntimeException ex) {
				// a stray object is harmless: no row names it any more
				org.slf4j.LoggerFactory.getLogger(Awards.class).warn("Could not delete the award document object: {}",
						ex.getClass().getSimpleName());
			}
		};
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					delete.run();
				}
			});
		}
		else {
			delete.run();
		}
	}

	/** @throws OutOfScopeException when there is none or it lies outside the scope (answered as not found) */
	public Award findForStaff(long id, ScopedUser user) {
		BrandProjects.requireManaging(user);
		return find(id).filter(a -> user.scope().covers(a.regionPath()))
				.orElseThrow(() -> new OutOfScopeException("honor-award", String.valueOf(id)));
	}

	/** An award's document, for staff in scope; empty when it has none. */
	public Optional<InputStream> documentForStaff(long id, ScopedUser user) {
		findForStaff(id, user);
		String key = jdbc.sql("select document_key from honor_award where id = :id").param("id", id)
				.query(String.class).optional().orElse(null);
		return key == null ? Optional.empty() : files.get(key);
	}

	public Optional<Award> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from " + FROM + " where a.id = :id").param("id", id)
				.query(Awards::row).optional();
	}

	/** Every award in a scope (volunteers' too: for staff), newest year first, at most {@code limit}. */
	public List<Award> in(DataScope scope, int limit) {
		return jdbc.sql("select " + COLUMNS + " from " + FROM + " where a.region_path >= :lower and a.region_path < :upper"
				+ " order by a.year desc, a.level desc, a.id desc limit :limit").param("lower", scope.lower())
				.param("upper", scope.upper()).param("limit", limit).query(Awards::row).list();
	}

	/** The public awards in a scope: projects', teams' and sites' (never a volunteer's), newest year first. */
	public List<Award> publicIn(DataScope scope, int limit) {
		return jdbc.sql("select " + COLUMNS + " from " + FROM + " where a.region_path >= :lower and a.region_path < :upper"
				+ " and a.volunteer_id is null and (a.project_id is null or p.status = 'ACTIVE')"
				+ " order by a.year desc, a.level desc, a.id desc limit :limit").param("lower", scope.lower())
				.param("upper", scope.upper()).param("limit", limit).query(Awards::row).list();
	}

	/** The awards of one subject (public for projects, teams and sites), newest first. */
	public List<Award> of(Subject subject, long id) {
		if (subject == Subject.VOLUNTEER) {
			throw new IllegalArgumentException("a volunteer's awards are not public");
		}
		return jdbc.sql("select " + COLUMNS + " from " + FROM + " where a." + subject.column + " = :id"
				+ " order by a.year desc, a.level desc, a.id desc").param("id", id).query(Awards::row).list();
	}

	/** The awards of these projects (public), newest first. */
	public List<Award> ofProjects(List<Long> projectIds) {
		if (projectIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("select " + COLUMNS + " from " + FROM + " where a.project_id in (:ids)"
				+ " order by a.year desc, a.level desc, a.id desc").param("ids", projectIds).query(Awards::row).list();
	}

	private Checked check(Draft draft, byte[] document, ScopedUser user) {
		List<FieldProblem> problems = new ArrayList<>();
		Subject subject = null;
		String kind = BrandProjects.trim(draft.subject());
		for (Subject s : Subject.values()) {
			if (s.name().equals(kind)) {
				subject = s;
			}
		}
		if (subject == null) {
			problems.add(new FieldProblem("subject", "honor.brand.error.subject"));
		}
		Long subjectId = BrandProjects.optionalId(draft.subjectId());
		String path = null;
		if (subjectId == null || subjectId < 0) {
			problems.add(new FieldProblem("subjectId", "honor.brand.error.subjectId"));
		}
		else if (subject != null) {
			path = jdbc.sql("select region_path from " + subject.view + " where id = :id").param("id", subjectId)
					.query(String.class).optional().filter(p -> user.scope().covers(p)).orElse(null);
			if (path == null) {
				problems.add(new FieldProblem("subjectId", "honor.brand.error.subjectId"));
			}
		}
		String title = BrandProjects.trim(draft.title());
		if (title == null || title.length() > 200) {
			problems.add(new FieldProblem("title", "honor.brand.error.title"));
		}
		String issuer = BrandProjects.trim(draft.issuer());
		if (issuer == null || issuer.length() > 200) {
			problems.add(new FieldProblem("issuer", "honor.brand.error.issuer"));
		}
		AwardLevel level = null;
		for (AwardLevel l : AwardLevel.values()) {
			if (l.name().equals(BrandProjects.trim(draft.level()))) {
				level = l;
			}
		}
		if (level == null) {
			problems.add(new FieldProblem("level", "honor.brand.error.level"));
		}
		String year = BrandProjects.trim(draft.year());
		int thisYear = java.time.Year.now(org.wenming.shared.CityTime.ZONE).getValue();
		if (year == null || !year.matches("\\d{4}") || Integer.parseInt(year) < 1949 || Integer.parseInt(year) > thisYear) {
			problems.add(new FieldProblem("year", "honor.brand.error.year"));
		}
		if (document != null) {
			String problem = AwardDocuments.problem(document, properties.documentMaxBytes());
			if (problem != null) {
				problems.add(new FieldProblem("document", problem));
			}
		}
		if (!problems.isEmpty()) {
			throw new BrandRefusedException(problems);
		}
		return new Checked(subject, subjectId, path, title, issuer, level, Integer.parseInt(year));
	}

	/** Keeps a checked document; removed again when the transaction does not commit. */
	private String store(byte[] document) {
		String key = "awards/" + UUID.randomUUID() + ".pdf";
		files.put(key, document);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					if (status != STATUS_COMMITTED) {
						files.delete(key);
					}
				}
			});
		}
		return key;
	}

	private static Award row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
		Subject subject;
		long id;
		if (rs.getObject("project_id") != null) {
			subject = Subject.PROJECT;
			id = rs.getLong("project_id");
		}
		else if (rs.getObject("team_id") != null) {
			subject = Subject.TEAM;
			id = rs.getLong("team_id");
		}
		else if (rs.getObject("site_id") != null) {
			subject = Subject.SITE;
			id = rs.getLong("site_id");
		}
		else {
			subject = Subject.VOLUNTEER;
			id = rs.getLong("volunteer_id");
		}
		return new Award(rs.getLong("id"), subject.name(), id, rs.getString("subject_name"), rs.getString("title"),
				rs.getString("issuer"), AwardLevel.valueOf(rs.getString("level")), rs.getInt("year"),
				rs.getBoolean("has_document"), rs.getString("region_path"));
	}
}

package org.wenming.commendation;

import java.io.InputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.wenming.platform.ObjectStore;
import org.wenming.platform.ObjectStores;
import org.wenming.platform.PdfDocuments;
import org.wenming.region.FieldProblem;
import org.wenming.shared.CityTime;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;

/**
 * Commendations (表彰) of volunteers and teams. Office staff record them for a subject in their region scope
 * (the subject's region becomes the commendation's scope); a document is a PDF by content, kept in the object
 * store's {@code commendation} area. A volunteer's commendations are theirs and staff's in scope, never
 * public; the honours' published good people linked to the volunteer are read from the honours' consented
 * view and shown among them, so a withdrawn consent takes the entry away here too.
 */
@Service
@EnableConfigurationProperties(CommendationProperties.class)
public class Commendations {

	/** Who records commendations: the offices (and the system administrator), in their scope. */
	public static final Set<String> RECORDING_ROLES = Set.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF);

	private static final LocalDate EARLIEST = LocalDate.of(1949, 10, 1);

	private static final String COLUMNS = """
			c.id, c.volunteer_id, c.team_id, c.title, c.issuer, c.level, c.awarded_on,
			c.document_key is not null as has_document, c.region_path, coalesce(v.real_name, t.name) as subject_name""";

	private static final String FROM = """
			commendation c
			left join published_volunteer v on v.id = c.volunteer_id
			left join published_team t on t.id = c.team_id""";

	private final JdbcClient jdbc;

	private final ObjectStore files;

	private final CommendationProperties properties;

	Commendations(JdbcClient jdbc, ObjectStores stores, CommendationProperties properties) {
		this.jdbc = jdbc;
		this.files = stores.area("commendation", null);
		this.properties = properties;
	}

	public CommendationProperties properties() {
		return properties;
	}

	public static boolean mayRecord(ScopedUser user) {
		return user != null && user.roles().stream().anyMatch(RECORDING_ROLES::contains);
	}

	/**
	 * A commendation as submitted: exactly one of {@code volunteerNumber} (the volunteer's unified number) and
	 * {@code teamId}; {@code level} DISTRICT, CITY, PROVINCE or NATION; {@code awardedOn} yyyy-MM-dd.
	 */
	public record Draft(String volunteerNumber, String teamId, String title, String issuer, String level,
			String awardedOn) {
	}

	private record Checked(Long volunteerId, Long teamId, String regionPath, String title, String issuer,
			CommendationLevel level, LocalDate awardedOn) {
	}

	/**
	 * Records a commendation, with its document when {@code document} is not null.
	 *
	 * @throws CommendationRefusedException naming the fields; nothing stored
	 * @throws OutOfScopeException (404) when the person may not record commendations at all
	 */
	@Transactional
	public Commendation create(Draft draft, byte[] document, ScopedUser staff) {
		requireRecording(staff);
		Checked c = check(draft, document, staff);
		String key = document == null ? null : store(document);
		long id = jdbc.sql("""
				insert into commendation (volunteer_id, team_id, title, issuer, level, awarded_on, document_key,
				    region_path, recorded_by, recorded_at)
				values (:volunteer, :team, :title, :issuer, :level, :on, :key, :path, :by, :at) returning id""")
			.param("volunteer", c.volunteerId(), java.sql.Types.BIGINT).param("team", c.teamId(), java.sql.Types.BIGINT)
			.param("title", c.title()).param("issuer", c.issuer()).param("level", c.level().name())
			.param("on", c.awardedOn()).param("key", key, java.sql.Types.VARCHAR).param("path", c.regionPath())
			.param("by", staff.username()).param("at", Timestamp.from(Instant.now())).query(Long.class).single();
		return find(id).orElseThrow();
	}

	/** @throws OutOfScopeException when there is none or it lies outside the scope (answered as not found) */
	public Commendation findForStaff(long id, ScopedUser staff) {
		requireRecording(staff);
		return find(id).filter(c -> staff.scope().covers(c.regionPath()))
			.orElseThrow(() -> new OutOfScopeException("commendation", String.valueOf(id)));
	}

	/** The commendations recorded in a scope, newest first, at most {@code limit}. */
	public List<Commendation> in(DataScope scope, int limit) {
		return jdbc.sql("select " + COLUMNS + " from " + FROM
				+ " where c.region_path >= :lower and c.region_path < :upper order by c.awarded_on desc, c.id desc limit :limit")
			.param("lower", scope.lower()).param("upper", scope.upper()).param("limit", limit)
			.query(Commendations::row).list();
	}

	/** A commendation's document, for staff in scope; empty when it has none. */
	public Optional<InputStream> documentForStaff(long id, ScopedUser staff) {
		findForStaff(id, staff);
		return document(id);
	}

	/** A commendation's document, for the commended volunteer themselves; empty when it is not theirs or has none. */
	public Optional<InputStream> documentForOwner(long id, ScopedUser me) {
		Optional<Long> volunteer = ownVolunteerId(me);
		if (volunteer.isEmpty() || find(id).filter(c -> "VOLUNTEER".equals(c.subjectKind())
				&& c.subjectId() == volunteer.get()).isEmpty()) {
			return Optional.empty();
		}
		return document(id);
	}

	private Optional<InputStream> document(long id) {
		String key = jdbc.sql("select document_key from commendation where id = :id").param("id", id)
			.query(String.class).optional().orElse(null);
		return key == null ? Optional.empty() : files.get(key);
	}

	public Optional<Commendation> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from " + FROM + " where c.id = :id").param("id", id)
			.query(Commendations::row).optional();
	}

	/** The signed-in person's volunteer id, when they are a registered volunteer. */
	public Optional<Long> ownVolunteerId(ScopedUser me) {
		if (me == null) {
			return Optional.empty();
		}
		return jdbc.sql("select id from published_volunteer where user_id = :user").param("user", me.userId())
			.query(Long.class).optional();
	}

	/**
	 * A volunteer's whole list: the commendations recorded for them and the honours' published good people linked
	 * to them (with the nominee's consent given), newest first. For the volunteer and for staff in scope.
	 */
	public List<Commendation> ofVolunteer(long volunteerId) {
		List<Commendation> all = new ArrayList<>(jdbc.sql("select " + COLUMNS + " from " + FROM
				+ " where c.volunteer_id = :v").param("v", volunteerId).query(Commendations::row).list());
		all.addAll(jdbc.sql("""
				select e.id, e.honour, e.title, e.published_at, e.region_path, v.real_name
				from honor_public_entry e join published_volunteer v on v.id = e.volunteer_id
				where e.volunteer_id = :v""").param("v", volunteerId).query((rs, i) -> {
					String honour = rs.getString("honour");
					return new Commendation(rs.getLong("id"), "VOLUNTEER", volunteerId, rs.getString("real_name"),
							rs.getString("title"), null, honourLevel(honour),
							rs.getTimestamp("published_at").toInstant().atZone(CityTime.ZONE).toLocalDate(), false, honour,
							rs.getString("region_path"));
				}).list());
		all.sort(Comparator.comparing(Commendation::awardedOn).reversed().thenComparing(Commendation::id,
				Comparator.reverseOrder()));
		return List.copyOf(all);
	}

	/** The level of an honour of the roll: its first word (CITY_GOOD: CITY, NATION_MORAL_MODEL: NATION). */
	static CommendationLevel honourLevel(String honour) {
		if (honour.startsWith("NATION")) {
			return CommendationLevel.NATION;
		}
		if (honour.startsWith("PROVINCE")) {
			return CommendationLevel.PROVINCE;
		}
		return CommendationLevel.CITY;
	}

	/** The signed-in volunteer's commendations and their certificate choice. */
	public record Mine(long volunteerId, List<Commendation> commendations, boolean onCertificates) {
	}

	/** The signed-in volunteer's own list; empty when they are not a registered volunteer. */
	public Optional<Mine> mine(ScopedUser me) {
		return ownVolunteerId(me).map(v -> new Mine(v, ofVolunteer(v), onCertificates(v)));
	}

	/**
	 * Whether the volunteer asked for their commendations to appear on their certificates (no choice recorded: no).
	 * Read by the certificates through {@code internal.CommendationLines}.
	 */
	public boolean onCertificates(long volunteerId) {
		return jdbc.sql("select on_certificates from commendation_choice where volunteer_id = :v").param("v", volunteerId)
			.query(Boolean.class).optional().orElse(false);
	}

	/**
	 * Records the volunteer's choice: {@code "true"} shows their commendations on their certificates,
	 * {@code "false"} or nothing does not.
	 *
	 * @throws CommendationRefusedException naming {@code onCertificates} for any other value
	 * @throws OutOfScopeException (404) when the person is not a registered volunteer
	 */
	@Transactional
	public boolean choose(ScopedUser me, String onCertificates) {
		long volunteer = ownVolunteerId(me).orElseThrow(() -> new OutOfScopeException("volunteer", "own"));
		if (onCertificates != null && !"true".equals(onCertificates) && !"false".equals(onCertificates)) {
			throw new CommendationRefusedException(List.of(new FieldProblem("onCertificates",
					"commendation.error.onCertificates")));
		}
		boolean on = "true".equals(onCertificates);
		jdbc.sql("""
				insert into commendation_choice (volunteer_id, on_certificates, chosen_at) values (:v, :on, :at)
				on conflict (volunteer_id) do update set on_certificates = excluded.on_certificates, chosen_at = excluded.chosen_at""")
			.param("v", volunteer).param("on", on).param("at", Timestamp.from(Instant.now())).update();
		return on;
	}

	private static void requireRecording(ScopedUser user) {
		if (!mayRecord(user)) {
			throw new OutOfScopeException("commendation", "staff");
		}
	}

	private Checked check(Draft draft, byte[] document, ScopedUser staff) {
		List<FieldProblem> problems = new ArrayList<>();
		String number = trim(draft.volunteerNumber());
		String team = trim(draft.teamId());
		Long volunteerId = null;
		Long teamId = null;
		String path = null;
		if ((number == null) == (team == null)) {
			problems.add(new FieldProblem(number == null ? "volunteerNumber" : "teamId", "commendation.error.subject"));
		}
		else if (number != null) {
			record Found(long id, String path) {
			}
			Found found = number.length() > 20 ? null : jdbc.sql(
					"select id, region_path from published_volunteer where volunteer_number = :n")
				.param("n", number).query((rs, i) -> new Found(rs.getLong(1), rs.getString(2))).optional()
				.filter(f -> staff.scope().covers(f.path())).orElse(null);
			if (found == null) {
				problems.add(new FieldProblem("volunteerNumber", "commendation.error.volunteerNumber"));
			}
			else {
				volunteerId = found.id();
				path = found.path();
			}
		}
		else {
			Long id = team.matches("\\d{1,18}") ? Long.valueOf(team) : null;
			path = id == null ? null : jdbc.sql("select region_path from published_team where id = :id").param("id", id)
				.query(String.class).optional().filter(p -> staff.scope().covers(p)).orElse(null);
			if (path == null) {
				problems.add(new FieldProblem("teamId", "commendation.error.teamId"));
			}
			else {
				teamId = id;
			}
		}
		String title = trim(draft.title());
		if (title == null || title.length() > 200) {
			problems.add(new FieldProblem("title", "commendation.error.title"));
		}
		String issuer = trim(draft.issuer());
		if (issuer == null || issuer.length() > 200) {
			problems.add(new FieldProblem("issuer", "commendation.error.issuer"));
		}
		CommendationLevel level = null;
		for (CommendationLevel l : CommendationLevel.values()) {
			if (l.name().equals(trim(draft.level()))) {
				level = l;
			}
		}
		if (level == null) {
			problems.add(new FieldProblem("level", "commendation.error.level"));
		}
		LocalDate on = null;
		String day = trim(draft.awardedOn());
		try {
			on = day == null || day.length() != 10 ? null : LocalDate.parse(day);
		}
		catch (DateTimeParseException ex) {
			on = null;
		}
		if (on == null || on.isBefore(EARLIEST) || on.isAfter(LocalDate.now(CityTime.ZONE))) {
			problems.add(new FieldProblem("awardedOn", "commendation.error.awardedOn"));
		}
		if (document != null) {
			PdfDocuments.Problem problem = PdfDocuments.problem(document, properties.documentMaxBytes());
			if (problem != null) {
				problems.add(new FieldProblem("document", switch (problem) {
					case EMPTY -> "commendation.error.documentEmpty";
					case TOO_LARGE -> "commendation.error.documentTooLarge";
					case NOT_PDF -> "commendation.error.documentNotPdf";
				}));
			}
		}
		if (!problems.isEmpty()) {
			throw new CommendationRefusedException(problems);
		}
		return new Checked(volunteerId, teamId, path, title, issuer, level, on);
	}

	static String trim(String value) {
		if (value == null) {
			return null;
		}
		String t = value.strip();
		return t.isEmpty() ? null : t;
	}

	/** Keeps a checked document; removed again when the transaction does not commit. */
	private String store(byte[] document) {
		String key = "commendations/" + UUID.randomUUID() + ".pdf";
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

	private static Commendation row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
		boolean volunteer = rs.getObject("volunteer_id") != null;
		return new Commendation(rs.getLong("id"), volunteer ? "VOLUNTEER" : "TEAM",
				volunteer ? rs.getLong("volunteer_id") : rs.getLong("team_id"), rs.getString("subject_name"),
				rs.getString("title"), rs.getString("issuer"), CommendationLevel.valueOf(rs.getString("level")),
				rs.getObject("awarded_on", LocalDate.class), rs.getBoolean("has_document"), null,
				rs.getString("region_path"));
	}
}

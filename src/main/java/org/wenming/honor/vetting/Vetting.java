package org.wenming.honor.vetting;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.honor.HonorCategory;
import org.wenming.honor.NominationStatus;
import org.wenming.honor.SealedColumns;
import org.wenming.honor.VettingLevel;
import org.wenming.ledger.HoursTotals;
import org.wenming.ledger.ServiceLedger;
import org.wenming.notification.Notification;
import org.wenming.notification.Notifier;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.Paging;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.ContactSeal;

/**
 * 审核: the vetting queue of a civilization office — nominations {@code SUBMITTED} whose {@code vetting_level}
 * is the office's level and whose region lies in its scope — and its decisions. A decision takes the
 * nomination's row lock and checks the version the vetter saw, so two vetters at once give one decision and
 * one 409. PASS moves the nomination to the next level (the city's pass shortlists it), RETURN sends it back
 * to the nominator, REJECT ends it; each is a {@code honor_vetting} row with the office's region and the
 * reason, and a message to the nominator naming only the nomination's number.
 */
@Service
public class Vetting {

	public static final int REASON_MAX = 1000;

	public static final int PAGE_SIZE = 30;

	public static final int PAGE_SIZE_MAX = 200;

	/** A vetter's decision. */
	public enum Decision {
		PASS, RETURN, REJECT
	}

	private final JdbcClient jdbc;

	private final Regions regions;

	private final ServiceLedger ledger;

	private final Notifier notifier;

	private final ContactSeal seal;

	private final MessageSource messages;

	private final Clock clock;

	Vetting(JdbcClient jdbc, Regions regions, ServiceLedger ledger, Notifier notifier, ContactSeal seal,
			MessageSource messages, Clock clock) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.ledger = ledger;
		this.notifier = notifier;
		this.seal = seal;
		this.messages = messages;
		this.clock = clock;
	}

	/** What a queue is narrowed to: a category, a quarter (null: all). */
	public record Filter(HonorCategory category, String quarter) {

		public static final Filter NONE = new Filter(null, null);

		/** A filter from the request's text; blank is no filter. */
		public static Filter of(String category, String quarter) {
			HonorCategory c = null;
			if (category != null && !category.isBlank()) {
				try {
					c = HonorCategory.valueOf(category.strip());
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidInputException("category", "honor.vetting.error.category");
				}
			}
			String q = null;
			if (quarter != null && !quarter.isBlank()) {
				q = quarter.strip();
				if (!q.matches("\\d{4}Q[1-4]")) {
					throw new InvalidInputException("quarter", "honor.vetting.error.quarter");
				}
			}
			return new Filter(c, q);
		}
	}

	/** One nomination in a queue. */
	public record Row(long id, String number, HonorCategory category, String kind, String nomineeName, String title,
			String regionCode, String regionName, String quarter, VettingLevel level, Instant submittedAt, int version) {
	}

	/** A decision already taken on the nomination. */
	public record Decided(VettingLevel level, String officeRegion, String officeName, Decision decision, String reason,
			String decidedBy, Instant decidedAt) {
	}

	/** A piece of evidence, listed (the files are part A's). */
	public record Evidence(long id, String kind, String contentType, int bytes, String caption, Instant uploadedAt) {
	}

	/** What a vetter reads: the nomination (numbers masked only), its evidence, earlier decisions, the hours. */
	public record Detail(long id, String number, HonorCategory category, String kind, String nomineeName,
			String nomineeIdMasked, String nomineeMobileMasked, boolean nomineeMinor, String regionCode,
			String regionName, String title, String story, String deedDate, String nominatorKind, String nominatorName,
			String nominatorUnit, String nominatorMobileMasked, String quarter, NominationStatus status,
			VettingLevel level, Instant submittedAt, int version, Long volunteerId, HoursTotals hours,
			List<Evidence> evidence, List<Decided> decisions, boolean decidable) {
	}

	/** The office of a staff member, or 403 for anyone else. */
	public Office office(ScopedUser user) {
		return Office.of(user, regions).orElseThrow(() -> new AccessDeniedException("vetting needs office staff"));
	}

	/** One page of the office's queue, oldest first. */
	@Transactional(readOnly = true)
	public Paging.Page<Row> queue(ScopedUser user, Filter filter, int page, int size) {
		Office office = office(user);
		Paging.page(page);
		Paging.size(size, PAGE_SIZE_MAX);
		if (!office.everything() && office.level() == null) {
			return new Paging.Page<>(List.of(), 0, page, size, 1);
		}
		DataScope scope = user.scope();
		String level = office.everything() ? null : office.level().name();
		String category = filter.category() == null ? null : filter.category().name();
		String where = """
				from honor_nomination n join published_region r on r.code = n.region_code
				where n.status = 'SUBMITTED' and n.region_path >= :lower and n.region_path < :upper
				    and (cast(:level as varchar) is null or n.vetting_level = cast(:level as varchar))
				    and (cast(:category as varchar) is null or n.category = cast(:category as varchar))
				    and (cast(:quarter as varchar) is null or n.quarter = cast(:quarter as varchar))""";
		long total = jdbc.sql("select count(*) " + where).param("lower", scope.lower()).param("upper", scope.upper())
			.param("level", level, Types.VARCHAR).param("category", category, Types.VARCHAR)
			.param("quarter", filter.quarter(), Types.VARCHAR).query(Long.class).single();
		List<Row> rows = jdbc.sql("""
				select n.id, n.number, n.category, n.kind, n.nominee_name, n.title, n.region_code, r.name as region_name,
				    n.quarter, n.vetting_level, n.submitted_at, n.version
				""" + where + """

				order by n.submitted_at, n.id limit :limit offset :offset""").param("lower", scope.lower())
			.param("upper", scope.upper()).param("level", level, Types.VARCHAR).param("category", category, Types.VARCHAR)
			.param("quarter", filter.quarter(), Types.VARCHAR).param("limit", size).param("offset", (long) page * size)
			.query((rs, i) -> new Row(rs.getLong("id"), rs.getString("number"), HonorCategory.valueOf(rs.getString("category")),
					rs.getString("kind"), rs.getString("nominee_name"), rs.getString("title"), rs.getString("region_code"),
					rs.getString("region_name"), rs.getString("quarter"), VettingLevel.valueOf(rs.getString("vetting_level")),
					rs.getTimestamp("submitted_at").toInstant(), rs.getInt("version")))
			.list();
		return new Paging.Page<>(rows, total, page, size, (int) Math.max(1, (total + size - 1) / size));
	}

	/** A nomination in the office's scope, as a vetter reads it; 404 outside the scope. */
	@Transactional(readOnly = true)
	public Detail detail(long id, ScopedUser user) {
		Office office = office(user);
		Map<String, Object> n = jdbc.sql("""
				select n.*, r.name as region_name from honor_nomination n join published_region r on r.code = n.region_code
				where n.id = :id""").param("id", id).query().listOfRows().stream().findFirst()
			.orElseThrow(() -> new OutOfScopeException("honour nomination", String.valueOf(id)));
		String path = (String) n.get("region_path");
		if (!user.scope().covers(path)) {
			throw new OutOfScopeException("honour nomination", String.valueOf(id));
		}
		NominationStatus status = NominationStatus.valueOf((String) n.get("status"));
		String levelText = (String) n.get("vetting_level");
		VettingLevel level = levelText == null ? null : VettingLevel.valueOf(levelText);
		Long volunteerId = (Long) n.get("volunteer_id");
		HoursTotals hours = volunteerId == null ? null : ledger.totals(volunteerId).orElse(null);
		List<Evidence> evidence = jdbc.sql("""
				select id, kind, content_type, bytes, caption, uploaded_at from honor_evidence
				where nomination_id = :id order by id""").param("id", id)
			.query((rs, i) -> new Evidence(rs.getLong("id"), rs.getString("kind"), rs.getString("content_type"),
					rs.getInt("bytes"), rs.getString("caption"), rs.getTimestamp("uploaded_at").toInstant()))
			.list();
		List<Decided> decisions = jdbc.sql("""
				select v.level, v.office_region, r.name, v.decision, v.reason, v.decided_by, v.decided_at
				from honor_vetting v join published_region r on r.code = v.office_region
				where v.nomination_id = :id order by v.decided_at, v.id""").param("id", id)
			.query((rs, i) -> new Decided(VettingLevel.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3),
					Decision.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
			.list();
		Object deed = n.get("deed_date");
		return new Detail(id, (String) n.get("number"), HonorCategory.valueOf((String) n.get("category")),
				(String) n.get("kind"), (String) n.get("nominee_name"), (String) n.get("nominee_id_masked"),
				(String) n.get("nominee_mobile_masked"), Boolean.TRUE.equals(n.get("nominee_minor")),
				(String) n.get("region_code"), (String) n.get("region_name"), (String) n.get("title"),
				(String) n.get("story"), deed == null ? null : deed.toString(), (String) n.get("nominator_kind"),
				(String) n.get("nominator_name"), (String) n.get("nominator_unit"),
				(String) n.get("nominator_mobile_masked"), (String) n.get("quarter"), status, level,
				((Timestamp) n.get("submitted_at")).toInstant(), (Integer) n.get("version"), volunteerId, hours,
				evidence, decisions, status == NominationStatus.SUBMITTED && level != null && office.decidesAt(level));
	}

	private record Locked(long id, String number, String regionPath, NominationStatus status, VettingLevel level,
			int version, byte[] mobileCipher, String mobileMasked, String mobileKeyId) {
	}

	/**
	 * Decides the nomination at the office's level.
	 *
	 * @param version the version the vetter saw: another decision since then is a 409
	 * @return the nomination's status after the decision
	 * @throws OutOfScopeException outside the office's scope (404)
	 * @throws VettingRefusedException 400 naming {@code decision} or {@code reason}; 409 when the nomination is
	 *         not waiting at this office's level or was decided since
	 */
	@Transactional
	public NominationStatus decide(long id, Integer version, Decision decision, String reason, ScopedUser user) {
		Office office = office(user);
		if (decision == null) {
			throw VettingRefusedException.invalid("decision", "honor.vetting.error.decision");
		}
		String why = reason == null ? "" : reason.strip();
		if (why.isEmpty()) {
			throw VettingRefusedException.invalid("reason", "honor.vetting.error.reasonRequired");
		}
		if (why.length() > REASON_MAX) {
			throw VettingRefusedException.invalid("reason", "honor.vetting.error.reasonLong");
		}
		if (version == null) {
			throw VettingRefusedException.invalid("version", "honor.vetting.error.version");
		}
		Locked n = jdbc.sql("""
				select id, number, region_path, status, vetting_level, version, nominator_mobile_cipher,
				    nominator_mobile_masked, nominator_mobile_key_id
				from honor_nomination where id = :id for update""").param("id", id)
			.query((rs, i) -> new Locked(rs.getLong(1), rs.getString(2), rs.getString(3),
					NominationStatus.valueOf(rs.getString(4)),
					rs.getString(5) == null ? null : VettingLevel.valueOf(rs.getString(5)), rs.getInt(6), rs.getBytes(7),
					rs.getString(8), rs.getString(9)))
			.optional()
			.orElseThrow(() -> new OutOfScopeException("honour nomination", String.valueOf(id)));
		if (!user.scope().covers(n.regionPath())) {
			throw new OutOfScopeException("honour nomination", String.valueOf(id));
		}
		if (n.status() != NominationStatus.SUBMITTED || n.level() == null) {
			throw VettingRefusedException.conflict("status", "honor.vetting.error.state");
		}
		if (!office.decidesAt(n.level())) {
			throw VettingRefusedException.conflict("level", "honor.vetting.error.level");
		}
		if (n.version() != version) {
			throw VettingRefusedException.conflict("version", "honor.vetting.error.stale");
		}
		NominationStatus next = NominationStatus.SUBMITTED;
		VettingLevel nextLevel = n.level();
		switch (decision) {
			case PASS -> {
				nextLevel = n.level().next();
				next = nextLevel == null ? NominationStatus.SHORTLISTED : NominationStatus.SUBMITTED;
			}
			case RETURN -> next = NominationStatus.RETURNED;
			case REJECT -> {
				next = NominationStatus.REJECTED;
				nextLevel = null;
			}
		}
		Instant now = clock.instant();
		jdbc.sql("""
				update honor_nomination set status = :status, vetting_level = :level, updated_at = :now,
				    version = version + 1
				where id = :id""").param("id", id).param("status", next.name())
			.param("level", nextLevel == null ? null : nextLevel.name(), Types.VARCHAR)
			.param("now", now.atOffset(ZoneOffset.UTC)).update();
		String officeRegion = office.everything() || office.region() == null
				? Office.officeCode(n.regionPath(), n.level()) : office.region().code();
		jdbc.sql("""
				insert into honor_vetting (nomination_id, level, office_region, decision, reason, decided_by, decided_at)
				values (:id, :level, :office, :decision, :reason, :by, :at)""").param("id", id)
			.param("level", n.level().name()).param("office", officeRegion).param("decision", decision.name())
			.param("reason", why).param("by", user.username()).param("at", now.atOffset(ZoneOffset.UTC)).update();
		tell(n, next);
		return next;
	}

	/** Tells the nominator where the nomination is: its number and its status, nothing more. */
	private void tell(Locked n, NominationStatus next) {
		String mobile = seal.open(SealedColumns.NOMINATOR_MOBILE,
				new ContactSeal.SealedContact(n.mobileCipher(), n.mobileMasked(), n.mobileKeyId()));
		Locale zh = Locale.SIMPLIFIED_CHINESE;
		String status = messages.getMessage("honor.status." + next.name(), null, next.name(), zh);
		notifier.send(new Notification("honor.vetting", mobile, "HONOR_VETTING_" + next.name(),
				Map.of("nomination", n.number(), "status", status),
				messages.getMessage("honor.vetting.notice", new Object[] { n.number(), status }, zh).strip()));
	}

	/** For tests and pages: whether a nomination exists in the scope (no other data). */
	Optional<String> statusOf(long id) {
		return jdbc.sql("select status from honor_nomination where id = :id").param("id", id).query(String.class)
			.optional();
	}
}

package org.wenming.honor.nomination;

import java.sql.Types;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.honor.HonorCategory;
import org.wenming.honor.NominationStatus;
import org.wenming.honor.SealedColumns;
import org.wenming.honor.VettingLevel;
import org.wenming.honor.consent.Consents;
import org.wenming.notification.Notification;
import org.wenming.notification.Notifier;
import org.wenming.platform.Languages;
import org.wenming.platform.SecretTokens;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.RegionLevel;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.ContactSeal;
import org.wenming.volunteer.ContactSeal.SealedContact;
import org.wenming.volunteer.IdType;
import org.wenming.volunteer.PersonalNumbers;
import org.wenming.volunteer.ResidentIdNumber;
import org.wenming.volunteer.Volunteers;

/**
 * Nominations (提名): anyone signed in nominates a good person or group of the city; staff in scope enter a
 * nomination on someone's behalf. Every field is checked first (nothing stored on a refusal), the ID number
 * by the volunteer module's rules, sealed and kept as its keyed hash (the duplicate rule: once a quarter; the
 * link to a registered volunteer); the nomination starts {@code SUBMITTED} at the first office above its
 * region. The nominator's private link is returned once and sent to their mobile; only its hash is kept.
 */
@Service
@EnableConfigurationProperties(NominationProperties.class)
public class Nominations {

	/** Who may see and enter nominations of the regions in their scope. */
	public static final Set<String> STAFF_ROLES = Set.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF, Roles.SITE_ADMIN);

	/** Who may reveal a sealed number (with a reason). */
	public static final Set<String> REVEALING_ROLES = Set.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF);

	private static final Set<RegionLevel> NOMINATION_LEVELS = Set.of(RegionLevel.VILLAGE, RegionLevel.TOWN,
			RegionLevel.COUNTY, RegionLevel.CITY);

	private final JdbcClient jdbc;

	private final Regions regions;

	private final PracticeSites sites;

	private final ContactSeal seal;

	private final Volunteers volunteers;

	private final Evidence evidence;

	private final Consents consents;

	private final Notifier notifier;

	private final MessageSource messages;

	private final NominationProperties properties;

	private final Clock clock;

	Nominations(JdbcClient jdbc, Regions regions, PracticeSites sites, ContactSeal seal, Volunteers volunteers,
			Evidence evidence, Consents consents, Notifier notifier, MessageSource messages,
			NominationProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.sites = sites;
		this.seal = seal;
		this.volunteers = volunteers;
		this.evidence = evidence;
		this.consents = consents;
		this.notifier = notifier;
		this.messages = messages;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Who submits and how.
	 *
	 * @param user the person signed in (required: the public form needs an account)
	 * @param onBehalf staff entering someone else's nomination (their scope must cover the region)
	 * @param locale the language of the notice to the nominator
	 * @param baseUrl the site's address for the link in the notice (e.g. {@code https://wenming.example})
	 */
	public record Submitter(ScopedUser user, boolean onBehalf, Locale locale, String baseUrl) {
	}

	/** Whether the person is staff who may see and enter nominations (in their scope). */
	public static boolean isStaff(ScopedUser user) {
		return user != null && STAFF_ROLES.stream().anyMatch(user::hasRole);
	}

	/**
	 * Submits a nomination with its checked evidence ({@link Evidence#check}).
	 *
	 * @throws NominationRefusedException naming the fields that broke a rule (409 for a duplicate); nothing
	 *     stored
	 * @throws NominationLimitException when the person submitted {@code per-client} nominations in the window
	 * @throws AccessDeniedException without an account, or on someone's behalf without staff rights in scope
	 */
	@Transactional
	public Submitted submit(NominationDraft submitted, Submitter who, List<Evidence.CheckedFile> files) {
		return submit(submitted, who, files, clock.instant());
	}

	@Transactional
	Submitted submit(NominationDraft submitted, Submitter who, List<Evidence.CheckedFile> files, Instant at) {
		ScopedUser user = who.user();
		if (user == null) {
			throw new AccessDeniedException("nominating needs an account");
		}
		NominationDraft draft = submitted.trimmed();
		LocalDate today = LocalDate.ofInstant(at, CityTime.ZONE);
		List<NominationProblem> problems = new ArrayList<>();
		HonorCategory category = null;
		try {
			category = draft.category() == null ? null : HonorCategory.valueOf(draft.category());
		}
		catch (IllegalArgumentException ex) {
			category = null;
		}
		if (category == null) {
			problems.add(new NominationProblem("category", "honor.nomination.error.category"));
		}
		boolean person = "PERSON".equals(draft.kind());
		if (!person && !"GROUP".equals(draft.kind())) {
			problems.add(new NominationProblem("kind", "honor.nomination.error.kind"));
		}
		if (draft.nomineeName() == null) {
			problems.add(new NominationProblem("nomineeName", "honor.nomination.error.nomineeName"));
		}
		else if (draft.nomineeName().length() > 100 || !plain(draft.nomineeName())) {
			problems.add(new NominationProblem("nomineeName", "honor.nomination.error.nomineeNameTooLong"));
		}
		ResidentIdNumber idNumber = null;
		if (person) {
			if (draft.nomineeIdNumber() == null) {
				problems.add(new NominationProblem("nomineeIdNumber", "honor.nomination.error.nomineeIdRequired"));
			}
			else {
				ResidentIdNumber.Result parsed = draft.nomineeIdNumber().length() > 40
						? null
						: ResidentIdNumber.parse(PersonalNumbers.normalise(draft.nomineeIdNumber()), today,
								volunteers::guangdongCityExists);
				if (parsed == null || parsed.number().isEmpty()) {
					String problem = parsed == null ? "format" : parsed.problem().name().toLowerCase(Locale.ROOT);
					problems.add(new NominationProblem("nomineeIdNumber", "honor.nomination.error.nomineeId."
							+ problem.replace("_", "")));
				}
				else {
					idNumber = parsed.number().get();
				}
			}
		}
		if (draft.nomineeMobile() != null && !ContactSeal.isMobile(draft.nomineeMobile())) {
			problems.add(new NominationProblem("nomineeMobile", "honor.nomination.error.mobile"));
		}
		Optional<Region> region = draft.regionCode() == null || !draft.regionCode().matches("\\d{2,12}")
				? Optional.empty() : regions.find(draft.regionCode());
		if (region.isEmpty()) {
			problems.add(new NominationProblem("regionCode", "honor.nomination.error.regionUnknown"));
		}
		else if (!NOMINATION_LEVELS.contains(region.get().level())
				|| !sites.homeCity().scope().covers(region.get().path())) {
			problems.add(new NominationProblem("regionCode", "honor.nomination.error.regionOutside"));
		}
		LocalDate deedDate = null;
		if (draft.deedDate() != null) {
			try {
				deedDate = LocalDate.parse(draft.deedDate());
				if (deedDate.isAfter(today)) {
					problems.add(new NominationProblem("deedDate", "honor.nomination.error.deedDateFuture"));
				}
				else if (deedDate.isBefore(today.minusYears(100))) {
					problems.add(new NominationProblem("deedDate", "honor.nomination.error.deedDate"));
				}
			}
			catch (DateTimeParseException ex) {
				problems.add(new NominationProblem("deedDate", "honor.nomination.error.deedDate"));
			}
		}
		if (draft.title() == null) {
			problems.add(new NominationProblem("title", "honor.nomination.error.title"));
		}
		else if (draft.title().length() > 100 || !plain(draft.title())) {
			problems.add(new NominationProblem("title", "honor.nomination.error.titleTooLong"));
		}
		if (draft.story() == null) {
			problems.add(new NominationProblem("story", "honor.nomination.error.story"));
		}
		else if (draft.story().length() > 5000) {
			problems.add(new NominationProblem("story", "honor.nomination.error.storyTooLong"));
		}
		String nominatorKind = draft.nominatorKind() == null ? "PUBLIC" : draft.nominatorKind();
		if (!Set.of("PUBLIC", "UNIT", "SELF").contains(nominatorKind)
				|| "UNIT".equals(nominatorKind) && !who.onBehalf()) {
			problems.add(new NominationProblem("nominatorKind", "honor.nomination.error.nominatorKind"));
		}
		else if ("UNIT".equals(nominatorKind) && draft.nominatorUnit() == null) {
			problems.add(new NominationProblem("nominatorUnit", "honor.nomination.error.nominatorUnit"));
		}
		if (draft.nominatorUnit() != null && draft.nominatorUnit().length() > 100) {
			problems.add(new NominationProblem("nominatorUnit", "honor.nomination.error.nominatorUnit"));
		}
		if (draft.nominatorName() == null || draft.nominatorName().length() > 100 || !plain(draft.nominatorName())) {
			problems.add(new NominationProblem("nominatorName", "honor.nomination.error.nominatorName"));
		}
		if (!ContactSeal.isMobile(draft.nominatorMobile())) {
			problems.add(new NominationProblem("nominatorMobile", "honor.nomination.error.mobile"));
		}
		if (files != null && files.size() > properties.maxEvidence()) {
			problems.add(new NominationProblem(Evidence.FIELD, "honor.nomination.error.tooManyFiles"));
		}
		if (!problems.isEmpty()) {
			throw new NominationRefusedException(problems);
		}
		if (who.onBehalf() && (!isStaff(user) || !user.scope().covers(region.get().path()))) {
			throw new AccessDeniedException("entering a nomination needs staff whose scope covers its region");
		}
		String quarter = quarter(today);
		byte[] idHash = person ? volunteers.idNumberHash(IdType.RESIDENT_ID, idNumber.value()) : null;
		String groupKey = person ? null : groupKey(draft.nomineeName());
		byte[] clientHash = who.onBehalf() ? null : SecretTokens.sha256("honor-nominator:" + user.userId());
		if (clientHash != null) {
			requirePlaceFor(clientHash, at);
		}
		refuseDuplicate(person, idHash, groupKey, region.get().code(), quarter);

		Instant now = at.truncatedTo(ChronoUnit.MICROS);
		String number = "HR-" + today.getYear() + "-"
				+ String.format("%06d", jdbc.sql("select nextval('honor_nomination_number_seq')").query(Long.class).single());
		String token = SecretTokens.random(24);
		SealedContact id = person ? seal.sealText(SealedColumns.NOMINEE_ID, idNumber.value()) : null;
		SealedContact nomineeMobile = draft.nomineeMobile() == null ? null
				: seal.seal(SealedColumns.NOMINEE_MOBILE, draft.nomineeMobile());
		SealedContact nominatorMobile = seal.seal(SealedColumns.NOMINATOR_MOBILE, draft.nominatorMobile());
		boolean minor = person && idNumber.birthDate().plusYears(18).isAfter(today);
		Long volunteerId = person ? volunteers.findIdByIdNumber(IdType.RESIDENT_ID, idNumber.value()).orElse(null) : null;
		VettingLevel level = VettingLevel.firstFor(region.get().level());
		long nominationId;
		try {
			nominationId = jdbc.sql("""
					insert into honor_nomination (number, category, kind, nominee_name, nominee_id_cipher, nominee_id_masked,
					    nominee_id_key_id, nominee_id_hash, nominee_minor, nominee_mobile_cipher, nominee_mobile_masked,
					    nominee_mobile_key_id, group_key, volunteer_id, region_code, region_path, deed_date, title, story,
					    nominator_kind, nominator_name, nominator_unit, nominator_mobile_cipher, nominator_mobile_masked,
					    nominator_mobile_key_id, nominator_user_id, entered_by, follow_token_hash, quarter, status,
					    vetting_level, submitted_at, updated_at, client_hash)
					values (:number, :category, :kind, :name, :idCipher, :idMasked, :idKey, :idHash, :minor, :mCipher,
					    :mMasked, :mKey, :groupKey, :volunteer, :region, :path, :deed, :title, :story, :nKind, :nName,
					    :nUnit, :nCipher, :nMasked, :nKey, :nUser, :enteredBy, :token, :quarter, 'SUBMITTED', :level,
					    :now, :now, :client)
					returning id""")
					.param("number", number).param("category", category.name()).param("kind", draft.kind())
					.param("name", draft.nomineeName())
					.param("idCipher", id == null ? null : id.cipher(), Types.BINARY)
					.param("idMasked", person ? PersonalNumbers.maskId(IdType.RESIDENT_ID, idNumber.value()) : null,
							Types.VARCHAR)
					.param("idKey", id == null ? null : id.keyId(), Types.VARCHAR).param("idHash", idHash, Types.BINARY)
					.param("minor", minor)
					.param("mCipher", nomineeMobile == null ? null : nomineeMobile.cipher(), Types.BINARY)
					.param("mMasked", nomineeMobile == null ? null : nomineeMobile.masked(), Types.VARCHAR)
					.param("mKey", nomineeMobile == null ? null : nomineeMobile.keyId(), Types.VARCHAR)
					.param("groupKey", groupKey, Types.VARCHAR).param("volunteer", volunteerId, Types.BIGINT)
					.param("region", region.get().code()).param("path", region.get().path())
					.param("deed", deedDate, Types.DATE).param("title", draft.title()).param("story", draft.story())
					.param("nKind", nominatorKind).param("nName", draft.nominatorName())
					.param("nUnit", draft.nominatorUnit(), Types.VARCHAR).param("nCipher", nominatorMobile.cipher())
					.param("nMasked", nominatorMobile.masked()).param("nKey", nominatorMobile.keyId())
					.param("nUser", who.onBehalf() ? null : user.userId(), Types.BIGINT)
					.param("enteredBy", who.onBehalf() ? user.username() : null, Types.VARCHAR)
					.param("token", SecretTokens.sha256(token)).param("quarter", quarter).param("level", level.name())
					.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).param("client", clientHash, Types.BINARY)
					.query(Long.class).single();
		}
		catch (DuplicateKeyException ex) {
			throw duplicate(person);
		}
		evidence.store(nominationId, files == null ? List.of() : files, user.username());
		Locale language = who.locale() == null || Languages.supported(who.locale()) == null ? Locale.SIMPLIFIED_CHINESE
				: Languages.supported(who.locale());
		String link = (who.baseUrl() == null ? "" : who.baseUrl()) + "/honor/follow/" + token;
		notifier.send(new Notification("honor.nomination", draft.nominatorMobile(), "HONOR_NOMINATION_RECEIVED",
				Map.of("number", number, "link", link),
				messages.getMessage("honor.nomination.notice.received", new Object[] { number, link }, language)));
		return new Submitted(nominationId, number, token);
	}

	/** {@code 2026Q4}: the quarter of a day in the city's calendar. */
	public static String quarter(LocalDate day) {
		return day.getYear() + "Q" + ((day.getMonthValue() - 1) / 3 + 1);
	}

	/** A group's name as the duplicate rule compares it: NFKC, trimmed, inner spaces collapsed, lower case. */
	static String groupKey(String name) {
		return Normalizer.normalize(name, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
	}

	/** One line of plain text: no control characters and no angle brackets. */
	private static boolean plain(String text) {
		return text.codePoints().noneMatch(c -> Character.isISOControl(c) || c == '<' || c == '>');
	}

	private void refuseDuplicate(boolean person, byte[] idHash, String groupKey, String regionCode, String quarter) {
		boolean taken = person
				? jdbc.sql("""
						select exists (select 1 from honor_nomination where kind = 'PERSON' and nominee_id_hash = :hash
						    and quarter = :quarter and status not in ('REJECTED', 'WITHDRAWN'))""")
						.param("hash", idHash).param("quarter", quarter).query(Boolean.class).single()
				: jdbc.sql("""
						select exists (select 1 from honor_nomination where kind = 'GROUP' and group_key = :key
						    and region_code = :region and quarter = :quarter and status not in ('REJECTED', 'WITHDRAWN'))""")
						.param("key", groupKey).param("region", regionCode).param("quarter", quarter)
						.query(Boolean.class).single();
		if (taken) {
			throw duplicate(person);
		}
	}

	private static NominationRefusedException duplicate(boolean person) {
		return person ? NominationRefusedException.conflict("nomineeIdNumber", "honor.nomination.error.alreadyNominated")
				: NominationRefusedException.conflict("nomineeName", "honor.nomination.error.groupAlreadyNominated");
	}

	/**
	 * Takes the client's lock (to the end of the transaction, on every node) and refuses when its nominations in
	 * the window already reach the limit.
	 */
	private void requirePlaceFor(byte[] clientHash, Instant now) {
		jdbc.sql("select pg_advisory_xact_lock(4418001, hashtext(:key))")
				.param("key", java.util.HexFormat.of().formatHex(clientHash)).query((rs, i) -> 1).list();
		List<OffsetDateTime> recent = jdbc.sql("""
				select submitted_at from honor_nomination where client_hash = :client and submitted_at > :since
				order by submitted_at desc limit :max""").param("client", clientHash)
				.param("since", OffsetDateTime.ofInstant(now.minus(properties.window()), ZoneOffset.UTC))
				.param("max", properties.perClient()).query(OffsetDateTime.class).list();
		if (recent.size() >= properties.perClient()) {
			Instant frees = recent.get(recent.size() - 1).toInstant().plus(properties.window());
			throw new NominationLimitException(java.time.Duration.between(now, frees).toSeconds() + 1);
		}
	}

	// ---- the nominator's private link ------------------------------------------------------------------

	/** The nomination behind a private link; empty for a token that is no nomination's (404). */
	public Optional<NominationFollow> follow(String token) {
		return idByToken(token).map(id -> {
			NominationRecord n = find(id).orElseThrow();
			List<NominationFollow.Step> steps = jdbc.sql("""
					select level, decision, case when decision in ('RETURN', 'REJECT') then reason end as reason, decided_at
					from honor_vetting where nomination_id = :id order by decided_at, id""").param("id", id)
					.query((rs, i) -> new NominationFollow.Step(rs.getString("level"), rs.getString("decision"),
							rs.getString("reason"), rs.getObject("decided_at", OffsetDateTime.class)))
					.list();
			return new NominationFollow(n.id(), n.number(), n.status(), n.category(), n.kind(), n.nomineeName(),
					n.nomineeIdMasked(), n.regionName(), n.title(), n.story(), n.quarter(), n.vettingLevel(),
					n.submittedAt(), evidence.count(id), steps);
		});
	}

	private Optional<Long> idByToken(String token) {
		if (token == null || !token.matches("[A-Za-z0-9_-]{16,64}")) {
			return Optional.empty();
		}
		return jdbc.sql("select id from honor_nomination where follow_token_hash = :hash")
				.param("hash", SecretTokens.sha256(token)).query(Long.class).optional();
	}

	/**
	 * The nominator amends a returned nomination (the title, the story, more evidence) and sends it back to the
	 * office that returned it ({@code SUBMITTED} at the same level). A consent on the old text ends.
	 *
	 * @throws NominationRefusedException on bad input (400) or when it is not returned (409)
	 */
	@Transactional
	public void amend(String token, String title, String story, List<Evidence.CheckedFile> files) {
		long id = idByToken(token).orElseThrow(() -> new org.wenming.platform.RecordNotFound());
		String newTitle = title == null || title.isBlank() ? null : title.strip();
		String newStory = story == null || story.isBlank() ? null : story.strip();
		List<NominationProblem> problems = new ArrayList<>();
		if (newTitle == null) {
			problems.add(new NominationProblem("title", "honor.nomination.error.title"));
		}
		else if (newTitle.length() > 100 || !plain(newTitle)) {
			problems.add(new NominationProblem("title", "honor.nomination.error.titleTooLong"));
		}
		if (newStory == null) {
			problems.add(new NominationProblem("story", "honor.nomination.error.story"));
		}
		else if (newStory.length() > 5000) {
			problems.add(new NominationProblem("story", "honor.nomination.error.storyTooLong"));
		}
		if (!problems.isEmpty()) {
			throw new NominationRefusedException(problems);
		}
		int changed = jdbc.sql("""
				update honor_nomination set title = :title, story = :story, status = 'SUBMITTED', updated_at = :now,
				    version = version + 1
				where id = :id and status = 'RETURNED'""").param("title", newTitle).param("story", newStory)
				.param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).param("id", id).update();
		if (changed == 0) {
			throw NominationRefusedException.conflict("status", "honor.nomination.error.notReturned");
		}
		evidence.store(id, files == null ? List.of() : files, "nominator");
		consents.supersede(id, "nominator");
	}

	/**
	 * The nominator withdraws the nomination (any state before publication).
	 *
	 * @throws NominationRefusedException (409) when it is published, rejected or withdrawn already
	 */
	@Transactional
	public void withdraw(String token) {
		long id = idByToken(token).orElseThrow(() -> new org.wenming.platform.RecordNotFound());
		int changed = jdbc.sql("""
				update honor_nomination set status = 'WITHDRAWN', updated_at = :now, version = version + 1
				where id = :id and status in ('SUBMITTED', 'RETURNED', 'SHORTLISTED', 'IN_NOTICE', 'REVIEW')""")
				.param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).param("id", id).update();
		if (changed == 0) {
			throw NominationRefusedException.conflict("status", "honor.nomination.error.notWithdrawable");
		}
	}

	// ---- staff ------------------------------------------------------------------------------------------

	/** The filters of the staff list. */
	public record Query(NominationStatus status, HonorCategory category, String quarter, int page, int size) {
	}

	/** A page of nominations in the caller's scope, newest first. */
	public org.wenming.platform.Paging.Page<NominationRecord> search(Query query, ScopedUser staff) {
		requireStaff(staff);
		String where = """
				where region_path >= :lower and region_path < :upper
				  and (cast(:status as varchar) is null or status = :status)
				  and (cast(:category as varchar) is null or category = :category)
				  and (cast(:quarter as varchar) is null or quarter = :quarter)""";
		long total = bind(jdbc.sql("select count(*) from honor_nomination " + where), query, staff).query(Long.class)
				.single();
		List<NominationRecord> items = bind(jdbc.sql("select " + COLUMNS + " from honor_nomination " + where
				+ " order by submitted_at desc, id desc limit :limit offset :offset"), query, staff)
				.param("limit", query.size()).param("offset", (long) query.page() * query.size()).query(this::row)
				.list();
		int pages = (int) Math.max(1, (total + query.size() - 1) / query.size());
		return new org.wenming.platform.Paging.Page<>(items, total, query.page(), query.size(), pages);
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Query query, ScopedUser staff) {
		return spec.param("lower", staff.scope().lower()).param("upper", staff.scope().upper())
				.param("status", query.status() == null ? null : query.status().name(), Types.VARCHAR)
				.param("category", query.category() == null ? null : query.category().name(), Types.VARCHAR)
				.param("quarter", query.quarter(), Types.VARCHAR);
	}

	/**
	 * One nomination for staff whose scope covers its region.
	 *
	 * @throws OutOfScopeException (404) when it is someone else's or does not exist
	 */
	public NominationRecord findForStaff(long id, ScopedUser staff) {
		requireStaff(staff);
		return find(id).filter(n -> staff.scope().covers(n.regionPath()))
				.orElseThrow(() -> new OutOfScopeException("honor nomination", String.valueOf(id)));
	}

	/** A nomination by id, with no check of who asks (for this module's own callers). */
	Optional<NominationRecord> find(long id) {
		return jdbc.sql("select " + COLUMNS + " from honor_nomination where id = :id").param("id", id)
				.query(this::row).optional();
	}

	/**
	 * Staff in scope add evidence (e.g. a scanned consent form) to a nomination.
	 *
	 * @return the new files' ids
	 */
	@Transactional
	public List<Long> addEvidence(long id, List<Evidence.CheckedFile> files, ScopedUser staff) {
		NominationRecord n = findForStaff(id, staff);
		jdbc.sql("select id from honor_nomination where id = :id for update").param("id", n.id()).query(Long.class)
				.single();
		return evidence.store(n.id(), files, staff.username());
	}

	/**
	 * Staff in scope add one file and, in the same transaction, record what it proves (a paper consent form):
	 * when the recording is refused, the file is not kept either.
	 *
	 * @return the file's id
	 */
	@Transactional
	public long addEvidenceWithConsent(long id, Evidence.CheckedFile form, ScopedUser staff,
			java.util.function.LongConsumer record) {
		long formId = addEvidence(id, List.of(form), staff).get(0);
		record.accept(formId);
		return formId;
	}

	/**
	 * Staff in scope choose the photo shown publicly (only ever through a consent: the snapshot names it).
	 * A change ends a consent given on the old choice.
	 */
	@Transactional
	public void choosePortrait(long id, Long evidenceId, ScopedUser staff) {
		NominationRecord n = findForStaff(id, staff);
		if (evidenceId != null && evidence.list(n.id()).stream().noneMatch(e -> e.id() == evidenceId && e.photo())) {
			throw NominationRefusedException.of("portraitEvidenceId", "honor.nomination.error.portrait");
		}
		int changed = jdbc.sql("""
				update honor_nomination set portrait_evidence_id = :evidence, updated_at = :now, version = version + 1
				where id = :id and portrait_evidence_id is distinct from :evidence""")
				.param("evidence", evidenceId, Types.BIGINT)
				.param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).param("id", n.id()).update();
		if (changed > 0) {
			consents.supersede(n.id(), staff.username());
		}
	}

	/** A sealed number of a nomination. */
	public enum SealedField {
		NOMINEE_ID, NOMINEE_MOBILE, NOMINATOR_MOBILE
	}

	/**
	 * Shows one sealed number in full to office staff in scope, with a reason; the reveal (or its refusal) is
	 * recorded in {@code honor_reveal}. Never logged.
	 *
	 * @throws AccessDeniedException without the permission (recorded)
	 * @throws NominationRefusedException when the reason is not 5–200 characters of plain text, or the field is
	 *     empty
	 */
	@Transactional(noRollbackFor = AccessDeniedException.class)
	public String reveal(long id, SealedField field, String reason, ScopedUser staff) {
		NominationRecord n = findForStaff(id, staff);
		String why = reason == null ? "" : reason.strip();
		if (why.codePointCount(0, why.length()) < 5 || why.length() > 200 || !plain(why)) {
			throw NominationRefusedException.of("reason", "honor.nomination.error.reason");
		}
		if (REVEALING_ROLES.stream().noneMatch(staff::hasRole)) {
			recordReveal(n, field, why, staff, "REFUSED");
			throw new AccessDeniedException("revealing needs one of " + REVEALING_ROLES);
		}
		String column = switch (field) {
			case NOMINEE_ID -> "nominee_id";
			case NOMINEE_MOBILE -> "nominee_mobile";
			case NOMINATOR_MOBILE -> "nominator_mobile";
		};
		SealedContact sealed = jdbc.sql("select " + column + "_cipher, " + column + "_key_id from honor_nomination where id = :id")
				.param("id", n.id()).query((rs, i) -> rs.getBytes(1) == null ? null
						: new SealedContact(rs.getBytes(1), "", rs.getString(2)))
				.single();
		if (sealed == null) {
			throw NominationRefusedException.of("field", "honor.nomination.error.nothingToReveal");
		}
		String sealedColumn = switch (field) {
			case NOMINEE_ID -> SealedColumns.NOMINEE_ID;
			case NOMINEE_MOBILE -> SealedColumns.NOMINEE_MOBILE;
			case NOMINATOR_MOBILE -> SealedColumns.NOMINATOR_MOBILE;
		};
		String value = seal.open(sealedColumn, sealed);
		recordReveal(n, field, why, staff, "GRANTED");
		return value;
	}

	/** A reveal as recorded. */
	public record Reveal(String field, String reason, String actor, String outcome, OffsetDateTime at) {
	}

	/** The reveals of one nomination, newest first (for staff in scope). */
	public List<Reveal> reveals(long id, ScopedUser staff) {
		NominationRecord n = findForStaff(id, staff);
		return jdbc.sql("""
				select field, reason, actor, outcome, occurred_at from honor_reveal where nomination_id = :id
				order by occurred_at desc, id desc""").param("id", n.id())
				.query((rs, i) -> new Reveal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getObject(5, OffsetDateTime.class)))
				.list();
	}

	private void recordReveal(NominationRecord n, SealedField field, String reason, ScopedUser staff, String outcome) {
		jdbc.sql("""
				insert into honor_reveal (nomination_id, region_path, field, reason, actor_user_id, actor, outcome, occurred_at)
				values (:n, :path, :field, :reason, :userId, :actor, :outcome, :at)""").param("n", n.id())
				.param("path", n.regionPath()).param("field", field.name()).param("reason", reason)
				.param("userId", staff.userId()).param("actor", staff.username()).param("outcome", outcome)
				.param("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).update();
	}

	private static void requireStaff(ScopedUser user) {
		if (!isStaff(user)) {
			throw new AccessDeniedException("nominations are for staff");
		}
	}

	private static final String COLUMNS = """
			id, number, category, kind, nominee_name, nominee_id_masked, nominee_minor, nominee_mobile_masked,
			volunteer_id, region_code, region_path, deed_date, title, story, nominator_kind, nominator_name,
			nominator_unit, nominator_mobile_masked, entered_by, quarter, status, vetting_level, portrait_evidence_id,
			submitted_at, updated_at, version""";

	private NominationRecord row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
		String code = rs.getString("region_code");
		return new NominationRecord(rs.getLong("id"), rs.getString("number"), rs.getString("category"),
				rs.getString("kind"), rs.getString("nominee_name"), rs.getString("nominee_id_masked"),
				rs.getBoolean("nominee_minor"), rs.getString("nominee_mobile_masked"),
				(Long) rs.getObject("volunteer_id", Long.class), code,
				regions.find(code).map(Region::name).orElse(code), rs.getString("region_path"),
				rs.getObject("deed_date", LocalDate.class), rs.getString("title"), rs.getString("story"),
				rs.getString("nominator_kind"), rs.getString("nominator_name"), rs.getString("nominator_unit"),
				rs.getString("nominator_mobile_masked"), rs.getString("entered_by"), rs.getString("quarter"),
				rs.getString("status"), rs.getString("vetting_level"), rs.getObject("portrait_evidence_id", Long.class),
				rs.getObject("submitted_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
				rs.getInt("version"));
	}
}

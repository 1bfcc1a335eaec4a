package org.wenming.volunteer;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.account.AccountRefusedException;
import org.wenming.account.AccountRegistration;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.KeyLookups;
import org.wenming.platform.KeyedReads;
import org.wenming.region.FieldProblem;
import org.wenming.region.Region;
import org.wenming.region.RegionLevel;
import org.wenming.region.RegionProperties;
import org.wenming.region.Regions;
import org.wenming.shared.DataScope;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.Roles;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.internal.PersonalDataCipher;
import org.wenming.volunteer.internal.PinyinInitials;
import org.wenming.volunteer.internal.VolunteerNumbers;

/**
 * The volunteers (志愿者): registration by the person or by staff, the volunteer's own record, and
 * staff search and reveal inside their data scope. Personal numbers are encrypted, hashed and
 * masked here and nowhere else; a full number leaves only through {@link #reveal}, which is
 * permitted to office staff and administrators, needs a reason and is recorded either way.
 */
@Service
public class Volunteers {

	/** May list and read volunteers in their scope (masked). */
	public static final Set<String> VIEWING_ROLES = Set.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF, Roles.SITE_ADMIN,
			Roles.TEAM_LEADER);

	/** May register someone on their behalf (in scope). */
	public static final Set<String> REGISTERING_ROLES = Set.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF,
			Roles.SITE_ADMIN);

	/** May reveal a full personal number (with a reason, recorded). */
	public static final Set<String> REVEALING_ROLES = Set.of(Roles.SYSTEM_ADMIN, Roles.OFFICE_STAFF);

	public static final int REASON_MIN = 5;

	public static final int REASON_MAX = 200;

	static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private static final String COLUMNS = """
			v.id, v.volunteer_number, v.real_name, v.id_type, v.id_number_masked, v.phone_masked, v.gender,
			v.birth_date, v.region_code, r.name as region_name, v.region_path, v.skills, v.availability,
			v.emergency_name, v.emergency_phone_masked, v.guardian_name, v.guardian_relation,
			v.guardian_phone_masked, v.guardian_consent_at, v.consent_version, v.consent_at, v.status,
			v.withdrawn_at, v.user_id, v.registered_by, v.created_at, v.version""";

	private static final String FROM = " from volunteer v join published_region r on r.code = v.region_code ";

	private static final RowMapper<Volunteer> ROW = (rs, i) -> new Volunteer(rs.getLong("id"),
			rs.getString("volunteer_number"), rs.getString("real_name"), IdType.valueOf(rs.getString("id_type")),
			rs.getString("id_number_masked"), rs.getString("phone_masked"), Gender.valueOf(rs.getString("gender")),
			rs.getObject("birth_date", LocalDate.class), rs.getString("region_code"), rs.getString("region_name"),
			rs.getString("region_path"), strings(rs.getArray("skills")), rs.getString("availability"),
			rs.getString("emergency_name"), rs.getString("emergency_phone_masked"), rs.getString("guardian_name"),
			rs.getString("guardian_relation"), rs.getString("guardian_phone_masked"),
			rs.getObject("guardian_consent_at", OffsetDateTime.class), rs.getString("consent_version"),
			rs.getObject("consent_at", OffsetDateTime.class), Volunteer.Status.valueOf(rs.getString("status")),
			rs.getObject("withdrawn_at", OffsetDateTime.class), (Long) rs.getObject("user_id"),
			rs.getString("registered_by"), rs.getObject("created_at", OffsetDateTime.class), rs.getInt("version"));

	private final JdbcClient jdbc;

	/** The signed-in volunteer's own record, read outside a transaction on every sign-up request. */
	private final JdbcClient keyLookups;

	private final Regions regions;

	private final PersonalDataCipher cipher;

	private final AccountRegistration logins;

	private final Clock clock;

	private final String homeCity;

	private final String privacyNoticeVersion;

	private final org.springframework.context.ApplicationEventPublisher events;

	Volunteers(JdbcClient jdbc, @KeyLookups JdbcClient keyLookups, Regions regions, PersonalDataCipher cipher, AccountRegistration logins, Clock clock,
			RegionProperties region, VolunteerProperties properties,
			org.springframework.context.ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.keyLookups = keyLookups;
		this.regions = regions;
		this.cipher = cipher;
		this.logins = logins;
		this.clock = clock;
		this.homeCity = region.city();
		this.privacyNoticeVersion = properties.privacyNoticeVersion();
	}

	public LocalDate today() {
		return LocalDate.now(clock.withZone(CHINA));
	}

	/**
	 * The home-region picker: the whole city for someone registering themselves, the staff member's
	 * own region for staff (so they can only pick inside their scope).
	 */
	public org.wenming.region.RegionChoice regionChoice(String selectedCode, ScopedUser staff) {
		String root = staff == null || staff.scope().isEverything() ? homeCity : staff.scope().regionCode();
		return regions.choice("regionCode", root, selectedCode);
	}

	public String privacyNoticeVersion() {
		return privacyNoticeVersion;
	}

	// ---- the skills dictionary ---------------------------------------------------------------------

	public List<Skill> skills() {
		return jdbc.sql("select code, name_zh, name_en from volunteer_skill order by position")
				.query((rs, i) -> new Skill(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en")))
				.list();
	}

	public Set<String> skillCodes() {
		Set<String> codes = new LinkedHashSet<>();
		skills().forEach(s -> codes.add(s.code()));
		return codes;
	}

	/** The rules as the import and the forms apply them, with today's date and the dictionary. */
	public VolunteerRules.Result check(VolunteerDraft draft) {
		return VolunteerRules.check(draft, today(), this::isGuangdongCity, skillCodes());
	}

	private boolean isGuangdongCity(String code) {
		return regions.find(code).map(r -> r.level() == RegionLevel.CITY).orElse(false);
	}

	// ---- registration ------------------------------------------------------------------------------

	/**
	 * Self-registration (自助注册): the login and the volunteer record in one transaction. The region
	 * must lie in the city this platform serves.
	 */
	@Transactional
	public Volunteer registerSelf(VolunteerDraft draft, String username, String password) {
		List<FieldProblem> problems = new ArrayList<>();
		VolunteerRules.Result checked = check(draft);
		problems.addAll(checked.problems());
		Region region = checked.ok() ? region(checked.volunteer().regionCode(), problems) : null;
		Region city = regions.find(homeCity).orElseThrow();
		if (region != null && !city.scope().covers(region.path())) {
			problems.add(new FieldProblem("regionCode", "volunteer.error.regionOutsideCity"));
		}
		if (problems.isEmpty()) {
			refuseDuplicate(checked.volunteer());
		}
		long userId;
		try {
			if (!problems.isEmpty()) {
				// still check the login fields, so every problem shows at once
				logins.loginProblems(username, password)
					.forEach((field, key) -> problems.add(new FieldProblem(field, key)));
				throw new VolunteerRefusedException(problems);
			}
			userId = logins.register(username, password, checked.volunteer().realName(), region.code(),
					Roles.VOLUNTEER);
		}
		catch (AccountRefusedException ex) {
			ex.errors().forEach((field, key) -> problems.add(new FieldProblem(field, key)));
			throw new VolunteerRefusedException(problems);
		}
		return insert(checked.volunteer(), region, userId, "self");
	}

	/** Registration by staff on someone's behalf (代为登记), in the staff member's scope; no login. */
	@Transactional
	public Volunteer registerByStaff(VolunteerDraft draft, ScopedUser staff) {
		require(staff, REGISTERING_ROLES);
		List<FieldProblem> problems = new ArrayList<>();
		VolunteerRules.Result checked = check(draft);
		problems.addAll(checked.problems());
		Region region = checked.ok() ? region(checked.volunteer().regionCode(), problems) : null;
		if (region != null && !staff.scope().covers(region.path())) {
			problems.add(new FieldProblem("regionCode", "volunteer.error.regionOutOfScope"));
		}
		if (!problems.isEmpty()) {
			throw new VolunteerRefusedException(problems);
		}
		refuseDuplicate(checked.volunteer());
		return insert(checked.volunteer(), region, null, staff.username());
	}

	private Region region(String code, List<FieldProblem> problems) {
		Optional<Region> region = regions.find(code);
		if (region.isEmpty()) {
			problems.add(new FieldProblem("regionCode", "volunteer.error.regionUnknown"));
		}
		return region.orElse(null);
	}

	/** One person, one registration: the message says so without saying whose record it is. */
	private void refuseDuplicate(CheckedVolunteer volunteer) {
		boolean taken = jdbc.sql("select exists (select 1 from volunteer where id_type = :type and id_number_hash = :hash)")
				.param("type", volunteer.idType().name()).param("hash", idHash(volunteer.idType(), volunteer.idNumber()))
				.query(Boolean.class).single();
		if (taken) {
			throw new VolunteerRefusedException("idNumber", "volunteer.error.alreadyRegistered");
		}
	}

	/**
	 * The keyed lookup hash of an ID number, as volunteers' numbers are stored (another module matching the
	 * same person, e.g. an honours nominee, keeps this and never the number).
	 */
	public byte[] idNumberHash(IdType type, String idNumber) {
		return idHash(type, PersonalNumbers.normalise(idNumber));
	}

	/** The registered volunteer with this ID number, if any: for another module linking the same person. */
	public Optional<Long> findIdByIdNumber(IdType type, String idNumber) {
		return jdbc.sql("select id from volunteer where id_type = :type and id_number_hash = :hash")
				.param("type", type.name()).param("hash", idNumberHash(type, idNumber)).query(Long.class).optional();
	}

	/** Whether a 4-digit Guangdong city code (44xx) is a real city: for checking a resident ID number. */
	public boolean guangdongCityExists(String code) {
		return isGuangdongCity(code);
	}

	private byte[] idHash(IdType type, String normalised) {
		return cipher.hashId(type.name(), normalised);
	}

	private Volunteer insert(CheckedVolunteer v, Region region, Long userId, String registeredBy) {
		String number = freeVolunteerNumber();
		OffsetDateTime now = OffsetDateTime.now(clock);
		long id;
		try {
			id = jdbc.sql("""
					insert into volunteer (volunteer_number, real_name, name_initials, id_type, id_number_cipher,
					    id_number_hash, id_number_masked, phone_cipher, phone_hash, phone_masked, phone_last4, key_id,
					    gender, birth_date, region_code, region_path, skills, availability, emergency_name,
					    emergency_phone_cipher, emergency_phone_masked, guardian_name, guardian_relation,
					    guardian_phone_cipher, guardian_phone_masked, guardian_consent_at, consent_version, consent_at,
					    user_id, registered_by, created_at, updated_at)
					values (:number, :name, :initials, :idType, :idCipher, :idHash, :idMasked, :phoneCipher, :phoneHash,
					    :phoneMasked, :last4, :keyId, :gender, :birth, :region, :path, string_to_array(:skills, ','),
					    :availability, :emergencyName, :emergencyCipher, :emergencyMasked, :guardianName,
					    :guardianRelation, :guardianCipher, :guardianMasked, :guardianConsentAt, :consentVersion, :now,
					    :userId, :by, :now, :now)
					returning id""")
					.param("number", number).param("name", v.realName()).param("initials", PinyinInitials.of(v.realName()))
					.param("idType", v.idType().name()).param("idCipher", cipher.encrypt("id_number", v.idNumber()))
					.param("idHash", idHash(v.idType(), v.idNumber()))
					.param("idMasked", PersonalNumbers.maskId(v.idType(), v.idNumber()))
					.param("phoneCipher", cipher.encrypt("phone", v.phone())).param("phoneHash", phoneHash(v.phone()))
					.param("phoneMasked", PersonalNumbers.maskPhone(v.phone()))
					.param("last4", PersonalNumbers.last4(v.phone())).param("keyId", cipher.activeKeyId())
					.param("gender", v.gender().name()).param("birth", v.birthDate())
					.param("region", region.code()).param("path", region.path())
					.param("skills", String.join(",", v.skills()))
					.param("availability", v.availability(), Types.VARCHAR)
					.param("emergencyName", v.emergencyName(), Types.VARCHAR)
					.param("emergencyCipher", encryptOrNull("emergency_phone", v.emergencyPhone()), Types.BINARY)
					.param("emergencyMasked", maskOrNull(v.emergencyPhone()), Types.VARCHAR)
					.param("guardianName", v.guardianName(), Types.VARCHAR)
					.param("guardianRelation", v.guardianRelation(), Types.VARCHAR)
					.param("guardianCipher", encryptOrNull("guardian_phone", v.guardianPhone()), Types.BINARY)
					.param("guardianMasked", maskOrNull(v.guardianPhone()), Types.VARCHAR)
					.param("guardianConsentAt", v.guardianConsent() ? now : null, Types.TIMESTAMP_WITH_TIMEZONE)
					.param("consentVersion", privacyNoticeVersion).param("now", now)
					.param("userId", userId, Types.BIGINT).param("by", registeredBy).query(Long.class).single();
		}
		catch (DuplicateKeyException sameIdMeanwhile) {
			// a concurrent registration of the same ID won the unique index; this transaction rolls back
			throw new VolunteerRefusedException("idNumber", "volunteer.error.alreadyRegistered");
		}
		history(id, "REGISTERED", registeredBy, null);
		events.publishEvent(new VolunteersRegistered("volunteer:" + id, now,
				List.of(new VolunteersRegistered.RegionCount(region.path(), 1))));
		return find(id).orElseThrow();
	}

	private String freeVolunteerNumber() {
		String prefix = homeCity.length() >= 4 ? homeCity.substring(0, 4) : homeCity;
		for (int attempt = 0; attempt < 10; attempt++) {
			String number = VolunteerNumbers.next(prefix);
			boolean taken = jdbc.sql("select exists (select 1 from volunteer where volunteer_number = :n)")
					.param("n", number).query(Boolean.class).single();
			if (!taken) {
				return number;
			}
		}
		throw new IllegalStateException("no free volunteer number after 10 attempts");
	}

	private byte[] phoneHash(String phone) {
		return cipher.hashPhone(phone);
	}

	private byte[] encryptOrNull(String column, String plain) {
		return plain == null ? null : cipher.encrypt(column, plain);
	}

	private static String maskOrNull(String phone) {
		return phone == null ? null : PersonalNumbers.maskPhone(phone);
	}

	private void history(long volunteerId, String action, String actor, String detail) {
		jdbc.sql("""
				insert into volunteer_history (volunteer_id, occurred_at, action, actor, detail)
				values (:id, :at, :action, :actor, :detail)""")
				.param("id", volunteerId).param("at", OffsetDateTime.now(clock)).param("action", action)
				.param("actor", actor).param("detail", detail, Types.VARCHAR).update();
	}

	// ---- the volunteer's own record ------------------------------------------------------------------

	/**
	 * A volunteer by id, not scoped: for a module that has checked the caller may act for them (a team's
	 * leader signing up a member of the team for a service shift). Names and numbers stay masked.
	 */
	public Optional<Volunteer> find(long id) {
		return jdbc.sql("select " + COLUMNS + FROM + "where v.id = :id").param("id", id).query(ROW).optional();
	}

	/** The signed-in person's own volunteer record, if they registered as one. */
	public Optional<Volunteer> own(ScopedUser me) {
		return KeyedReads.pick(jdbc, keyLookups).sql("select " + COLUMNS + FROM + "where v.user_id = :user")
			.param("user", me.userId()).query(ROW).optional();
	}

	/** What a volunteer may change themselves: phone, availability, skills, emergency contact. */
	@Transactional
	public Volunteer updateOwn(ScopedUser me, int version, ProfileChanges changes) {
		Volunteer volunteer = own(me).orElseThrow(() -> new AccessDeniedException("not a volunteer"));
		if (!volunteer.active()) {
			throw new VolunteerRefusedException("status", "volunteer.error.withdrawn");
		}
		ProfileChanges.Checked[] accepted = new ProfileChanges.Checked[1];
		List<FieldProblem> problems = VolunteerRules.check(changes, skillCodes(), c -> accepted[0] = c);
		if (!problems.isEmpty()) {
			throw new VolunteerRefusedException(problems);
		}
		ProfileChanges.Checked c = accepted[0];
		String phone = c.phone() != null ? c.phone() : decrypt(volunteer.id(), "phone");
		String emergencyPhone = c.emergencyName() == null ? null
				: c.emergencyPhone() != null ? c.emergencyPhone() : decryptOrNull(volunteer.id(), "emergency_phone");
		if (c.emergencyName() != null && emergencyPhone == null) {
			throw new VolunteerRefusedException("emergencyPhone", "volunteer.error.emergencyPair");
		}
		int changed = jdbc.sql("""
				update volunteer set phone_cipher = :phoneCipher, phone_hash = :phoneHash, phone_masked = :phoneMasked,
				    phone_last4 = :last4, key_id = :keyId, availability = :availability, skills = string_to_array(:skills, ','),
				    emergency_name = :emergencyName, emergency_phone_cipher = :emergencyCipher,
				    emergency_phone_masked = :emergencyMasked, updated_at = :now, version = version + 1,
				    id_number_cipher = :idCipher, guardian_phone_cipher = :guardianCipher
				where id = :id and version = :version and user_id = :user""")
				.param("phoneCipher", cipher.encrypt("phone", phone)).param("phoneHash", phoneHash(phone))
				.param("phoneMasked", PersonalNumbers.maskPhone(phone)).param("last4", PersonalNumbers.last4(phone))
				.param("keyId", cipher.activeKeyId()).param("availability", c.availability(), Types.VARCHAR)
				.param("skills", String.join(",", c.skills())).param("emergencyName", c.emergencyName(), Types.VARCHAR)
				.param("emergencyCipher", encryptOrNull("emergency_phone", emergencyPhone), Types.BINARY)
				.param("emergencyMasked", maskOrNull(emergencyPhone), Types.VARCHAR)
				// the row's key_id moves to the active key, so every ciphertext of the row is re-sealed with it
				.param("idCipher", cipher.encrypt("id_number", decrypt(volunteer.id(), "id_number")))
				.param("guardianCipher", reseal(volunteer.id(), "guardian_phone"), Types.BINARY)
				.param("now", OffsetDateTime.now(clock)).param("id", volunteer.id()).param("version", version)
				.param("user", me.userId()).update();
		if (changed == 0) {
			throw new StaleVolunteerException();
		}
		history(volunteer.id(), "UPDATED", me.username(), "self: phone, availability, skills, emergency contact");
		return find(volunteer.id()).orElseThrow();
	}

	/** Whether the volunteer agreed to be named on public lists (the dashboard's top volunteers). */
	public boolean showsPublicly(Volunteer volunteer) {
		return jdbc.sql("select show_publicly from volunteer where id = :id").param("id", volunteer.id())
			.query(Boolean.class).single();
	}

	/**
	 * The volunteer's separate consent (单独同意) to be named on public lists, given or taken back by
	 * themselves at any time; off unless switched on. Recorded in the history.
	 */
	@Transactional
	public void showPublicly(ScopedUser me, boolean show) {
		Volunteer volunteer = own(me).orElseThrow(() -> new AccessDeniedException("not a volunteer"));
		int changed = jdbc.sql("""
				update volunteer set show_publicly = :show, show_publicly_at = :now, updated_at = :now
				where id = :id and show_publicly <> :show""")
			.param("show", show).param("now", OffsetDateTime.now(clock)).param("id", volunteer.id()).update();
		if (changed == 1) {
			history(volunteer.id(), "UPDATED", me.username(), show ? "self: public listing on" : "self: public listing off");
		}
	}

	/** Withdrawing (退出): the record stays, marked withdrawn, with its history. */
	@Transactional
	public Volunteer withdrawOwn(ScopedUser me) {
		Volunteer volunteer = own(me).orElseThrow(() -> new AccessDeniedException("not a volunteer"));
		if (volunteer.active()) {
			OffsetDateTime now = OffsetDateTime.now(clock);
			int withdrawn = jdbc.sql("""
					update volunteer set status = 'WITHDRAWN', withdrawn_at = :now, updated_at = :now, version = version + 1
					where id = :id and status = 'ACTIVE'""")
					.param("now", now).param("id", volunteer.id()).update();
			history(volunteer.id(), "WITHDRAWN", me.username(), "self");
			if (withdrawn == 1) {
				events.publishEvent(new VolunteerWithdrawn(volunteer.id(), volunteer.regionPath(), volunteer.createdAt(), now));
			}
		}
		return find(volunteer.id()).orElseThrow();
	}

	// ---- staff -------------------------------------------------------------------------------------

	public static boolean mayView(ScopedUser user) {
		return user != null && user.roles().stream().anyMatch(VIEWING_ROLES::contains);
	}

	public static boolean mayReveal(ScopedUser user) {
		return user != null && user.roles().stream().anyMatch(REVEALING_ROLES::contains);
	}

	public static boolean mayRegister(ScopedUser user) {
		return user != null && user.roles().stream().anyMatch(REGISTERING_ROLES::contains);
	}

	/**
	 * A volunteer for staff to read (masked).
	 *
	 * @throws OutOfScopeException when the volunteer exists outside the caller's scope (answered as not found)
	 */
	public Optional<Volunteer> findForStaff(long id, ScopedUser staff) {
		require(staff, VIEWING_ROLES);
		Optional<Volunteer> volunteer = find(id);
		if (volunteer.isPresent() && !staff.scope().covers(volunteer.get().regionPath())) {
			throw new OutOfScopeException("volunteer", String.valueOf(id));
		}
		return volunteer;
	}

	/**
	 * A page of volunteers in the caller's scope. Each filter is a fixed SQL fragment with bound
	 * values, and each has an index: the scope range, the name prefix within the city (names compared
	 * as code points, collate "C", so that {@code like '陈%'} bounds the index walk), the initials
	 * prefix (text_pattern_ops), volunteer number (unique), phone last 4, skills (GIN).
	 */
	public VolunteerPage search(VolunteerQuery query, ScopedUser staff) {
		require(staff, VIEWING_ROLES);
		PageStatement page = pageStatement(query, staff);
		List<Volunteer> items = jdbc.sql(page.sql()).params(page.params()).query(ROW).list();
		long total = items.size() < query.size() && (query.page() == 0 || !items.isEmpty())
				? query.offset() + items.size()
				: jdbc.sql("select count(*) from volunteer v " + page.where()).params(page.params())
					.query(Long.class).single();
		return new VolunteerPage(items, total, query.page(), query.size());
	}

	/** A page's statement with its bound values, and its conditions for the count (VolunteerSearchPlanTest explains it). */
	record PageStatement(String sql, Map<String, Object> params, String where) {
	}

	PageStatement pageStatement(VolunteerQuery query, ScopedUser staff) {
		Filter filter = filter(query, staff);
		StringBuilder where = filter.where();
		Map<String, Object> params = new LinkedHashMap<>(filter.params());
		String order = switch (query.sort()) {
			case NAME -> "v.real_name collate \"C\", v.id";
			case NUMBER -> "v.volunteer_number";
			case REGISTERED -> "v.created_at desc, v.id desc";
		};
		// Pinyin initials match names spread over the whole name order (wwj -> 王伟杰, 吴文静), so walking the
		// (real_name, id) index until 20 match reads most of a city's volunteers; the matches are few and
		// found by the initials index, so they are collected first and sorted (EXPLAIN ANALYZE: 700 ms -> ms).
		String select = query.text() != null && query.text().matches("[A-Za-z]+")
				? "with v as materialized (select * from volunteer v " + where + ") select " + COLUMNS
						+ " from v join published_region r on r.code = v.region_code"
				: "select " + COLUMNS + FROM + where;
		params.put("limit", query.size());
		params.put("offset", query.offset());
		return new PageStatement(select + " order by " + order + " limit :limit offset :offset", params,
				where.toString());
	}

	/**
	 * Every volunteer the search would find (all pages), in id order, streamed through a cursor so
	 * that an export of a whole city holds one fetch of rows at a time. Returns how many were passed on.
	 */
	@Transactional(readOnly = true)
	public long forEachFound(VolunteerQuery query, ScopedUser staff, java.util.function.Consumer<Volunteer> each) {
		require(staff, VIEWING_ROLES);
		Filter filter = filter(query, staff);
		long[] count = { 0 };
		// read-only transaction + fetch size: the PostgreSQL driver then reads through a cursor
		jdbc.sql("select " + COLUMNS + FROM + filter.where() + " order by v.id").params(filter.params())
				.withFetchSize(1000).query((java.sql.ResultSet rs) -> {
					each.accept(ROW.mapRow(rs, (int) count[0]));
					count[0]++;
				});
		return count[0];
	}

	private record Filter(StringBuilder where, Map<String, Object> params) {
	}

	/** The search's conditions as fixed SQL fragments with bound values, always inside the caller's scope. */
	private Filter filter(VolunteerQuery query, ScopedUser staff) {
		DataScope scope = staff.scope();
		StringBuilder where = new StringBuilder("where v.region_path >= :lower and v.region_path < :upper");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("lower", scope.lower());
		params.put("upper", scope.upper());
		Optional<String> city = scope.city();
		if (query.regionCode() != null) {
			Region region = regions.find(query.regionCode())
					.orElseThrow(() -> new InvalidInputException("region", "is not a known region"));
			if (!scope.covers(region.path()) && !region.scope().covers(scope.path())) {
				throw new AccessDeniedException("region " + region.code() + " is outside the caller's scope");
			}
			where.append(" and v.region_path >= :regionLower and v.region_path < :regionUpper");
			params.put("regionLower", region.scope().lower());
			params.put("regionUpper", region.scope().upper());
			city = region.scope().city().or(() -> scope.city());
		}
		// a search bound to one city says so, for volunteer_city_name_idx: its walk in name order then stays
		// in the city however many other cities the table holds (docs/notes/distribution.md, cost curve)
		if (city.isPresent()) {
			where.append(" and split_part(v.region_path, '.', 2) = :city");
			params.put("city", city.get());
		}
		if (query.text() != null) {
			String prefix = likeEscape(query.text()) + "%";
			if (query.text().matches("[A-Za-z]+")) {
				where.append(" and (v.name_initials like :initials or v.real_name collate \"C\" like :name)");
				params.put("initials", prefix.toLowerCase(java.util.Locale.ROOT));
			}
			else {
				where.append(" and v.real_name collate \"C\" like :name");
			}
			params.put("name", prefix);
		}
		if (query.number() != null) {
			where.append(" and v.volunteer_number = :number");
			params.put("number", query.number());
		}
		if (query.phoneLast4() != null) {
			where.append(" and v.phone_last4 = :last4");
			params.put("last4", query.phoneLast4());
		}
		if (query.skill() != null) {
			where.append(" and v.skills @> array[cast(:skill as text)]");
			params.put("skill", query.skill());
		}
		if (query.teamId() != null) {
			where.append(" and ").append(org.wenming.volunteer.team.TeamMemberFilter.CONDITION);
			params.put("teamId", query.teamId());
		}
		if (query.status() != null) {
			where.append(" and v.status = :status");
			params.put("status", query.status().name());
		}
		return new Filter(where, params);
	}

	/**
	 * Shows one personal number in full (查看完整信息). Only office staff and administrators may;
	 * a refusal is recorded as well as a reveal.
	 *
	 * @throws AccessDeniedException without the permission (recorded)
	 * @throws InvalidInputException when the reason is missing or not plain text of 5–200 characters
	 */
	public String reveal(long id, PersonalField field, String reason, ScopedUser staff, String ip) {
		Volunteer volunteer = findForStaff(id, staff).orElseThrow(() -> new VolunteerNotFoundException(id));
		String why = checkedReason(reason);
		if (!mayReveal(staff)) {
			recordAccess(volunteer, field, why, staff, ip, "REFUSED");
			throw new AccessDeniedException("revealing personal data needs one of " + REVEALING_ROLES);
		}
		if (why == null) {
			throw new InvalidInputException("reason", "is required: 5 to 200 characters of plain text");
		}
		String value = decrypt(volunteer.id(), field == PersonalField.ID_NUMBER ? "id_number" : "phone");
		recordAccess(volunteer, field, why, staff, ip, "GRANTED");
		return value;
	}

	/** The reason if it is acceptable, else null. */
	private static String checkedReason(String reason) {
		if (reason == null) {
			return null;
		}
		String text = reason.strip();
		int length = text.codePointCount(0, text.length());
		if (length < REASON_MIN || length > REASON_MAX || text.codePoints().anyMatch(c -> c == 0xFFFD
				|| Character.isISOControl(c) || c == '<' || c == '>' || Character.getType(c) == Character.OTHER_SYMBOL
				|| Character.getType(c) == Character.SURROGATE || Character.getType(c) == Character.FORMAT)) {
			return null;
		}
		return text;
	}

	private void recordAccess(Volunteer volunteer, PersonalField field, String reason, ScopedUser staff, String ip,
			String outcome) {
		jdbc.sql("""
				insert into personal_data_access (occurred_at, actor_user_id, actor_username, volunteer_id,
				    volunteer_region_path, field, reason, ip, outcome)
				values (:at, :actorId, :actor, :volunteer, :path, :field, :reason, :ip, :outcome)""")
				.param("at", OffsetDateTime.now(clock)).param("actorId", staff.userId())
				.param("actor", staff.username()).param("volunteer", volunteer.id())
				.param("path", volunteer.regionPath()).param("field", field.name())
				.param("reason", reason, Types.VARCHAR).param("ip", ip == null || ip.length() > 64 ? null : ip, Types.VARCHAR)
				.param("outcome", outcome).update();
	}

	/** The records of reveals (and refused reveals) about volunteers in the caller's scope, newest first. */
	public List<PersonalDataAccess> accessRecords(ScopedUser staff, int page, int size) {
		require(staff, REVEALING_ROLES);
		DataScope scope = staff.scope();
		return jdbc.sql("""
				select a.id, a.occurred_at, a.actor_username, a.volunteer_id, v.real_name, v.volunteer_number, a.field,
				       a.reason, a.ip, a.outcome
				from personal_data_access a join volunteer v on v.id = a.volunteer_id
				where a.volunteer_region_path >= :lower and a.volunteer_region_path < :upper
				order by a.occurred_at desc, a.id desc limit :limit offset :offset""")
				.param("lower", scope.lower()).param("upper", scope.upper()).param("limit", size)
				.param("offset", page * size)
				.query((rs, i) -> new PersonalDataAccess(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class),
						rs.getString("actor_username"), rs.getLong("volunteer_id"), rs.getString("real_name"),
						rs.getString("volunteer_number"), PersonalField.valueOf(rs.getString("field")),
						rs.getString("reason"), rs.getString("ip"), rs.getString("outcome")))
				.list();
	}

	private String decrypt(long volunteerId, String column) {
		String plain = decryptOrNull(volunteerId, column);
		if (plain == null) {
			throw new IllegalStateException("volunteer " + volunteerId + " has no " + column);
		}
		return plain;
	}

	private String decryptOrNull(long volunteerId, String column) {
		Sealed sealed = jdbc.sql("select key_id, " + cipherColumn(column) + " as c from volunteer where id = :id")
				.param("id", volunteerId).query((rs, i) -> new Sealed(rs.getString("key_id"), rs.getBytes("c")))
				.single();
		return sealed.bytes() == null ? null : cipher.decrypt(sealed.keyId(), column, sealed.bytes());
	}

	/** The stored ciphertext re-encrypted with the active key, or null when none is stored. */
	private byte[] reseal(long volunteerId, String column) {
		String plain = decryptOrNull(volunteerId, column);
		return plain == null ? null : cipher.encrypt(column, plain);
	}

	private record Sealed(String keyId, byte[] bytes) {
	}

	/** Column names come from this fixed list only, never from input. */
	private static String cipherColumn(String column) {
		return switch (column) {
			case "id_number" -> "id_number_cipher";
			case "phone" -> "phone_cipher";
			case "emergency_phone" -> "emergency_phone_cipher";
			case "guardian_phone" -> "guardian_phone_cipher";
			default -> throw new IllegalArgumentException(column);
		};
	}

	private static void require(ScopedUser user, Set<String> roles) {
		if (user == null || user.roles().stream().noneMatch(roles::contains)) {
			throw new AccessDeniedException("needs one of " + roles);
		}
	}

	private static String likeEscape(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static List<String> strings(Array array) throws SQLException {
		return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
	}

}

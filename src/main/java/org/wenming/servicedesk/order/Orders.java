package org.wenming.servicedesk.order;

import java.math.BigDecimal;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.casework.calendar.WorkingTime;
import org.wenming.casework.photo.CasePhotos;
import org.wenming.notification.Notification;
import org.wenming.notification.Notifier;
import org.wenming.platform.Languages;
import org.wenming.platform.SecretTokens;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.region.RegionLevel;
import org.wenming.region.Regions;
import org.wenming.servicedesk.OrderStatus;
import org.wenming.servicedesk.menu.MenuItem;
import org.wenming.servicedesk.menu.MenuItems;
import org.wenming.servicedesk.menu.ServiceCategories;
import org.wenming.servicedesk.menu.ServiceCategory;
import org.wenming.shared.CityTime;
import org.wenming.shared.ScopedUser;
import org.wenming.volunteer.ContactSeal;
import org.wenming.volunteer.ContactSeal.SealedContact;

/**
 * Ordering (点单): a resident orders an item of a menu or makes a wish; the order lands at the station of
 * the village (or at the item's site) as RECEIVED with its accept clock on the working calendar, an event
 * row and a notice to the resident's mobile, all in one transaction. The contact's mobile and the address
 * are sealed, bound to their columns; the private link's token is returned once and only its hash kept.
 */
@Service
@org.springframework.boot.context.properties.EnableConfigurationProperties(AnonymousOrderProperties.class)
public class Orders {

	/** Bound to the columns they are stored in: a ciphertext cannot be moved to another. */
	public static final String CONTACT_COLUMN = org.wenming.servicedesk.SealedColumns.CONTACT;

	public static final String ADDRESS_COLUMN = org.wenming.servicedesk.SealedColumns.ADDRESS;

	private final JdbcClient jdbc;

	private final MenuItems menus;

	private final ServiceCategories categories;

	private final Regions regions;

	private final PracticeSites sites;

	private final ContactSeal seal;

	private final WorkingTime workingTime;

	private final Notifier notifier;

	private final MessageSource messages;

	private final java.time.Clock clock;

	private final AnonymousOrderProperties anonymous;

	private final OrderPhotos orderPhotos;

	Orders(JdbcClient jdbc, MenuItems menus, ServiceCategories categories, Regions regions, PracticeSites sites,
			ContactSeal seal, WorkingTime workingTime, Notifier notifier, MessageSource messages, java.time.Clock clock,
			AnonymousOrderProperties anonymous, OrderPhotos orderPhotos) {
		this.anonymous = anonymous;
		this.orderPhotos = orderPhotos;
		this.jdbc = jdbc;
		this.menus = menus;
		this.categories = categories;
		this.regions = regions;
		this.sites = sites;
		this.seal = seal;
		this.workingTime = workingTime;
		this.notifier = notifier;
		this.messages = messages;
		this.clock = clock;
	}

	/**
	 * Places an order.
	 *
	 * @param user the person placing it: the resident signed in, staff on the resident's behalf (channel
	 *        PHONE or WALK_IN, the village in their scope), or null when anonymous (the caller has checked the
	 *        one-time code)
	 * @param locale the resident's language, for the notice
	 * @throws OrderRefusedException naming the fields that broke a rule; nothing stored
	 */
	@Transactional
	public PlacedOrder place(OrderDraft submitted, OrderChannel channel, ScopedUser user, Locale locale) {
		return place(submitted, channel, user, locale, null);
	}

	/**
	 * The same, with a gate asked once every field is right and before anything is stored (the anonymous
	 * form's one-time code): a problem it names refuses the order.
	 */
	@Transactional
	public PlacedOrder place(OrderDraft submitted, OrderChannel channel, ScopedUser user, Locale locale,
			java.util.function.Supplier<Optional<OrderProblem>> gate) {
		return place(submitted, channel, user, locale, gate, null, List.of());
	}

	/**
	 * The same, with before-photos already checked ({@link OrderPhotos#check}): stored with the order, or not
	 * at all.
	 */
	@Transactional
	public PlacedOrder place(OrderDraft submitted, OrderChannel channel, ScopedUser user, Locale locale,
			java.util.function.Supplier<Optional<OrderProblem>> gate, List<CasePhotos.CheckedPhoto> photos) {
		return place(submitted, channel, user, locale, gate, null, photos);
	}

	/**
	 * An order without an account: every field checked first, then the client's limit on anonymous orders
	 * (counted on the stored orders under a lock on the client, so concurrent orders on any node cannot all
	 * pass the last place), then the gate (the one-time code).
	 *
	 * @param client what identifies the client (its address): kept only as a hash
	 * @throws OrderLimitException when the client placed {@code per-client} anonymous orders in the window
	 */
	@Transactional
	public PlacedOrder placeAnonymous(OrderDraft submitted, OrderChannel channel, String client, Locale locale,
			java.util.function.Supplier<Optional<OrderProblem>> gate, List<CasePhotos.CheckedPhoto> photos) {
		if (channel.onBehalf()) {
			throw new AccessDeniedException("ordering on a resident's behalf needs staff");
		}
		return place(submitted, channel, null, locale, gate, client == null ? "" : client, photos);
	}

	private PlacedOrder place(OrderDraft submitted, OrderChannel channel, ScopedUser user, Locale locale,
			java.util.function.Supplier<Optional<OrderProblem>> gate, String client,
			List<CasePhotos.CheckedPhoto> photos) {
		OrderDraft draft = submitted.trimmed();
		List<OrderProblem> problems = new ArrayList<>();
		Optional<MenuItem> item = Optional.empty();
		if (draft.menuItemId() != null) {
			item = menus.find(draft.menuItemId()).filter(MenuItem::active);
			if (item.isEmpty()) {
				problems.add(new OrderProblem("menuItemId", "servicedesk.order.error.itemUnknown"));
			}
		}
		String categoryCode = item.map(MenuItem::category).orElse(draft.category() == null ? "WISH" : draft.category());
		Optional<ServiceCategory> category = categories.find(categoryCode);
		if (category.isEmpty()) {
			problems.add(new OrderProblem("category", "servicedesk.order.error.categoryUnknown"));
		}
		String what = draft.what() != null ? draft.what() : item.map(MenuItem::name).orElse(null);
		if (what == null) {
			problems.add(new OrderProblem("what", "servicedesk.order.error.whatRequired"));
		}
		else if (what.length() > 1000) {
			problems.add(new OrderProblem("what", "servicedesk.order.error.whatTooLong"));
		}
		Optional<Region> village = draft.regionCode() == null ? Optional.empty()
				: regions.find(draft.regionCode()).filter(r -> r.level() == RegionLevel.VILLAGE)
						.filter(r -> sites.homeCity().scope().covers(r.path()));
		if (village.isEmpty()) {
			problems.add(new OrderProblem("regionCode", "servicedesk.order.error.villageUnknown"));
		}
		else if (item.isPresent() && !village.get().path().startsWith(item.get().regionPath())) {
			problems.add(new OrderProblem("regionCode", "servicedesk.order.error.itemNotHere"));
		}
		if (draft.address() != null && draft.address().length() > 200) {
			problems.add(new OrderProblem("address", "servicedesk.order.error.addressTooLong"));
		}
		if (draft.latitude() != null && (draft.latitude().abs().compareTo(BigDecimal.valueOf(90)) > 0)) {
			problems.add(new OrderProblem("latitude", "servicedesk.order.error.position"));
		}
		if (draft.longitude() != null && (draft.longitude().abs().compareTo(BigDecimal.valueOf(180)) > 0)) {
			problems.add(new OrderProblem("longitude", "servicedesk.order.error.position"));
		}
		LocalDate today = LocalDate.now(clock.withZone(CityTime.ZONE));
		if (draft.preferredFrom() != null && draft.preferredFrom().isBefore(today)) {
			problems.add(new OrderProblem("preferredFrom", "servicedesk.order.error.past"));
		}
		if (draft.preferredTo() != null && (draft.preferredTo().isBefore(today) || draft.preferredFrom() != null
				&& draft.preferredTo().isBefore(draft.preferredFrom()))) {
			problems.add(new OrderProblem("preferredTo", "servicedesk.order.error.toBeforeFrom"));
		}
		if (draft.contactName() == null) {
			problems.add(new OrderProblem("contactName", "servicedesk.order.error.nameRequired"));
		}
		else if (draft.contactName().length() > 50) {
			problems.add(new OrderProblem("contactName", "servicedesk.order.error.nameTooLong"));
		}
		if (!ContactSeal.isMobile(draft.contactMobile())) {
			problems.add(new OrderProblem("contactMobile", "servicedesk.order.error.mobile"));
		}
		if (draft.notes() != null && draft.notes().length() > 1000) {
			problems.add(new OrderProblem("notes", "servicedesk.order.error.notesTooLong"));
		}
		if (photos != null && photos.size() > OrderPhotos.MAX_BEFORE) {
			problems.add(new OrderProblem(OrderPhotos.FIELD, "servicedesk.order.error.tooManyPhotos"));
		}
		if (!problems.isEmpty()) {
			throw new OrderRefusedException(problems);
		}
		byte[] clientHash = null;
		if (user == null && client != null) {
			clientHash = SecretTokens.sha256("servicedesk-order-client:" + client);
			requirePlaceFor(clientHash);
		}
		if (gate != null) {
			Optional<OrderProblem> refused = gate.get();
			if (refused.isPresent()) {
				throw new OrderRefusedException(List.of(refused.get()));
			}
		}
		if (channel.onBehalf() && (user == null || !MenuItems.mayManage(user) || !user.scope().covers(village.get().path()))) {
			throw new AccessDeniedException("ordering on a resident's behalf needs staff whose scope covers the village");
		}
		Long siteId = item.map(MenuItem::siteId).orElseGet(() -> nearestSite(village.get().path()));
		if (siteId == null) {
			throw new OrderRefusedException(List.of(new OrderProblem("regionCode", "servicedesk.order.error.noSite")));
		}

		Locale language = locale == null || Languages.supported(locale) == null ? Locale.SIMPLIFIED_CHINESE
				: Languages.supported(locale);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		ServiceCategory limits = category.get();
		Instant acceptDue = "WORKING_HOURS".equals(limits.acceptUnit())
				? workingTime.dueInWorkingHours(now, limits.acceptWithin())
				: workingTime.dueInWorkingDays(now, limits.acceptWithin());
		String number = nextNumber(now);
		String token = SecretTokens.random(24);
		SealedContact contact = seal.seal(CONTACT_COLUMN, draft.contactMobile());
		SealedContact address = draft.address() == null ? null : seal.sealText(ADDRESS_COLUMN, draft.address());
		String orderedBy = channel.onBehalf() ? user.username() : null;
		Long account = !channel.onBehalf() && user != null ? user.userId() : null;
		long id = jdbc.sql("""
				insert into service_order (order_number, menu_item_id, category, what, region_code, region_path,
				    address_cipher, address_key_id, latitude, longitude, preferred_from, preferred_to, contact_name,
				    contact_cipher, contact_masked, contact_key_id, notes, channel, ordered_by, account_user_id,
				    follow_token_hash, status, site_id, received_at, accept_due, lang, client_hash)
				values (:number, :item, :category, :what, :region, :path, :addressCipher, :addressKey, :lat, :lon, :from,
				    :to, :name, :contactCipher, :masked, :contactKey, :notes, :channel, :orderedBy, :account, :tokenHash,
				    'RECEIVED', :site, :now, :acceptDue, :lang, :clientHash)
				returning id""")
				.param("number", number).param("item", draft.menuItemId(), Types.BIGINT).param("category", limits.code())
				.param("what", what).param("region", village.get().code()).param("path", village.get().path())
				.param("addressCipher", address == null ? null : address.cipher(), Types.BINARY)
				.param("addressKey", address == null ? null : address.keyId(), Types.VARCHAR)
				.param("lat", draft.latitude(), Types.NUMERIC).param("lon", draft.longitude(), Types.NUMERIC)
				.param("from", draft.preferredFrom(), Types.DATE).param("to", draft.preferredTo(), Types.DATE)
				.param("name", draft.contactName()).param("contactCipher", contact.cipher())
				.param("masked", contact.masked()).param("contactKey", contact.keyId())
				.param("notes", draft.notes(), Types.VARCHAR).param("channel", channel.name())
				.param("orderedBy", orderedBy, Types.VARCHAR).param("account", account, Types.BIGINT)
				.param("tokenHash", SecretTokens.sha256(token)).param("site", siteId)
				.param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
				.param("acceptDue", OffsetDateTime.ofInstant(acceptDue, ZoneOffset.UTC))
				.param("lang", Languages.tag(language)).param("clientHash", clientHash, Types.BINARY)
				.query(Long.class).single();
		jdbc.sql("""
				insert into service_order_event (order_id, at, kind, from_status, to_status, actor, site_id)
				values (:id, :now, 'RECEIVED', null, :status, :actor, :site)""")
				.param("id", id).param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
				.param("status", OrderStatus.RECEIVED.name())
				.param("actor", user == null ? "anonymous" : user.username()).param("site", siteId).update();
		if (photos != null && !photos.isEmpty()) {
			orderPhotos.store(id, "BEFORE", photos, user == null ? "anonymous" : user.username());
		}
		notifier.send(new Notification("servicedesk.order", draft.contactMobile(), "SD_ORDER_RECEIVED",
				Map.of("number", number), messages.getMessage("servicedesk.order.notice.received",
						new Object[] { number }, language)));
		return new PlacedOrder(id, number, siteId, token);
	}

	/**
	 * The order behind a private link, with its public steps.
	 *
	 * @return empty for a token that is no order's (the caller answers 404)
	 */
	public Optional<OrderFollow> follow(String token) {
		if (token == null || !token.matches("[A-Za-z0-9_-]{16,64}")) {
			return Optional.empty();
		}
		return jdbc.sql("""
				select o.id, o.order_number, o.status, o.category, o.what, s.name as site_name, t.name as team_name,
				       o.contact_masked, o.received_at
				from service_order o
				join published_practice_site s on s.id = o.site_id
				left join published_team t on t.id = o.team_id
				where o.follow_token_hash = :hash""").param("hash", SecretTokens.sha256(token))
				.query((rs, i) -> {
					long id = rs.getLong("id");
					List<OrderFollow.Step> steps = jdbc.sql("""
							select at, kind, to_status, case when public_reason then reason end as reason
							from service_order_event where order_id = :id and kind not in ('REVEALED', 'NOTE')
							order by at, id""").param("id", id)
							.query((e, j) -> new OrderFollow.Step(e.getObject("at", OffsetDateTime.class),
									e.getString("kind"), e.getString("to_status"), e.getString("reason")))
							.list();
					return new OrderFollow(rs.getString("order_number"), rs.getString("status"), rs.getString("category"),
							rs.getString("what"), rs.getString("site_name"), rs.getString("team_name"),
							rs.getString("contact_masked"), rs.getObject("received_at", OffsetDateTime.class), steps);
				}).optional();
	}

	/**
	 * Takes the client's lock (held to the end of the ordering transaction, on every node) and refuses when its
	 * anonymous orders in the window already reach the limit.
	 */
	private void requirePlaceFor(byte[] clientHash) {
		jdbc.sql("select pg_advisory_xact_lock(4412018, hashtext(:key))")
				.param("key", java.util.HexFormat.of().formatHex(clientHash)).query((rs, i) -> 1).list();
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		List<OffsetDateTime> recent = jdbc.sql("""
				select received_at from service_order where client_hash = :client and received_at > :since
				order by received_at desc limit :max""").param("client", clientHash)
				.param("since", OffsetDateTime.ofInstant(now.minus(anonymous.window()), ZoneOffset.UTC))
				.param("max", anonymous.perClient()).query(OffsetDateTime.class).list();
		if (recent.size() >= anonymous.perClient()) {
			// the oldest of the last per-client orders leaves the window first
			Instant frees = recent.get(recent.size() - 1).toInstant().plus(anonymous.window());
			java.time.Duration wait = java.time.Duration.between(now, frees);
			throw new OrderLimitException(wait.isNegative() || wait.isZero() ? java.time.Duration.ofSeconds(1) : wait);
		}
	}

	/** The site nearest the village that can hold an order: its station, else its institute, else its centre. */
	Long nearestSite(String villagePath) {
		List<String> paths = new ArrayList<>();
		for (int i = villagePath.length() - 2; i > 0; i--) {
			if (villagePath.charAt(i) == '.') {
				paths.add(villagePath.substring(0, i + 1));
			}
		}
		paths.add(0, villagePath);
		return jdbc.sql("""
				select id from published_practice_site
				where region_path in (:paths) and kind in ('STATION', 'INSTITUTE', 'CENTRE')
				order by length(region_path) desc, id limit 1""").param("paths", paths).query(Long.class).optional()
				.orElse(null);
	}

	/**
	 * {@code SD-2026-000123}: the year in the city's time and a number from a sequence every node shares
	 * (V52) — no lock held until the commit, so orders do not queue behind each other.
	 */
	private String nextNumber(Instant now) {
		int year = now.atZone(CityTime.ZONE).getYear();
		long next = jdbc.sql("select nextval('service_order_number_seq')").query(Long.class).single();
		return "SD-" + year + "-" + String.format("%06d", next);
	}
}

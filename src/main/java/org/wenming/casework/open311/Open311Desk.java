package org.wenming.casework.open311;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.casework.CaseCategory;
import org.wenming.casework.CaseSource;
import org.wenming.casework.Cases;
import org.wenming.casework.NewCase;
import org.wenming.platform.InvalidInputException;
import org.wenming.region.RegionProperties;
import org.wenming.volunteer.ContactSeal;

/**
 * What the GeoReport resources do, apart from reading the parameters and writing the documents: the
 * services offered, the search, the api_key and its allowance, and the intake of a POST as a case of
 * source OPEN311 with its Open311 extras, in one transaction.
 */
@Service
class Open311Desk {

	private static final Pattern SERVICE_CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,31}");

	private final Cases cases;

	private final ServiceRequests requests;

	private final ApiKeys keys;

	private final ContactSeal seal;

	private final Open311Properties properties;

	private final Clock clock;

	private final String cityCode;

	Open311Desk(Cases cases, ServiceRequests requests, ApiKeys keys, ContactSeal seal, Open311Properties properties,
			Clock clock, RegionProperties regions) {
		this.cases = cases;
		this.requests = requests;
		this.keys = keys;
		this.seal = seal;
		this.properties = properties;
		this.clock = clock;
		this.cityCode = regions.city();
	}

	/** A case that a POST created, and the service it was filed under. */
	record Created(Cases.Reported reported, CaseCategory service) {
	}

	/** Every category: the services are its active leaves, their groups its inner nodes. */
	List<CaseCategory> categories() {
		return cases.categories();
	}

	/** An active leaf of the category tree; anything else is refused with {@code status} (400 or 404). */
	CaseCategory activeService(String code, int status) {
		CaseCategory service = code != null && SERVICE_CODE.matcher(code).matches()
				? cases.category(code).filter(c -> c.leaf() && c.active()).orElse(null) : null;
		if (service == null) {
			throw new Open311Exception(status, "open311.error.service.unknown");
		}
		return service;
	}

	List<ServiceRequests.Row> find(RequestQuery query) {
		if (query.byNumbers()) {
			return requests.byNumbers(query.numbers());
		}
		Set<String> services = new LinkedHashSet<>();
		for (String code : query.serviceCodes()) {
			services.add(activeService(code, 400).code());
		}
		return requests.search(query.search(services, properties.window(), clock.instant()));
	}

	/** One request by its number (a list of one, as the spec has it). */
	List<ServiceRequests.Row> request(String number) {
		List<ServiceRequests.Row> rows = RequestQuery.CASE_NUMBER.matcher(number).matches()
				? requests.byNumbers(Set.of(number)) : List.of();
		if (rows.isEmpty()) {
			throw Open311Exception.notFound("open311.error.request.unknown");
		}
		return rows;
	}

	/** The case number a follow token leads to (tokens were handed out by POST before it answered with the id). */
	String numberOfToken(String token) {
		return cases.findByFollowToken(token).orElseThrow(() -> Open311Exception.notFound("open311.error.token.unknown"))
				.caseNumber();
	}

	/** Who holds the api_key, if they may POST now: 403 for a missing, wrong or revoked key, 429 past the allowance. */
	ApiKeys.Caller caller(String apiKey) {
		ApiKeys.Caller caller = keys.authenticate(apiKey)
				.orElseThrow(() -> Open311Exception.forbidden("open311.error.apiKey"));
		if (!keys.allowPost(caller.id())) {
			// the allowance is per clock minute (open311_post_window): the next one starts this many seconds on
			long retryAfter = 60 - clock.instant().getEpochSecond() % 60;
			throw Open311Exception.tooMany(retryAfter, "open311.error.rateLimit", properties.postsPerMinute());
		}
		return caller;
	}

	/**
	 * The POST as a case: the same intake as any report ({@code Cases.report}, status REPORTED, its
	 * history and event) with the extras in the same transaction; the phone sealed at once. A refusal
	 * of the intake is a 400 naming the Open311 parameter, and leaves nothing stored.
	 */
	@Transactional
	Created create(ServiceRequestForm form, ApiKeys.Caller caller) {
		CaseCategory service = activeService(form.serviceCode(), 400);
		String attributes = form.attributeAnswers(ServiceAttributes.of(service.code()));
		ContactSeal.SealedContact contact = form.phone() == null ? null : seal.seal(Cases.CONTACT_COLUMN, form.phone());
		NewCase report = new NewCase(CaseSource.OPEN311, service.code(), form.description(), form.address(),
				form.latitude(), form.longitude(), form.regionCode(cityCode), null, form.reporterName(), contact,
				caller.id());
		Cases.Reported reported;
		try {
			reported = cases.report(report, "open311:" + caller.prefix());
		}
		catch (InvalidInputException ex) {
			// the intake's own words for the rule, resolved from the bundle with the parameter's name
			throw Open311Exception.badRequest("open311.error.field", ServiceRequestForm.parameterOf(ex.field()),
					new DefaultMessageSourceResolvable(new String[] { ex.getMessage() }, ex.getMessage()));
		}
		requests.saveExtras(reported.id(), form.mediaUrl(), attributes);
		return new Created(reported, service);
	}
}

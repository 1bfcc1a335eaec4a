package org.wenming.casework.open311;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters of {@code GET requests}: either case numbers ({@code service_request_id}, and then,
 * as the spec says, nothing else counts) or a search by time, service, status and page.
 *
 * @param numbers the case numbers asked for; empty for a search
 * @param start {@code start_date}, or null
 * @param end {@code end_date} (inclusive), or null
 * @param serviceCodes the services asked for, as given (whether each is a service is the intake's to check)
 * @param open true for open requests only, false for closed only, null for both
 */
record RequestQuery(Set<String> numbers, Instant start, Instant end, Set<String> serviceCodes, Boolean open, int page,
		int pageSize) {

	static final int MAX_PAGE_SIZE = 1000;

	static final Pattern CASE_NUMBER = Pattern.compile("[0-9A-Za-z-]{1,24}");

	static RequestQuery bind(GeoReportParameters parameters) {
		String ids = parameters.given("service_request_id");
		if (ids != null) {
			return new RequestQuery(caseNumbers(ids), null, null, Set.of(), null, 1, MAX_PAGE_SIZE);
		}
		Instant start = parameters.time("start_date");
		Instant end = parameters.time("end_date");
		Set<String> codes = new LinkedHashSet<>();
		String serviceCodes = parameters.given("service_code");
		if (serviceCodes != null) {
			for (String code : serviceCodes.split(",", 50)) {
				codes.add(code.strip());
			}
		}
		Boolean open = null;
		String statuses = parameters.given("status");
		if (statuses != null) {
			Set<String> asked = new LinkedHashSet<>();
			for (String s : statuses.split(",", 10)) {
				String status = s.strip().toLowerCase(Locale.ROOT);
				if (!status.equals("open") && !status.equals("closed")) {
					throw Open311Exception.badRequest("open311.error.status");
				}
				asked.add(status);
			}
			open = asked.size() == 2 ? null : asked.contains("open");
		}
		int pageSize = parameters.integer("page_size", MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE);
		int page = parameters.integer("page", 1, 1, 1_000_000);
		return new RequestQuery(Set.of(), start, end, codes, open, page, pageSize);
	}

	boolean byNumbers() {
		return !numbers.isEmpty();
	}

	/**
	 * The search over at most {@code window}, newest first: no dates, the window up to {@code now};
	 * only one date, the window from or to it.
	 */
	ServiceRequests.Search search(Set<String> services, Duration window, Instant now) {
		Instant from = start;
		Instant to = end;
		if (from == null && to == null) {
			to = now;
			from = to.minus(window);
		}
		else if (from == null) {
			from = to.minus(window);
		}
		else if (to == null) {
			to = from.plus(window);
		}
		if (!to.isAfter(from)) {
			throw Open311Exception.badRequest("open311.error.dates.order");
		}
		if (Duration.between(from, to).compareTo(window) > 0) {
			throw Open311Exception.badRequest("open311.error.dates.span", window.toDays());
		}
		// the end is inclusive; the search's upper bound is not (timestamps hold microseconds)
		return new ServiceRequests.Search(from, to.plusNanos(1000), services, open, page, pageSize);
	}

	private static Set<String> caseNumbers(String ids) {
		Set<String> numbers = new LinkedHashSet<>();
		for (String id : ids.split(",", MAX_PAGE_SIZE + 2)) {
			String number = id.strip();
			if (!CASE_NUMBER.matcher(number).matches()) {
				throw Open311Exception.badRequest("open311.error.requestIds");
			}
			numbers.add(number);
		}
		if (numbers.size() > MAX_PAGE_SIZE) {
			throw Open311Exception.badRequest("open311.error.requestIds");
		}
		return numbers;
	}
}

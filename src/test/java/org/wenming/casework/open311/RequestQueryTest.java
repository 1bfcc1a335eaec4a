package org.wenming.casework.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The binding of {@code GET requests}' parameters and the search window, without Spring. */
class RequestQueryTest {

	static final Duration WINDOW = Duration.ofDays(90);

	static final Instant NOW = Instant.parse("2026-11-29T04:00:00Z");

	static GeoReportParameters parameters(String... namesAndValues) {
		Map<String, String[]> values = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			values.put(namesAndValues[i], new String[] { namesAndValues[i + 1] });
		}
		return new GeoReportParameters(values);
	}

	static void refused(Runnable binding, String messageKey) {
		assertThatThrownBy(binding::run).isInstanceOfSatisfying(Open311Exception.class, ex -> {
			assertThat(ex.status()).isEqualTo(400);
			assertThat(ex.messageKey()).isEqualTo(messageKey);
		});
	}

	@Test
	void requestIdsMakeEveryOtherParameterIgnored() {
		RequestQuery query = RequestQuery.bind(parameters("service_request_id", "4412-20261129-000001, 4412-20261129-000002",
				"page_size", "ten", "status", "pending"));
		assertThat(query.byNumbers()).isTrue();
		assertThat(query.numbers()).containsExactly("4412-20261129-000001", "4412-20261129-000002");
		refused(() -> RequestQuery.bind(parameters("service_request_id", "1,<script>")), "open311.error.requestIds");
	}

	@Test
	void withoutDatesTheWindowEndsNowAndOneDateOpensItFromOrToThatDate() {
		ServiceRequests.Search none = RequestQuery.bind(parameters()).search(Set.of(), WINDOW, NOW);
		assertThat(none.from()).isEqualTo(NOW.minus(WINDOW));
		// the end is inclusive: the search's bound lies a microsecond after it
		assertThat(none.to()).isEqualTo(NOW.plusNanos(1000));
		assertThat(none.page()).isEqualTo(1);
		assertThat(none.pageSize()).isEqualTo(1000);

		ServiceRequests.Search start = RequestQuery.bind(parameters("start_date", "2026-01-01T00:00:00+08:00"))
			.search(Set.of(), WINDOW, NOW);
		assertThat(start.from()).isEqualTo(Instant.parse("2025-12-31T16:00:00Z"));
		assertThat(start.to()).isEqualTo(Instant.parse("2025-12-31T16:00:00Z").plus(WINDOW).plusNanos(1000));

		ServiceRequests.Search end = RequestQuery.bind(parameters("end_date", "2026-06-01T00:00:00-05:00"))
			.search(Set.of(), WINDOW, NOW);
		assertThat(end.from()).isEqualTo(Instant.parse("2026-06-01T05:00:00Z").minus(WINDOW));
	}

	@Test
	void datesInTheWrongOrderOrSpanningMoreThanTheWindowAreRefused() {
		refused(() -> RequestQuery.bind(parameters("start_date", "2026-11-02T00:00:00+08:00", "end_date",
				"2026-11-01T00:00:00+08:00")).search(Set.of(), WINDOW, NOW), "open311.error.dates.order");
		refused(() -> RequestQuery.bind(parameters("start_date", "2026-01-01T00:00:00+08:00", "end_date",
				"2026-06-01T00:00:00+08:00")).search(Set.of(), WINDOW, NOW), "open311.error.dates.span");
		refused(() -> RequestQuery.bind(parameters("start_date", "2026-11-01")), "open311.error.date");
	}

	@Test
	void statusesPagesAndServiceCodes() {
		assertThat(RequestQuery.bind(parameters("status", "open")).open()).isTrue();
		assertThat(RequestQuery.bind(parameters("status", " Closed ")).open()).isFalse();
		assertThat(RequestQuery.bind(parameters("status", "open,closed")).open()).isNull();
		refused(() -> RequestQuery.bind(parameters("status", "pending")), "open311.error.status");
		RequestQuery paged = RequestQuery.bind(parameters("page", "3", "page_size", "400", "service_code",
				"PUBLIC_TOILET, SANITATION"));
		assertThat(paged.page()).isEqualTo(3);
		assertThat(paged.pageSize()).isEqualTo(400);
		assertThat(paged.serviceCodes()).containsExactly("PUBLIC_TOILET", "SANITATION");
		refused(() -> RequestQuery.bind(parameters("page_size", "1001")), "open311.error.integer");
		refused(() -> RequestQuery.bind(parameters("page", "0")), "open311.error.integer");
	}

	@Test
	void aParameterGivenTwiceOrHoldingANulIsRefused() {
		GeoReportParameters twice = new GeoReportParameters(Map.of("status", new String[] { "open", "closed" }));
		refused(() -> RequestQuery.bind(twice), "open311.error.repeated");
		refused(() -> RequestQuery.bind(parameters("service_code", "A\u0000")), "open311.error.nul");
	}
}

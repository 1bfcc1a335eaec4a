package org.wenming.casework.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.wenming.platform.InvalidInputException;

/** The period presets and their refusals, without Spring. */
class StatisticsPeriodTest {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 29);

	private static StatisticsFilters.Period period(String preset, String from, String to, String month,
			String quarter, String year) {
		return StatisticsFilters.period(new StatisticsFilters.Raw(null, null, null, preset, from, to, month, quarter,
				year), TODAY);
	}

	@Test
	void presetsAreTheCurrentMonthQuarterAndYear() {
		assertThat(period(null, null, null, null, null, null))
			.isEqualTo(new StatisticsFilters.Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31), "year"));
		assertThat(period("month", null, null, null, null, null))
			.isEqualTo(new StatisticsFilters.Period(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), "month"));
		assertThat(period("quarter", null, null, null, null, null))
			.isEqualTo(new StatisticsFilters.Period(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31), "quarter"));
		assertThat(period(null, null, null, "2024-02", null, null).to()).isEqualTo(LocalDate.of(2024, 2, 29));
		assertThat(period(null, null, null, null, "2025-Q2", null))
			.isEqualTo(new StatisticsFilters.Period(LocalDate.of(2025, 4, 1), LocalDate.of(2025, 6, 30), "quarter"));
		// dates win over a preset
		assertThat(period("month", "2025-01-01", "2025-01-07", null, null, null).preset()).isEqualTo("range");
	}

	@Test
	void fiveYearsIsTheLongestPeriod() {
		assertThat(period(null, "2020-01-01", "2025-01-01", null, null, null).to()).isEqualTo(LocalDate.of(2025, 1, 1));
		assertThatThrownBy(() -> period(null, "2020-01-01", "2025-01-02", null, null, null))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.field()).isEqualTo("to"));
		assertThatThrownBy(() -> period(null, "1976-01-01", "2026-01-01", null, null, null))
			.isInstanceOfSatisfying(InvalidInputException.class, ex -> assertThat(ex.field()).isEqualTo("from"));
	}
}

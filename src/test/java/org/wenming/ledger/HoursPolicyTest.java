package org.wenming.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wenming.ledger.internal.HoursPolicy;
import org.wenming.ledger.internal.LedgerProperties;
import org.wenming.ledger.internal.LedgerProperties.Rounding;

/** The rules for credited hours, without Spring. */
class HoursPolicyTest {

	static final OffsetDateTime NINE = OffsetDateTime.of(2026, 3, 5, 9, 0, 0, 0, ZoneOffset.ofHours(8));

	static final List<BigDecimal> STARS = List.of(bd("100"), bd("300"), bd("600"), bd("1000"), bd("1500"));

	static BigDecimal bd(String value) {
		return new BigDecimal(value);
	}

	static HoursPolicy policy(String step, Rounding rounding) {
		return new HoursPolicy(bd(step), rounding, bd("12"), STARS);
	}

	@Test
	void roundsActualTimeToTheStep() {
		assertThat(policy("0.5", Rounding.DOWN).round(NINE, NINE.plusMinutes(170))).isEqualTo(bd("2.5"));
		assertThat(policy("0.5", Rounding.NEAREST).round(NINE, NINE.plusMinutes(170))).isEqualTo(bd("3.0"));
		assertThat(policy("0.5", Rounding.NEAREST).round(NINE, NINE.plusMinutes(164))).isEqualTo(bd("2.5"));
		assertThat(policy("0.5", Rounding.NEAREST).round(NINE, NINE.plusMinutes(165))).isEqualTo(bd("3.0"));
		assertThat(policy("0.5", Rounding.UP).round(NINE, NINE.plusMinutes(121))).isEqualTo(bd("2.5"));
		assertThat(policy("0.5", Rounding.UP).round(NINE, NINE.plusMinutes(120))).isEqualTo(bd("2.0"));
		assertThat(policy("0.1", Rounding.DOWN).round(NINE, NINE.plusMinutes(100))).isEqualTo(bd("1.6"));
		assertThat(policy("1", Rounding.DOWN).round(NINE, NINE.plusMinutes(59))).isEqualTo(bd("0.0"));
		assertThat(policy("0.5", Rounding.DOWN).round(NINE, NINE.minusMinutes(5))).isEqualTo(bd("0.0"));
	}

	@Test
	void theDailyCapLeavesWhatIsLeftOfTheDay() {
		HoursPolicy policy = policy("0.5", Rounding.DOWN);
		assertThat(policy.capped(bd("5.0"), bd("0.0"))).isEqualTo(bd("5.0"));
		assertThat(policy.capped(bd("5.0"), bd("10.0"))).isEqualTo(bd("2.0"));
		assertThat(policy.capped(bd("5.0"), bd("12.0"))).isEqualTo(bd("0.0"));
		assertThat(policy.capped(bd("5.0"), bd("13.0"))).isEqualTo(bd("0.0"));
	}

	@Test
	void starsCountTheThresholdsReached() {
		HoursPolicy policy = policy("0.5", Rounding.DOWN);
		assertThat(policy.stars(bd("0"))).isZero();
		assertThat(policy.stars(bd("99.9"))).isZero();
		assertThat(policy.stars(bd("100"))).isEqualTo(1);
		assertThat(policy.stars(bd("599.5"))).isEqualTo(2);
		assertThat(policy.stars(bd("1500"))).isEqualTo(5);
		assertThat(policy.toNextStar(bd("250.5"))).isEqualByComparingTo("49.5");
		assertThat(policy.toNextStar(bd("2000"))).isNull();
	}

	@Test
	void badSettingsStopTheStartNamingTheProperty() {
		assertThatThrownBy(() -> new LedgerProperties(bd("0.05"), Rounding.DOWN, bd("12"), Duration.ofDays(90), STARS))
			.hasMessageContaining("wenming.ledger.rounding-step");
		assertThatThrownBy(() -> new LedgerProperties(bd("0.5"), Rounding.DOWN, bd("25"), Duration.ofDays(90), STARS))
			.hasMessageContaining("wenming.ledger.daily-cap");
		assertThatThrownBy(() -> new LedgerProperties(bd("0.5"), Rounding.DOWN, bd("12"), Duration.ZERO, STARS))
			.hasMessageContaining("wenming.ledger.correction-window");
		assertThatThrownBy(() -> new LedgerProperties(bd("0.5"), Rounding.DOWN, bd("12"), Duration.ofDays(90),
				List.of(bd("300"), bd("100")))).hasMessageContaining("wenming.ledger.star-thresholds");
		assertThat(new LedgerProperties(bd("0.5"), Rounding.NEAREST, bd("8"), Duration.ofDays(30), STARS).dailyCap())
			.isEqualTo(bd("8"));
	}
}

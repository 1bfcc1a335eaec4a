package org.wenming.insight.internal;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.wenming.shared.CityTime;

/** The calendar month (first day) of an instant in the city's time: the cells' time key. */
final class Months {

	private Months() {
	}

	static LocalDate of(OffsetDateTime time) {
		return time.atZoneSameInstant(CityTime.ZONE).toLocalDate().withDayOfMonth(1);
	}

	/** The same month as SQL computes it in the recount. */
	static final String SQL_MONTH = "date_trunc('month', %s at time zone 'Asia/Shanghai')::date";

	static String sql(String column) {
		return SQL_MONTH.formatted(column);
	}
}

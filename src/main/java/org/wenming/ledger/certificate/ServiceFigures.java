package org.wenming.ledger.certificate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a certificate states: total hours, the number of service records (corrections change hours,
 * not the count) and hours per activity type, computed from the ledger up to position
 * {@code ledgerSeq}.
 */
public record ServiceFigures(BigDecimal totalHours, int records, List<TypeHours> byType, long ledgerSeq) {

	public ServiceFigures {
		totalHours = totalHours.setScale(1, RoundingMode.HALF_UP);
		byType = byType.stream()
				.map(t -> new TypeHours(t.activityType(), t.hours().setScale(1, RoundingMode.HALF_UP), t.records()))
				.toList();
	}

	/** The same figures, whatever ledger position each was computed at. */
	public boolean sameAs(ServiceFigures other) {
		return key().equals(other.key());
	}

	/** The figures as one canonical text: equal figures, equal keys. */
	public String key() {
		return records + "|" + totalHours.toPlainString() + "|" + byType.stream()
				.sorted(java.util.Comparator.comparing(TypeHours::activityType))
				.map(t -> t.activityType() + "=" + t.hours().toPlainString() + "/" + t.records())
				.collect(Collectors.joining(";"));
	}

	public static String hours(BigDecimal hours) {
		return hours.setScale(1, RoundingMode.HALF_UP).toPlainString();
	}
}

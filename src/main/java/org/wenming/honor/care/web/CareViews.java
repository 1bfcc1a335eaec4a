package org.wenming.honor.care.web;

import java.util.List;

import org.wenming.honor.care.CareGrants;
import org.wenming.honor.care.CareKind;
import org.wenming.honor.care.CareMeasure;
import org.wenming.honor.care.CareMeasures;
import org.wenming.platform.FormValues;
import org.wenming.platform.Paging;

/** What the care pages show. */
public final class CareViews {

	private CareViews() {
	}

	/**
	 * The register with its filters and totals.
	 *
	 * @param query the filter's query string for the pager ({@code &year=2026...})
	 */
	public record Register(Integer year, Long measureId, String countyCode, List<CareMeasure> measures,
			List<CareMeasures.Office> counties, Paging.Page<CareGrants.Grant> page, CareGrants.Totals totals,
			String query, String search, List<CareGrants.Honoured> found) {

		public String yearText() {
			return year == null ? "" : String.valueOf(year);
		}

		public boolean measureSelected(CareMeasure m) {
			return measureId != null && measureId == m.id();
		}

		public boolean countySelected(CareMeasures.Office o) {
			return o.code().equals(countyCode);
		}
	}

	/** The measures and the new-measure form, or the edit form of one. */
	public record Measures(List<CareMeasure> measures, List<CareMeasures.Office> offices, CareMeasure editing, FormValues form,
			List<CareKind> kinds, String done) {
	}

	/** One honoured person's grants and the grant form. */
	public record Entry(CareGrants.Honoured person, List<CareGrants.Grant> grants, List<CareMeasure> measures, FormValues form,
			String today, boolean granted) {
	}
}

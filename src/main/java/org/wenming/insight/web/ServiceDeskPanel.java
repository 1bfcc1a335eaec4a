package org.wenming.insight.web;

import org.wenming.servicedesk.ServiceDeskFigures;

/**
 * The service desk's panel of the dashboard and the cockpit (群众点单): orders, served, satisfaction of
 * the rated beside the rating rate, and the same by county (read through the service desk's API).
 *
 * @param link where staff read the statistics in full (null on the public dashboard)
 */
public record ServiceDeskPanel(ServiceDeskFigures.Figures figures, String link) {

	public String rate(java.math.BigDecimal rate) {
		return DashboardView.rate(rate);
	}
}

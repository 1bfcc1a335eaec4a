package org.wenming.insight.web;

import java.util.List;

import org.wenming.honor.HonorFigures;
import org.wenming.honor.Honour;

/**
 * The roll's panel of the dashboard and the cockpit (好人榜): how many honours of each kind the region's
 * people hold on the public roll (read through {@link HonorFigures}, consented entries only). On the public
 * dashboard it is rendered at every request, beside the cached page, so a withdrawn consent leaves the count
 * at the next request.
 *
 * @param link where the roll is read in full
 */
public record HonorPanel(HonorFigures.Counts counts, String link) {

	/** The order the panel shows them in: the nation's first. */
	public static final List<Honour> SHOWN = List.of(Honour.NATION_GOOD, Honour.PROVINCE_GOOD, Honour.CITY_GOOD,
			Honour.NATION_MORAL_MODEL, Honour.PROVINCE_MORAL_MODEL, Honour.CITY_MORAL_MODEL);

	public List<Honour> shown() {
		return SHOWN;
	}
}

package org.wenming.portal.web;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;

import org.wenming.activity.ActivityListing;
import org.wenming.catalogue.CatalogueFigures;
import org.wenming.catalogue.ScopeTag;
import org.wenming.honor.HonorFigures;
import org.wenming.honor.Honour;
import org.wenming.insight.DashboardFigures;
import org.wenming.newsroom.Article;
import org.wenming.portal.Search;
import org.wenming.region.Region;
import org.wenming.shared.CityTime;

/**
 * What the home page shows: the county chosen for "activities near me" (empty for the whole city) and the
 * counties to choose from, the next activities, the latest news, the honours' counts and newest entries, and
 * the city's figures.
 *
 * @param near the chosen county's code, empty for the whole city
 * @param completionRate the rectification completion (办结率) to date in percent, null when nothing was found
 */
public record HomeView(String near, Region city, List<Region> counties, List<ActivityListing> activities,
		List<Article> news, HonorFigures.Counts honourCounts, List<Search.Hit> honours,
		DashboardFigures.Headline figures, BigDecimal completionRate, CatalogueFigures.Counts services) {

	/** The good people's levels as the page shows them, the city's first. */
	static final List<Honour> GOOD_PEOPLE = List.of(Honour.CITY_GOOD, Honour.PROVINCE_GOOD, Honour.NATION_GOOD);

	public List<Honour> goodPeople() {
		return GOOD_PEOPLE;
	}

	/** 道德模范 of every level together. */
	public long moralModels() {
		return honourCounts.of(Honour.CITY_MORAL_MODEL) + honourCounts.of(Honour.PROVINCE_MORAL_MODEL)
				+ honourCounts.of(Honour.NATION_MORAL_MODEL);
	}

	public List<ScopeTag> scopes() {
		return List.of(ScopeTag.values());
	}

	public boolean chosen(Region county) {
		return county.code().equals(near);
	}

	public static ZonedDateTime local(OffsetDateTime time) {
		return time == null ? null : time.atZoneSameInstant(CityTime.ZONE);
	}

	public static java.time.LocalDate day(java.time.Instant time) {
		return time == null ? null : time.atZone(CityTime.ZONE).toLocalDate();
	}
}

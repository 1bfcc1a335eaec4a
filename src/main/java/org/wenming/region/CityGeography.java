package org.wenming.region;

import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The city's divisions and practice sites as the demo city's parts use them (read once, by the
 * region module's part, and left to the later parts as a fact). Lists are indexed: a town names its
 * county by index, a village its town and county.
 *
 * @param siteByRegion the centre, institute or station of a county, town or village, by region code
 * @param villageByCode a village's index by its code
 */
public record CityGeography(String cityCode, String cityName, String cityPath, List<County> counties,
		List<Town> towns, List<Village> villages, Map<String, Site> siteByRegion, Map<String, Integer> villageByCode) {

	public record County(String code, String name, String path, List<Integer> towns) {
	}

	public record Town(String code, String name, String path, int county, List<Integer> villages) {
	}

	public record Village(String code, String name, String path, int town, int county) {

		/** "罗建村委会" → "罗建村", "杏花社区居委会" → "杏花社区". */
		public String shortName() {
			return shortVillage(name);
		}
	}

	public record Site(long id, String regionCode, String path, String kind, String name) {
	}

	/** "罗建村委会" → "罗建村", "杏花社区居委会" → "杏花社区". */
	public static String shortVillage(String name) {
		// the statistics office's "类似居委会" (a prison's or farm's community-like unit) is no part of a team's name
		return name.replaceAll("(类似居委会|类似村委会|虚拟社区)$", "").replaceAll("(村民委员会|村委会)$", "村")
			.replaceAll("(居民委员会|居委会)$", "");
	}

	/** The range just past a subtree: "44.4412." → "44.4412/" ('/' follows '.'). */
	public static String upper(String path) {
		return path.substring(0, path.length() - 1) + "/";
	}

	/**
	 * Cumulative weights of the villages: a county's population spread evenly over its villages (town
	 * seats are not singled out).
	 */
	public int[] villageWeights(ToIntFunction<String> populationByCountyCode) {
		int[] weights = new int[villages.size()];
		for (int v = 0; v < villages.size(); v++) {
			County county = counties.get(villages.get(v).county());
			int villagesInCounty = county.towns().stream().mapToInt(t -> towns.get(t).villages().size()).sum();
			weights[v] = Math.max(1,
					populationByCountyCode.applyAsInt(county.code()) * 100_000 / Math.max(1, villagesInCounty));
		}
		int sum = 0;
		for (int v = 0; v < weights.length; v++) {
			sum += weights[v];
			weights[v] = sum;
		}
		return weights;
	}
}

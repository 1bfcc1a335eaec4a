package org.wenming.demo;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import java.util.SplittableRandom;

import org.wenming.shared.CityTime;

/**
 * What is the demo's own and not any module's: who writes, the scenario's figures (county
 * populations, phone prefixes), and the draws several parts make the same way.
 */
public final class DemoScenario {

	/** Who the demo writes as (created_by, registered_by, recorded_by …). */
	public static final String ACTOR = "demo";

	/** The demo volunteer's username (its password is random, shown once). */
	public static final String LOGIN = "demo-volunteer";

	/**
	 * The address code of a city's demo ID numbers: the city with county 99, which no Guangdong city
	 * has (checked against the catalogue by DemoCityTest), so no demo ID number can be a real person's.
	 */
	public static String syntheticAddressCode(String cityCode) {
		return cityCode.substring(0, 4) + "99";
	}

	/** Rough 2020 census population per county (万), by code; see docs/notes/demo.md. */
	private static final Map<String, Integer> COUNTY_POPULATION = Map.of("441202", 59, "441203", 17, "441204", 77,
			"441223", 43, "441224", 84, "441225", 39, "441226", 34, "441284", 59);

	private static final String[] PHONE_PREFIXES = { "138", "139", "137", "135", "136", "150", "151", "152", "157",
			"158", "159", "182", "183", "187", "188", "130", "131", "132", "155", "156", "185", "186", "133", "153", "180",
			"181", "189", "177", "199", "198" };

	private static final String PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

	private DemoScenario() {
	}

	/**
	 * A county's population (万), 40 for a county the scenario does not know: another city's counties
	 * (load for a province-scale database) weigh the same, each spread over its villages.
	 */
	public static int countyPopulation(String countyCode) {
		return COUNTY_POPULATION.getOrDefault(countyCode, 40);
	}

	/** A minute of a day in the city. */
	public static Instant at(LocalDate day, int minuteOfDay) {
		return day.atTime(LocalTime.MIDNIGHT).plusMinutes(minuteOfDay).atZone(CityTime.ZONE).toInstant();
	}

	/** A distinct mobile number per index: a prefix, then 8 digits by a bijection of the index. */
	public static String phone(long index, long seed) {
		String prefix = PHONE_PREFIXES[(int) (index % PHONE_PREFIXES.length)];
		long rest = ((index / PHONE_PREFIXES.length) * 7_919_111L + seed % 100_000_000L + 13_579_246L) % 100_000_000L;
		return prefix + String.format("%08d", rest);
	}

	/** Random (not from the seed): a password must not be reproducible from the demo's parameters. */
	public static String password() {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder("Dv7");
		for (int i = 0; i < 13; i++) {
			password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
		}
		return password.toString();
	}

	/** An index drawn by weight. */
	public static int weighted(int[] weights, SplittableRandom random) {
		int sum = 0;
		for (int w : weights) {
			sum += w;
		}
		int r = random.nextInt(sum);
		for (int i = 0; i < weights.length; i++) {
			r -= weights[i];
			if (r < 0) {
				return i;
			}
		}
		return weights.length - 1;
	}

	/** An index drawn from cumulative weights (binary search). */
	public static int pick(int[] cumulative, SplittableRandom random) {
		int r = random.nextInt(cumulative[cumulative.length - 1]);
		int lo = 0;
		int hi = cumulative.length - 1;
		while (lo < hi) {
			int mid = (lo + hi) >>> 1;
			if (cumulative[mid] > r) {
				hi = mid;
			}
			else {
				lo = mid + 1;
			}
		}
		return lo;
	}

	/** {@code total} split into {@code parts} positive shares around the mean, adding up exactly. */
	public static int[] split(int total, int parts, SplittableRandom random) {
		int[] shares = new int[parts];
		int mean = total / parts;
		int sum = 0;
		for (int i = 0; i < parts; i++) {
			shares[i] = Math.max(1, mean / 2 + random.nextInt(Math.max(1, mean)));
			sum += shares[i];
		}
		int i = 0;
		while (sum != total) {
			int k = i++ % parts;
			if (sum < total) {
				shares[k]++;
				sum++;
			}
			else if (shares[k] > 1) {
				shares[k]--;
				sum--;
			}
		}
		return shares;
	}
}

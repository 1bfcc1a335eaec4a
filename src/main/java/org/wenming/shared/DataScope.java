package org.wenming.shared;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The part of the region tree a person may see: the subtree under one region (数据权限).
 *
 * <p>Regions carry a materialised path such as {@code 44.4412.441202.}; every descendant's path
 * starts with its ancestor's. Queries confine themselves with the half-open range
 * {@code path >= lower AND path < upper} (the column is collated "C"), bound as parameters, so a
 * b-tree index answers it and no scope is ever spliced into SQL.
 */
public record DataScope(String regionCode, String path) implements java.io.Serializable {

	/** Kept in the signed-in principal, which sessions in the database serialize. */
	private static final long serialVersionUID = 1L;

	private static final Pattern PATH = Pattern.compile("^(\\d+\\.)+$");

	/** Everything: used only for the system administrator and for system jobs. */
	public static final DataScope EVERYTHING = new DataScope("*", "");

	public DataScope {
		Objects.requireNonNull(regionCode, "regionCode");
		Objects.requireNonNull(path, "path");
		if (!path.isEmpty() && !PATH.matcher(path).matches()) {
			throw new IllegalArgumentException("not a region path: " + path);
		}
	}

	/** Inclusive lower bound of the subtree's paths. */
	public String lower() {
		return path;
	}

	/** Exclusive upper bound: '/' sorts right after '.', so it closes the subtree. */
	public String upper() {
		return path.isEmpty() ? "~" : path.substring(0, path.length() - 1) + "/";
	}

	public boolean isEverything() {
		return path.isEmpty();
	}

	/**
	 * The city (prefecture, 地级市) the scope lies in, the second segment of its path ({@code 4412} for
	 * {@code 44.4412.441202.}); empty for the whole installation and for a province. Every large table's
	 * rows belong to one city, and a query bound to one city can say so to an index that leads with it.
	 */
	public java.util.Optional<String> city() {
		int first = path.indexOf('.');
		int second = first < 0 ? -1 : path.indexOf('.', first + 1);
		return second < 0 ? java.util.Optional.empty() : java.util.Optional.of(path.substring(first + 1, second));
	}

	/** Whether a region with the given path lies inside this scope. */
	public boolean covers(String regionPath) {
		return regionPath != null && regionPath.compareTo(lower()) >= 0 && regionPath.compareTo(upper()) < 0;
	}
}

package org.wenming.activity;

import java.time.LocalDate;

/**
 * What the public list asks for: published activities under a region, overlapping a date range,
 * of a type, near a position. Null means "any".
 *
 * @param radiusKm with latitude and longitude: only activities within this distance, nearest first
 */
public record ActivityQuery(String regionPath, LocalDate from, LocalDate to, ActivityType type, Double latitude,
		Double longitude, Double radiusKm, int page, int size) {

	public boolean near() {
		return latitude != null && longitude != null && radiusKm != null;
	}

	public long offset() {
		return (long) page * size;
	}
}

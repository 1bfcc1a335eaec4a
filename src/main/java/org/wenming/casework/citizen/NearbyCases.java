package org.wenming.casework.citizen;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.wenming.casework.CaseStatus;
import org.wenming.platform.EarthDistance;
import org.wenming.shared.CityTime;

/**
 * Possible duplicates (疑似重复): open cases of the same category within a radius of a position, with
 * only what anyone may see: category, status, reported date, the village or community, the distance and
 * a short excerpt with long digit runs (phone numbers, house numbers) masked.
 */
@Component
class NearbyCases {

	/** Metres per degree of latitude (and of longitude at the equator). */
	private static final double METRES_PER_DEGREE = 111_320;

	private static final int SHOWN = 5;

	private static final int EXCERPT = 24;

	private final JdbcClient jdbc;

	private final CitizenProperties properties;

	NearbyCases(JdbcClient jdbc, CitizenProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	List<NearbyCase> around(String categoryCode, double latitude, double longitude) {
		int radius = properties.duplicateRadius();
		double dLat = radius / METRES_PER_DEGREE;
		double dLon = radius / (METRES_PER_DEGREE * Math.max(0.01, Math.cos(Math.toRadians(latitude))));
		// a degree box on the partial position index first; the exact distance is computed below
		return jdbc.sql("""
				select c.case_number, c.category_code, c.status, c.reported_at, r.name as place,
				       c.latitude, c.longitude, c.description
				from rectification_case c join published_region r on r.code = c.region_code
				where c.category_code = :category and c.latitude is not null
				  and c.status not in ('CLOSED', 'REJECTED', 'MERGED')
				  and c.latitude between :south and :north and c.longitude between :west and :east
				order by c.reported_at desc limit 200""")
				.param("category", categoryCode)
				.param("south", BigDecimal.valueOf(latitude - dLat)).param("north", BigDecimal.valueOf(latitude + dLat))
				.param("west", BigDecimal.valueOf(longitude - dLon)).param("east", BigDecimal.valueOf(longitude + dLon))
				.query((rs, row) -> new NearbyCase(rs.getString("case_number"), rs.getString("category_code"),
						CaseStatus.valueOf(rs.getString("status")),
						rs.getObject("reported_at", OffsetDateTime.class).atZoneSameInstant(CityTime.ZONE)
								.toOffsetDateTime(),
						rs.getString("place"),
						(int) Math.round(EarthDistance.metres(latitude, longitude, rs.getDouble("latitude"), rs.getDouble("longitude"))),
						excerpt(rs.getString("description"))))
				.list().stream().filter(n -> n.metres() <= radius).sorted(Comparator.comparingInt(NearbyCase::metres))
				.limit(SHOWN).toList();
	}


	/** The first words, with every run of four or more digits masked: enough to recognise a problem, not a person. */
	static String excerpt(String description) {
		String masked = description.strip().replaceAll("[0-9０-９]{4,}", "****").replaceAll("\\s+", " ");
		int end = masked.offsetByCodePoints(0, Math.min(EXCERPT, masked.codePointCount(0, masked.length())));
		return end < masked.length() ? masked.substring(0, end) + "…" : masked;
	}
}

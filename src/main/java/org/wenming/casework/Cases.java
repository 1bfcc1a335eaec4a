package org.wenming.casework;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.wenming.casework.statistics.StatisticsCells;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.SecretTokens;
import org.wenming.region.Region;
import org.wenming.region.RegionProperties;
import org.wenming.region.Regions;
import org.wenming.shared.CityTime;

/**
 * Cases (案件): taking a report in from any source, and reading cases and categories. The
 * workflow's transitions after the report live in {@code internal}.
 */
@Service
@EnableConfigurationProperties(CaseworkProperties.class)
public class Cases {

	/** Stored with a case's sealed contact, bound as associated data. */
	public static final String CONTACT_COLUMN = "rectification_case.reporter_contact";

	private static final DateTimeFormatter NUMBER_DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Regions regions;

	private final CaseworkProperties properties;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final String cityCode;

	private final StatisticsCells cells;

	Cases(JdbcClient jdbc, TransactionTemplate transactions, Regions regions, CaseworkProperties properties,
			ApplicationEventPublisher events, Clock clock, RegionProperties region,
			StatisticsCells cells) {
		this.cells = cells;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.regions = regions;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
		this.cityCode = region.city();
	}

	/**
	 * A report taken in (状态: REPORTED), with its first history entry.
	 *
	 * @param reportedBy the username, or {@code citizen}, or {@code open311:<key prefix>}
	 * @return the new case and, for a reporter to follow it, a secret follow token (stored only hashed)
	 * @throws InvalidInputException naming the field when a rule refuses the report; nothing is stored
	 */
	public Reported report(NewCase report, String reportedBy) {
		CaseCategory category = category(report.categoryCode()).filter(c -> c.leaf() && c.active())
				.orElseThrow(() -> new InvalidInputException("categoryCode", "casework.category.unknown"));
		String description = report.description() == null ? "" : report.description().strip();
		if (description.isEmpty() || description.length() > 2000) {
			throw new InvalidInputException("description", "casework.description.length");
		}
		if (report.address() != null && report.address().length() > 200) {
			throw new InvalidInputException("address", "casework.address.length");
		}
		if (report.reporterName() != null && report.reporterName().length() > 60) {
			throw new InvalidInputException("reporterName", "casework.reporterName.length");
		}
		Region region = placeOf(report);
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		String followToken = SecretTokens.random(24);
		return transactions.execute(tx -> {
			long sequence = jdbc.sql("select nextval('case_number_seq')").query(Long.class).single();
			String number = cityCode + "-" + NUMBER_DATE.format(now.atZone(CityTime.ZONE)) + "-"
					+ String.format("%06d", sequence);
			var contact = report.reporterContact();
			long id = jdbc.sql("""
					insert into rectification_case (case_number, source, category_code, status, description, address,
					    latitude, longitude, region_code, region_path, reporter_user_id, reporter_name,
					    reporter_contact_cipher, reporter_contact_masked, reporter_key_id, follow_token_hash, api_key_id,
					    reported_at, reported_by, updated_at)
					values (:number, :source, :category, 'REPORTED', :description, :address, :latitude, :longitude,
					    :regionCode, :regionPath, :user, :name, :cipher, :masked, :keyId, :follow, :apiKey, :now, :by, :now)
					returning id""")
					.param("number", number).param("source", report.source().name()).param("category", category.code())
					.param("description", description).param("address", blankToNull(report.address()))
					.param("latitude", report.latitude()).param("longitude", report.longitude())
					.param("regionCode", region.code()).param("regionPath", region.path())
					.param("user", report.reporterUserId()).param("name", blankToNull(report.reporterName()))
					.param("cipher", contact == null ? null : contact.cipher())
					.param("masked", contact == null ? null : contact.masked())
					.param("keyId", contact == null ? null : contact.keyId()).param("follow", SecretTokens.sha256(followToken))
					.param("apiKey", report.apiKeyId()).param("now", Timestamp.from(now)).param("by", reportedBy)
					.query(Long.class).single();
			jdbc.sql("""
					insert into case_event (case_id, kind, from_status, to_status, actor, detail, occurred_at)
					values (:id, 'REPORTED', null, 'REPORTED', :by, cast(:detail as jsonb), :now)""")
					.param("id", id).param("by", reportedBy)
					.param("detail", "{\"source\":\"" + report.source().name() + "\"}").param("now", Timestamp.from(now))
					.update();
			cells.caseReported(id);
			events.publishEvent(new CaseStatusChanged(id, category.code(), region.path(), null, null,
					CaseStatus.REPORTED, now.atZone(CityTime.ZONE).toOffsetDateTime(), null));
			return new Reported(id, number, followToken);
		});
	}

	/** A case just reported: its id, its number, and the follow token to give the reporter (once). */
	public record Reported(long id, String caseNumber, String followToken) {
	}

	/** Where a report belongs: the region given (inside the city), else the nearest site's, else the city. */
	private Region placeOf(NewCase report) {
		boolean positioned = report.latitude() != null || report.longitude() != null;
		if (positioned) {
			if (report.latitude() == null || report.longitude() == null) {
				throw new InvalidInputException(report.latitude() == null ? "latitude" : "longitude",
						"casework.position.incomplete");
			}
			checkRange("latitude", report.latitude(), 90);
			checkRange("longitude", report.longitude(), 180);
			if (!properties.cityBounds().contains(report.latitude().doubleValue(), report.longitude().doubleValue())) {
				throw new InvalidInputException("latitude", "casework.position.outsideCity");
			}
		}
		Region city = regions.find(cityCode).orElseThrow(() -> new IllegalStateException("no city " + cityCode));
		if (report.regionCode() != null && !report.regionCode().isBlank()) {
			return regions.find(report.regionCode().strip()).filter(r -> city.scope().covers(r.path()))
					.orElseThrow(() -> new InvalidInputException("regionCode", "casework.region.outsideCity"));
		}
		if (!positioned) {
			throw new InvalidInputException("latitude", "casework.position.required");
		}
		return nearestSiteRegion(report.latitude(), report.longitude(), city).orElse(city);
	}

	private Optional<Region> nearestSiteRegion(BigDecimal latitude, BigDecimal longitude, Region city) {
		// a degree box of ±0.05 (about 5 km) first keeps the distance sort to a few sites
		return jdbc.sql("""
				select region_code from published_practice_site
				where latitude between :lat - 0.05 and :lat + 0.05 and longitude between :lon - 0.05 and :lon + 0.05
				  and region_path >= :lower and region_path < :upper
				order by (latitude - :lat) ^ 2 + ((longitude - :lon) * cos(radians(:lat))) ^ 2, id limit 1""")
				.param("lat", latitude).param("lon", longitude).param("lower", city.scope().lower())
				.param("upper", city.scope().upper()).query(String.class).optional().flatMap(regions::find);
	}

	private static void checkRange(String field, BigDecimal value, int limit) {
		if (value.abs().compareTo(BigDecimal.valueOf(limit)) > 0) {
			throw new InvalidInputException(field, "casework.position.range");
		}
	}

	public Optional<CaseView> find(long id) {
		return jdbc.sql("select * from rectification_case where id = :id").param("id", id).query(Cases::view)
				.optional();
	}

	public Optional<CaseView> findByNumber(String caseNumber) {
		return jdbc.sql("select * from rectification_case where case_number = :number").param("number", caseNumber)
				.query(Cases::view).optional();
	}

	/** The case a reporter's follow token opens, if any. */
	public Optional<CaseView> findByFollowToken(String token) {
		if (token == null || token.length() > 100) {
			return Optional.empty();
		}
		return jdbc.sql("select * from rectification_case where follow_token_hash = :hash").param("hash", SecretTokens.sha256(token))
				.query(Cases::view).optional();
	}

	/** The whole tree, groups and leaves, in display order. */
	public List<CaseCategory> categories() {
		return jdbc.sql("select * from case_category order by coalesce(parent_code, code), parent_code nulls first, sort_order, code")
				.query(Cases::category).list();
	}

	public Optional<CaseCategory> category(String code) {
		if (code == null || code.length() > 32) {
			return Optional.empty();
		}
		return jdbc.sql("select * from case_category where code = :code").param("code", code).query(Cases::category)
				.optional();
	}

	public static CaseView view(ResultSet rs, int row) throws SQLException {
		return new CaseView(rs.getLong("id"), rs.getString("case_number"), CaseSource.valueOf(rs.getString("source")),
				rs.getString("category_code"), CaseStatus.valueOf(rs.getString("status")), rs.getString("description"),
				rs.getString("address"), rs.getBigDecimal("latitude"), rs.getBigDecimal("longitude"),
				rs.getString("region_code"), rs.getString("region_path"), rs.getString("reporter_name"),
				rs.getString("reporter_contact_masked"), time(rs, "reported_at"), rs.getString("reported_by"),
				time(rs, "registered_at"), rs.getObject("unit_id", Long.class), time(rs, "dispatched_at"),
				time(rs, "due_at"), time(rs, "fix_submitted_at"), time(rs, "closed_at"),
				rs.getObject("closed_on_time", Boolean.class), rs.getInt("rework_count"), rs.getInt("escalation_level"),
				rs.getObject("merged_into_id", Long.class), rs.getObject("rating", Integer.class),
				rs.getString("rating_comment"), time(rs, "updated_at"), rs.getInt("version"));
	}

	private static CaseCategory category(ResultSet rs, int row) throws SQLException {
		String unit = rs.getString("deadline_unit");
		return new CaseCategory(rs.getString("code"), rs.getString("parent_code"), rs.getString("name_zh"),
				rs.getString("name_en"), rs.getString("description_zh"), rs.getString("description_en"),
				rs.getObject("deadline_amount", Integer.class),
				unit == null ? null : CaseCategory.DeadlineUnit.valueOf(unit), rs.getInt("sort_order"),
				rs.getBoolean("active"));
	}

	/** In the city's zone, as every time a person reads. */
	static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.atZoneSameInstant(CityTime.ZONE).toOffsetDateTime();
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}

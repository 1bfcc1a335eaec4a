package org.wenming.casework.open311;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.wenming.casework.CaseStatus;
import org.wenming.platform.ReplicaReads;
import org.wenming.shared.CityTime;

/**
 * Cases as GeoReport v2 service requests: one query joins the category, the unit, the Open311
 * extras, the case a duplicate was merged into and a rejection's reason, so a page of 1,000
 * costs one round trip. Cases are read newest first on {@code (reported_at, id)}.
 */
@Repository
class ServiceRequests {

	private static final String SELECT = """
			select c.id, c.case_number, c.status, c.category_code, cat.name_zh, cat.name_en, c.description, c.address,
			       c.region_code, c.latitude, c.longitude, c.reported_at, c.updated_at, c.due_at, u.name as unit_name,
			       r.media_url, m.case_number as merged_into, rej.reason as rejection
			from rectification_case c
			join case_category cat on cat.code = c.category_code
			left join responsible_unit u on u.id = c.unit_id
			left join open311_request r on r.case_id = c.id
			left join rectification_case m on m.id = c.merged_into_id
			left join lateral (
			    select e.reason from case_event e
			    where e.case_id = c.id and c.status = 'REJECTED' and e.to_status = 'REJECTED'
			    order by e.id desc limit 1) rej on true
			""";

	/** The statuses Open311 calls closed; every other one is open ({@link CaseStatus#open()}). */
	static final List<String> CLOSED = java.util.Arrays.stream(CaseStatus.values()).filter(s -> !s.open())
			.map(Enum::name).toList();

	private final JdbcClient jdbc;

	private final JdbcClient replica;

	ServiceRequests(JdbcClient jdbc, @ReplicaReads JdbcClient replica) {
		this.jdbc = jdbc;
		this.replica = replica;
	}

	/** A case as Open311 shows it: no reporter, no contact; the description as reported. */
	record Row(long id, String caseNumber, CaseStatus status, String serviceCode, String serviceNameZh,
			String serviceNameEn, String description, String address, String regionCode, BigDecimal latitude,
			BigDecimal longitude, OffsetDateTime requestedAt, OffsetDateTime updatedAt, OffsetDateTime expectedAt,
			String unitName, String mediaUrl, String mergedInto, String rejection) {
	}

	/**
	 * @param serviceCodes empty for every service
	 * @param open null for both, true for open, false for closed
	 */
	record Search(Instant from, Instant to, Set<String> serviceCodes, Boolean open, int page, int pageSize) {
	}

	List<Row> search(Search search) {
		// the optional conditions are fixed fragments chosen here; every value is bound
		StringBuilder sql = new StringBuilder(SELECT).append("where c.reported_at >= :from and c.reported_at < :to\n");
		if (!search.serviceCodes().isEmpty()) {
			sql.append("  and c.category_code in (:codes)\n");
		}
		if (search.open() != null) {
			sql.append(search.open() ? "  and c.status not in (:closed)\n" : "  and c.status in (:closed)\n");
		}
		sql.append("order by c.reported_at desc, c.id desc limit :limit offset :offset");
		// a search tolerates a few seconds of lag; a request looked up by its id right after it was posted does not
		var statement = replica.sql(sql.toString()).param("from", Timestamp.from(search.from()))
				.param("to", Timestamp.from(search.to())).param("limit", search.pageSize())
				.param("offset", (long) (search.page() - 1) * search.pageSize());
		if (!search.serviceCodes().isEmpty()) {
			statement = statement.param("codes", List.copyOf(search.serviceCodes()));
		}
		if (search.open() != null) {
			statement = statement.param("closed", CLOSED);
		}
		return statement.query(ServiceRequests::row).list();
	}

	/** The requests with these ids (case numbers), newest first; unknown ones are simply absent. */
	List<Row> byNumbers(Set<String> numbers) {
		if (numbers.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(SELECT + "where c.case_number in (:numbers) order by c.reported_at desc, c.id desc")
				.param("numbers", List.copyOf(numbers)).query(ServiceRequests::row).list();
	}

	/** What a POST brought beyond the case itself; in the transaction of the report. */
	void saveExtras(long caseId, String mediaUrl, String attributesJson) {
		jdbc.sql("""
				insert into open311_request (case_id, media_url, attributes)
				values (:id, :media, cast(:attributes as jsonb))""").param("id", caseId).param("media", mediaUrl)
				.param("attributes", attributesJson).update();
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong("id"), rs.getString("case_number"), CaseStatus.valueOf(rs.getString("status")),
				rs.getString("category_code"), rs.getString("name_zh"), rs.getString("name_en"),
				rs.getString("description"), rs.getString("address"), rs.getString("region_code"),
				degrees(rs.getBigDecimal("latitude")), degrees(rs.getBigDecimal("longitude")), time(rs, "reported_at"),
				time(rs, "updated_at"), time(rs, "due_at"), rs.getString("unit_name"), rs.getString("media_url"),
				rs.getString("merged_into"), rs.getString("rejection"));
	}

	/** 23.051200 is stored; 23.0512 is said. */
	private static BigDecimal degrees(BigDecimal value) {
		if (value == null) {
			return null;
		}
		BigDecimal plain = value.stripTrailingZeros();
		return plain.scale() < 0 ? plain.setScale(0) : plain;
	}

	private static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.atZoneSameInstant(CityTime.ZONE).toOffsetDateTime();
	}
}

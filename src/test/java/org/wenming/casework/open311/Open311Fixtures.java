package org.wenming.casework.open311;

import java.io.ByteArrayInputStream;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MvcResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.wenming.region.Regions;
import org.wenming.shared.ScopedUser;
import org.wenming.support.TestUsers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the Open311 tests share: a live api_key, cases written with plain SQL in any state and at
 * any time (the workflow is another part's), removed again after the test, and the two parsers.
 */
final class Open311Fixtures {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final Regions regions;

	private final ApiKeys keys;

	/** Marks this fixture's cases: their numbers start with it. */
	final String marker = "T" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();

	private int sequence;

	Open311Fixtures(JdbcClient jdbc, Regions regions, ApiKeys keys) {
		this.jdbc = jdbc;
		this.regions = regions;
		this.keys = keys;
	}

	String newKey() {
		ScopedUser admin = new TestUsers(regions).staffPrincipal("4412", org.wenming.shared.Roles.OFFICE_STAFF);
		return keys.issue("测试接口 " + marker, admin).key();
	}

	/** A case of 端州区 in the given state, reported at the given time; its number. */
	String insertCase(String category, String status, Instant reportedAt) {
		String number = marker + "-" + String.format("%05d", ++sequence);
		String path = regions.find("441202").orElseThrow().path();
		jdbc.sql("""
				insert into rectification_case (case_number, source, category_code, status, description, address,
				    latitude, longitude, region_code, region_path, reporter_name, reporter_contact_masked, reported_at,
				    reported_by, closed_at, updated_at)
				values (:number, 'CITIZEN', :category, :status, :description, '端州区测试路8号', 23.05, 112.46,
				    '441202', :path, '李四', '139****0000', cast(:at as timestamptz), 'citizen',
				    case when cast(:status as text) = 'CLOSED' then cast(:at as timestamptz) end, cast(:at as timestamptz))""")
				.param("number", number).param("category", category).param("status", status)
				.param("description", "测试问题 " + number).param("path", path).param("at", Timestamp.from(reportedAt))
				.update();
		return number;
	}

	/** Many cases at once, {@code count} of them spread over the minutes before {@code newest}. */
	void insertMany(int count, String category, Instant newest) {
		String path = regions.find("441202").orElseThrow().path();
		jdbc.sql("""
				insert into rectification_case (case_number, source, category_code, status, description, region_code,
				    region_path, reported_at, reported_by, updated_at)
				select :marker || '-M' || i, 'PATROL', :category, 'REGISTERED', '批量测试问题', '441202', :path,
				    cast(:newest as timestamptz) - i * interval '1 minute', 'inspector', now()
				from generate_series(1, :count) i""").param("marker", marker).param("category", category)
				.param("path", path).param("newest", Timestamp.from(newest)).param("count", count).update();
	}

	long caseId(String number) {
		return jdbc.sql("select id from rectification_case where case_number = :n").param("n", number)
				.query(Long.class).single();
	}

	/** Removes the cases this fixture made (by SQL or through the API), with their history and extras. */
	void cleanUp(List<String> alsoNumbers) {
		List<String> numbers = new ArrayList<>(alsoNumbers);
		numbers.add("__none__");
		String cases = "select id from rectification_case where case_number like :prefix or case_number in (:numbers)";
		jdbc.sql("delete from open311_request where case_id in (" + cases + ")").param("prefix", marker + "-%")
				.param("numbers", numbers).update();
		jdbc.sql("delete from case_event where case_id in (" + cases + ")").param("prefix", marker + "-%")
				.param("numbers", numbers).update();
		jdbc.sql("delete from rectification_case where case_number like :prefix or case_number in (:numbers)")
				.param("prefix", marker + "-%").param("numbers", numbers).update();
	}

	static Document xml(MvcResult result) throws Exception {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		return factory.newDocumentBuilder().parse(new ByteArrayInputStream(result.getResponse().getContentAsByteArray()));
	}

	static JsonNode json(MvcResult result) throws Exception {
		return JSON.readTree(result.getResponse().getContentAsByteArray());
	}

	/** The element children of an element, in order. */
	static List<Element> children(Node parent) {
		List<Element> list = new ArrayList<>();
		for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
			if (n instanceof Element e) {
				list.add(e);
			}
		}
		return list;
	}

	static List<String> names(Node parent) {
		return children(parent).stream().map(Element::getTagName).toList();
	}

	static String text(Element parent, String child) {
		return children(parent).stream().filter(e -> e.getTagName().equals(child)).findFirst()
				.map(Element::getTextContent).orElseThrow(() -> new AssertionError("no <" + child + ">"));
	}
}

package org.wenming.casework.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wenming.casework.open311.RequestQueryTest.parameters;
import static org.wenming.casework.open311.RequestQueryTest.refused;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The binding of a GeoReport POST form and its answers to a service's attributes, without Spring. */
class ServiceRequestFormTest {

	@Test
	void aFullFormIsBoundWithItsPositionNameAndPhone() {
		ServiceRequestForm form = ServiceRequestForm.bind(parameters("service_code", " OVERHEAD_CABLES ", "lat",
				"23.0476", "long", "112.46521234", "description", "通信线垂到路面", "first_name", "小明", "last_name", "王",
				"phone", "+86 139-2000-8000", "media_url", "https://example.org/a.jpg", "email", "a@example.org",
				"attribute[severity]", "HIGH"));
		assertThat(form.serviceCode()).isEqualTo("OVERHEAD_CABLES");
		assertThat(form.latitude()).isEqualByComparingTo("23.0476");
		assertThat(form.longitude().toPlainString()).isEqualTo("112.465212");
		assertThat(form.reporterName()).isEqualTo("小明 王");
		assertThat(form.phone()).isEqualTo("13920008000");
		assertThat(form.mediaUrl()).isEqualTo("https://example.org/a.jpg");
		assertThat(form.attributes()).containsOnlyKeys("attribute[severity]");
		// a position is placed by the intake, not in the city as a whole
		assertThat(form.regionCode("4412")).isNull();
		assertThat(form.toString()).doesNotContain("13920008000").doesNotContain("小明");
	}

	@Test
	void anAddressAloneIsPlacedInTheCityAndAnAddressIdInItsRegion() {
		assertThat(ServiceRequestForm.bind(parameters("service_code", "OLD_COMPOUND", "address_string", "某小区3栋",
				"description", "楼道灯坏了")).regionCode("4412")).isEqualTo("4412");
		assertThat(ServiceRequestForm.bind(parameters("service_code", "OLD_COMPOUND", "address_id", " 441202 ",
				"description", "管线老化")).regionCode("4412")).isEqualTo("441202");
	}

	@Test
	void eachMissingOrMalformedParameterIsRefusedByName() {
		refused(() -> ServiceRequestForm.bind(parameters("lat", "23.05", "long", "112.46", "description", "x")),
				"open311.error.serviceCode.missing");
		refused(() -> ServiceRequestForm.bind(parameters("service_code", "SANITATION", "lat", "23.05", "description",
				"x")), "open311.error.position.incomplete");
		refused(() -> ServiceRequestForm.bind(parameters("service_code", "SANITATION", "description", "x")),
				"open311.error.location.missing");
		refused(() -> ServiceRequestForm.bind(parameters("service_code", "SANITATION", "address_id", "../etc",
				"description", "x")), "open311.error.addressId");
		refused(() -> ServiceRequestForm.bind(parameters("service_code", "SANITATION", "lat", "91", "long", "112",
				"description", "x")), "open311.error.coordinate.range");
		refused(() -> ServiceRequestForm.bind(parameters("service_code", "SANITATION", "address_string", "x",
				"description", " ")), "open311.error.description.missing");
		refused(() -> ServiceRequestForm.bind(parameters("service_code", "SANITATION", "address_string", "x",
				"description", "x", "media_url", "file:///etc/passwd")), "open311.error.mediaUrl");
		refused(() -> ServiceRequestForm.bind(parameters("service_code", "SANITATION", "address_string", "x",
				"description", "x", "phone", "12345")), "open311.error.phone");
		refused(() -> ServiceRequestForm.bind(parameters("service_code", "SANITATION", "address_string", "x",
				"description", "x", "email", "nobody")), "open311.error.email");
		refused(() -> ServiceRequestForm.bind(parameters("service_code", "SANITATION", "address_string", "x",
				"description", "x", "first_name", "名".repeat(40), "last_name", "姓".repeat(40))), "open311.error.length");
	}

	@Test
	void attributesAreCheckedAgainstTheServicesDefinition() {
		Map<String, String[]> values = new LinkedHashMap<>();
		values.put("service_code", new String[] { "OVERHEAD_CABLES" });
		values.put("address_string", new String[] { "x" });
		values.put("description", new String[] { "x" });
		values.put("attribute[severity]", new String[] { "LOW" });
		values.put("attribute[line_kind][]", new String[] { "POWER", "TELECOM,POWER" });
		ServiceRequestForm form = ServiceRequestForm.bind(new GeoReportParameters(values));
		assertThat(form.attributeAnswers(ServiceAttributes.of("OVERHEAD_CABLES")))
			.isEqualTo("{\"severity\":\"LOW\",\"line_kind\":[\"POWER\",\"TELECOM\"]}");

		refused(() -> form.attributeAnswers(ServiceAttributes.of("PUBLIC_TOILET")), "open311.error.attribute.unknown");
		values.put("attribute[severity]", new String[] { "ON_FIRE" });
		refused(() -> ServiceRequestForm.bind(new GeoReportParameters(values))
			.attributeAnswers(ServiceAttributes.of("OVERHEAD_CABLES")), "open311.error.attribute.value");
		values.remove("attribute[severity]");
		refused(() -> ServiceRequestForm.bind(new GeoReportParameters(values))
			.attributeAnswers(ServiceAttributes.of("OVERHEAD_CABLES")), "open311.error.attribute.required");
		assertThat(ServiceRequestForm.bind(parameters("service_code", "OLD_COMPOUND", "address_string", "x",
				"description", "x", "attribute[compound_name]", "某小区")).attributeAnswers(ServiceAttributes.of("OLD_COMPOUND")))
			.isEqualTo("{\"compound_name\":\"某小区\"}");
		assertThat(ServiceRequestForm.parameterOf("latitude")).isEqualTo("lat");
		assertThat(ServiceRequestForm.parameterOf("description")).isEqualTo("description");
		assertThat(List.of("address", "regionCode").stream().map(ServiceRequestForm::parameterOf))
			.containsExactly("address_string", "address_id");
	}
}

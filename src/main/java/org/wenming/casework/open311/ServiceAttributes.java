package org.wenming.casework.open311;

import java.util.List;
import java.util.Map;

/**
 * The questions each service asks beyond the description (GeoReport v2 "attributes"), so a client
 * can send what the city needs to dispatch the right unit: which lines hang over a road, which
 * facility is blocked. Descriptions and value names come from the bundle
 * ({@code open311.attribute.<service>.<code>} and {@code ….<code>.<key>}). A category added later
 * without an entry here is offered with {@code metadata=false} and no attributes.
 */
final class ServiceAttributes {

	private ServiceAttributes() {
	}

	enum Datatype {
		STRING, NUMBER, DATETIME, TEXT, SINGLEVALUELIST, MULTIVALUELIST;

		String specName() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		boolean list() {
			return this == SINGLEVALUELIST || this == MULTIVALUELIST;
		}
	}

	/** One attribute; {@code values} only for the list types; {@code maxLength} for string and text. */
	record Attribute(String code, Datatype datatype, boolean required, int order, List<String> values, int maxLength) {

		static Attribute single(String code, boolean required, int order, String... values) {
			return new Attribute(code, Datatype.SINGLEVALUELIST, required, order, List.of(values), 0);
		}

		static Attribute multi(String code, int order, String... values) {
			return new Attribute(code, Datatype.MULTIVALUELIST, false, order, List.of(values), 0);
		}

		static Attribute string(String code, int order, int maxLength) {
			return new Attribute(code, Datatype.STRING, false, order, List.of(), maxLength);
		}
	}

	private static final Map<String, List<Attribute>> BY_SERVICE = Map.of(
			"OVERHEAD_CABLES", List.of(Attribute.single("severity", true, 1, "LOW", "MEDIUM", "HIGH"),
					Attribute.multi("line_kind", 2, "POWER", "TELECOM", "CABLE_TV", "UNKNOWN")),
			"BARRIER_FREE", List.of(Attribute.single("facility", true, 1, "TACTILE_PAVING", "RAMP", "PARKING", "OTHER")),
			"PUBLIC_TOILET", List.of(Attribute.single("problem", true, 1, "DIRTY", "BROKEN", "CLOSED")),
			"BUILDING_FACADE", List.of(Attribute.single("risk", true, 1, "FALLING_OBJECTS", "ILLEGAL_SIGN", "AC_UNIT",
					"DAMAGE")),
			"SANITATION", List.of(Attribute.single("kind", true, 1, "RUBBISH", "SEWAGE", "OTHER")),
			"OLD_COMPOUND", List.of(Attribute.string("compound_name", 1, 60),
					Attribute.multi("facility", 2, "PIPES", "ROOFS", "LIGHTING", "GROUNDS", "OTHER")),
			"BACK_ALLEY", List.of(Attribute.single("problem", true, 1, "PAVING", "LIGHTING", "CLUTTER")),
			"TRAFFIC_ORDER", List.of(Attribute.single("kind", true, 1, "PARKING", "BLOCKED_ROAD", "RED_LIGHT")),
			"PUBLIC_BEHAVIOUR", List.of(Attribute.single("kind", true, 1, "STALL", "SPITTING", "POSTING")));

	static List<Attribute> of(String serviceCode) {
		return BY_SERVICE.getOrDefault(serviceCode, List.of());
	}
}

package org.wenming.catalogue;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * One item of the catalogue as stored.
 *
 * @param materials one material per line
 * @param scopes the scope tags' codes ({@link ScopeTag})
 * @param partners partner regions (names or codes)
 */
public record CatalogueItem(long id, String cityCode, String code, String name, String department, String level,
		String regionCode, String regionPath, String howToApply, String onlineLink, String materials,
		Integer timeLimitDays, String fee, String[] scopes, String[] partners, OffsetDateTime updatedAt,
		String updatedBy, int version) {

	public List<String> materialList() {
		return materials == null ? List.of() : materials.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
	}

	public List<ScopeTag> scopeTags() {
		return Arrays.stream(scopes).map(ScopeTag::of).filter(t -> t != null).sorted().toList();
	}

	public boolean has(ScopeTag tag) {
		return Arrays.asList(scopes).contains(tag.name());
	}

	public List<String> partnerList() {
		return List.of(partners);
	}

	public String levelKey() {
		return "catalogue.level." + level;
	}
}

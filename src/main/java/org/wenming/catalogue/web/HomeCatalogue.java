package org.wenming.catalogue.web;

import org.springframework.stereotype.Component;
import org.wenming.catalogue.Catalogue;
import org.wenming.catalogue.CatalogueItem;
import org.wenming.catalogue.ScopeTag;
import org.wenming.platform.InvalidInputException;
import org.wenming.platform.RecordNotFound;
import org.wenming.region.PracticeSites;
import org.wenming.region.Region;
import org.wenming.shared.DataScope;

/** The home city's catalogue as the public read it: queries from request parameters, an item by code. */
@Component
class HomeCatalogue {

	/** The longest query text taken. */
	static final int QUERY_MAX = 100;

	private final Catalogue catalogue;

	private final PracticeSites sites;

	HomeCatalogue(Catalogue catalogue, PracticeSites sites) {
		this.catalogue = catalogue;
		this.sites = sites;
	}

	Region city() {
		return sites.homeCity();
	}

	/**
	 * A query of the region's items from request parameters.
	 *
	 * @throws InvalidInputException naming {@code q}, {@code department} or {@code scope}
	 */
	static Catalogue.Query query(DataScope region, String q, String department, String scope) {
		if (q != null && q.length() > QUERY_MAX) {
			throw new InvalidInputException("q", "catalogue.refused.query.tooLong");
		}
		if (q != null && q.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputException("q", "catalogue.refused.control");
		}
		if (department != null && (department.length() > 100 || department.chars().anyMatch(Character::isISOControl))) {
			throw new InvalidInputException("department", "catalogue.refused.tooLong");
		}
		ScopeTag tag = null;
		if (scope != null && !scope.isBlank()) {
			tag = ScopeTag.of(scope.strip());
			if (tag == null) {
				throw new InvalidInputException("scope", "catalogue.refused.scope");
			}
		}
		return new Catalogue.Query(region, q == null ? "" : q.strip(), department == null ? "" : department.strip(), tag);
	}

	Catalogue.Query query(String q, String department, String scope) {
		return query(city().scope(), q, department, scope);
	}

	CatalogueItem item(String code) {
		if (code == null || code.length() > 40) {
			throw new RecordNotFound();
		}
		Region city = city();
		return catalogue.findByCode(city.code().substring(0, Math.min(4, city.code().length())), code)
			.filter(i -> city.scope().covers(i.regionPath()))
			.orElseThrow(RecordNotFound::new);
	}
}

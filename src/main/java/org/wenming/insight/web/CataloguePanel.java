package org.wenming.insight.web;

import java.util.List;

import org.wenming.catalogue.CatalogueFigures;
import org.wenming.catalogue.ScopeTag;

/**
 * The catalogue's panel of the dashboard (政务服务通办): how many items of the region's catalogue carry each scope
 * tag (同城通办, 佛肇通办, 跨省通办), read through {@link CatalogueFigures}.
 *
 * @param link where the catalogue is read in full
 */
public record CataloguePanel(CatalogueFigures.Counts counts, String link) {

	public List<ScopeTag> shown() {
		return List.of(ScopeTag.values());
	}
}

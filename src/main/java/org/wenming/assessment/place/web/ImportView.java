package org.wenming.assessment.place.web;

import org.wenming.assessment.place.PlaceImports;

/** The import page: nothing yet, or what an import did, or why it stored nothing. */
public record ImportView(PlaceImports.Result result) {

	static final ImportView NONE = new ImportView(null);

	public boolean done() {
		return result != null && !result.refused();
	}

	public boolean refused() {
		return result != null && result.refused();
	}
}

package org.wenming.assessment.web;

import java.util.List;

import org.wenming.assessment.AssessmentFigures.Rate;
import org.wenming.assessment.AssessmentFigures.Round;
import org.wenming.region.Region;

/** The city's rounds a reader may see, with each one's rate in the reader's scope (none before it opens). */
public record RoundsPage(Region city, List<Round> rounds, List<Rate> totals) {
}

package org.wenming.assessment.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.wenming.assessment.AssessmentFigures.FixedSince;
import org.wenming.assessment.AssessmentFigures.Rate;
import org.wenming.assessment.AssessmentFigures.Round;
import org.wenming.platform.TableDocuments;
import org.wenming.platform.TableDocuments.Table;
import org.wenming.region.Region;

/**
 * The round report (通报) as PDF and XLSX: the overall score rate, the ranking of the reader's counties
 * (or towns), rates by place type, the most failed criteria, the problems handed over with their case
 * numbers, and how many of the previous round's are fixed; the definitions last. The reader's scope
 * bounds every figure, as on the page.
 */
@Component
public class RoundReport {

	/** The handed-over problems listed in one report at most (the page and API page through all). */
	static final int HANDED_MAX = 5000;

	private final Scores scores;

	private final MessageSource messages;

	RoundReport(Scores scores, MessageSource messages) {
		this.scores = scores;
		this.messages = messages;
	}

	/** The definitions of the figures, in the reader's language (page, report and JSON share them). */
	public static final List<String> DEFINED = List.of("rate", "marks", "possible", "places", "ranking", "byType",
			"worst", "handed", "fixedSince", "trend");

	public byte[] pdf(Round round, Region region, Locale locale) {
		Content content = content(round, region, locale);
		return TableDocuments.pdf(t("assessment.score.report.title", locale, round.name()), content.subtitle(),
				content.tables(), content.notes(), t("assessment.score.none", locale));
	}

	public byte[] xlsx(Round round, Region region, Locale locale) {
		Content content = content(round, region, locale);
		return TableDocuments.xlsx(content.tables(), content.notes(), t("assessment.score.definitions", locale));
	}

	record Content(String subtitle, List<Table> tables, List<String> notes) {
	}

	Content content(Round round, Region region, Locale locale) {
		Rate total = scores.total(round, region.scope());
		List<Rate> children = scores.byChildren(round, region.path(), region.scope());
		List<Rate> types = scores.byType(round, region.scope());
		List<Scores.CriterionLine> worst = scores.worstCriteria(round, region.scope(), scores.properties().worstCriteria());
		List<Scores.Handed> handed = scores.handedOver(round, region.scope(), HANDED_MAX);
		FixedSince fixed = scores.fixedSince(round, region.scope());
		List<Table> tables = new ArrayList<>();

		List<List<Object>> summary = new ArrayList<>();
		summary.add(List.of(t("assessment.score.col.region", locale), region.name()));
		summary.add(List.of(t("assessment.score.col.status", locale), t("assessment.score.status." + round.status(), locale)));
		summary.add(List.of(t("assessment.score.col.rate", locale), new TableDocuments.Rate(total.rate())));
		summary.add(List.of(t("assessment.score.col.places", locale), total.places()));
		summary.add(List.of(t("assessment.score.col.marks", locale), total.marks()));
		summary.add(List.of(t("assessment.score.col.possible", locale), total.possible()));
		Scores.Problems problems = scores.problems(round, region.scope());
		summary.add(List.of(t("assessment.score.col.failedObservations", locale), problems.failed()));
		summary.add(List.of(t("assessment.score.col.handed", locale), problems.handed()));
		if (fixed.previous() != null) {
			summary.add(List.of(t("assessment.score.fixedSince.previous", locale), fixed.previous().name()));
			summary.add(List.of(t("assessment.score.fixedSince.handed", locale), fixed.handed()));
			summary.add(List.of(t("assessment.score.fixedSince.fixed", locale), fixed.fixed()));
			summary.add(List.of(t("assessment.score.fixedSince.rate", locale), new TableDocuments.Rate(fixed.rate())));
		}
		tables.add(new Table(t("assessment.score.report.summary", locale),
				List.of(t("assessment.score.col.figure", locale), t("assessment.score.col.value", locale)), summary));

		tables.add(new Table(t("assessment.score.ranking.title", locale),
				List.of(t("assessment.score.col.rank", locale), t("assessment.score.col.region", locale),
						t("assessment.score.col.places", locale), t("assessment.score.col.marks", locale),
						t("assessment.score.col.possible", locale), t("assessment.score.col.rate", locale)),
				children.stream().<List<Object>>map(r -> List.of(r.rank(), r.name(), r.places(), r.marks(), r.possible(),
						new TableDocuments.Rate(r.rate()))).toList(), 1));

		tables.add(new Table(t("assessment.score.byType.title", locale),
				List.of(t("assessment.score.col.rank", locale), t("assessment.score.col.placeType", locale),
						t("assessment.score.col.places", locale), t("assessment.score.col.rate", locale)),
				types.stream().<List<Object>>map(r -> List.of(r.rank(), t("assessment.placeType." + r.code(), locale),
						r.places(), new TableDocuments.Rate(r.rate()))).toList(), 1));

		tables.add(new Table(t("assessment.score.worst.title", locale),
				List.of(t("assessment.score.col.criterion", locale), t("assessment.score.col.placeType", locale),
						t("assessment.score.col.failed", locale), t("assessment.score.col.observed", locale),
						t("assessment.score.col.lost", locale)),
				worst.stream().<List<Object>>map(c -> List.of(c.code() + " " + c.text(),
						t("assessment.placeType." + c.placeType(), locale), c.failed(), c.observed(), c.lost())).toList()));

		tables.add(new Table(t("assessment.score.handed.title", locale),
				List.of(t("assessment.score.col.caseNumber", locale), t("assessment.score.col.county", locale),
						t("assessment.score.col.place", locale), t("assessment.score.col.criterion", locale),
						t("assessment.score.col.caseStatus", locale)),
				handed.stream().<List<Object>>map(h -> List.of(h.caseNumber(), h.countyName(), h.placeName(),
						h.criterionCode() + " " + h.criterionText(),
						h.status() == null ? "" : t("casework.status." + h.status(), locale))).toList(), 3));

		List<String> notes = new ArrayList<>();
		for (String key : DEFINED) {
			notes.add(t("assessment.score.col." + key, locale) + ": " + t("assessment.score.def." + key, locale));
		}
		String subtitle = t("assessment.score.report.subtitle", locale, region.name(), round.startsOn().toString(),
				round.endsOn().toString())
				+ (round.provisional() ? " · " + t("assessment.score.provisional", locale) : "");
		return new Content(subtitle, tables, notes);
	}

	private String t(String key, Locale locale, Object... args) {
		return messages.getMessage(key, args, locale);
	}
}

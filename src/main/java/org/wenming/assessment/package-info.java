/**
 * Field assessment (实地测评): the city inspects itself every month against the civilization-city
 * criteria. Versioned criteria frameworks (测评体系: items, and criteria per place type with a scoring
 * rule), a registry of real places (测评点位), monthly rounds (测评轮次) with a seeded random sample per
 * county and place type, inspection teams assigned across counties (交叉测评), observations from
 * inspectors' phones, score rates per place, type, town, county and round with the counties' ranking and
 * the round's report (通报), and the hand-over (交办) of every failed criterion to casework as a case, which
 * the next round's inspector sees at the place (回头看).
 *
 * <p>Inspectors and staff are accounts ({@link org.wenming.account.AccountDirectory}); regions come from
 * the region module; cases are reported through {@link org.wenming.casework.Cases} and photos are checked
 * by casework's photo rules.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "account",
		"casework", "casework :: photo", "demo" })
@org.wenming.platform.ModuleTables(owns = { "assessment_framework", "assessment_item", "assessment_criterion",
		"assessment_place", "assessment_round", "assessment_team", "assessment_team_member", "assessment_sample",
		"assessment_observation", "assessment_photo", "assessment_submission", "assessment_place_score",
		"assessment_handover", "assessment_round_candidate" }, reads = { "published_region", "published_rectification_case" })
package org.wenming.assessment;

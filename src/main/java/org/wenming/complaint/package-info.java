/**
 * Evaluations and complaints in the volunteer's record (issue 22): an organizer's optional rating of a
 * volunteer's service on a shift they attended (1–5 and a short remark, one per volunteer and shift; whether
 * they attended is asked of {@link org.wenming.activity.Attendances}), and complaints about a volunteer (by a
 * resident or an organizer, recorded by the office) handled received → investigating → upheld or dismissed,
 * each step with its reason, who and when. A complaint is visible to staff in scope and to the volunteer
 * (never who complained), never public; the volunteer may respond once. Decided complaints are deleted by the
 * retention rules ({@link org.wenming.complaint.ComplaintProperties}). The schema is V72.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "activity",
		"volunteer", "volunteer :: team", "demo" })
@org.wenming.platform.ModuleTables(owns = { "shift_rating", "complaint", "complaint_step" }, reads = {
		"published_volunteer", "published_service_record" })
package org.wenming.complaint;

/**
 * Training (培训) in the volunteer's record (issue 22): courses (title, provider, hours, dates, place, whether
 * they give a certificate, the region they belong to, optionally the {@link org.wenming.training.Qualification}
 * they grant and for how many months), each volunteer's enrolment and completion, recorded by the offices in
 * their scope one by one or from a sheet (all or nothing, row-numbered errors), or by volunteers enrolling in an
 * upcoming course of their region. Courses completed in another system enter through
 * {@link org.wenming.training.Trainings#recordExternal} (record transfer), marked by their source. What a
 * volunteer holds is published as the view {@code published_training_qualification}; the activity module reads
 * it at sign-up. The schema is V73.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "demo",
		"volunteer", "volunteer :: team" })
@org.wenming.platform.ModuleTables(owns = { "training_course", "training_enrolment", "training_external" },
		publishes = "published_training_qualification", reads = { "published_volunteer" })
package org.wenming.training;

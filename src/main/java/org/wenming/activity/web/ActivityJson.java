package org.wenming.activity.web;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.wenming.activity.Activity;
import org.wenming.activity.ActivityDraft;
import org.wenming.activity.ActivityListing;
import org.wenming.activity.ActivityNotice;
import org.wenming.activity.CampaignTheme;
import org.wenming.activity.LectureSetting;
import org.wenming.activity.MySignup;
import org.wenming.activity.RosterRow;
import org.wenming.activity.Shift;
import org.wenming.activity.ShiftDraft;
import org.wenming.activity.Signup;
import org.wenming.region.FieldProblem;

/** The JSON shapes of the activity API. */
final class ActivityJson {

	private ActivityJson() {
	}

	record Listing(long id, String title, String type, String status, String organizer, String place, String region,
			OffsetDateTime startsAt, OffsetDateTime endsAt, int placesLeft, Double distanceKm) {

		static Listing of(ActivityListing a) {
			return new Listing(a.id(), a.title(), a.type().name(), a.status().name(), a.organizerName(), a.placeName(),
					a.regionName(), a.startsAt(), a.endsAt(), a.placesLeft(), a.distanceKm());
		}
	}

	record ShiftJson(long id, OffsetDateTime startsAt, OffsetDateTime endsAt, int capacity, Integer minAge,
			List<String> requiredSkills, List<String> requiredQualifications, int confirmed, int placesLeft,
			int waitlist) {

		static ShiftJson of(Shift s) {
			return new ShiftJson(s.id(), s.startsAt(), s.endsAt(), s.capacity(), s.minAge(), s.requiredSkills(),
					s.requiredQualifications(), s.confirmedCount(), s.placesLeft(), s.waitlistCount());
		}
	}

	/** What the public sees of an activity (no creator, no internal versions). */
	record Detail(long id, String title, String description, String type, String status, String lectureSetting,
			String lectureTeam, String campaignTheme, String courseSubject, String organizer, Long organizerTeamId,
			Long organizerSiteId, Long siteId, String place, String address, BigDecimal latitude, BigDecimal longitude,
			String regionCode, String region, boolean requiresApproval, String cancelReason, Integer audienceCount,
			OffsetDateTime startsAt, OffsetDateTime endsAt, List<ShiftJson> shifts) {

		static Detail of(Activity a, List<Shift> shifts, OffsetDateTime now) {
			return new Detail(a.id(), a.title(), a.description(), a.type().name(), a.statusAt(now).name(),
					a.lectureSetting() == null ? null : a.lectureSetting().name(), a.lectureTeamName(),
					a.campaignTheme() == null ? null : a.campaignTheme().name(), a.courseSubject(), a.organizerName(),
					a.organizerTeamId(), a.organizerSiteId(), a.siteId(), a.placeName(), a.address(), a.latitude(),
					a.longitude(), a.regionCode(), a.regionName(), a.requiresApproval(), a.cancelReason(),
					a.audienceCount(), a.startsAt(), a.endsAt(), shifts.stream().map(ShiftJson::of).toList());
		}
	}

	/** The organizers' view adds the stored status, creator, geofence and version. */
	record Staff(Detail activity, String storedStatus, String createdBy, Integer geofenceRadiusM, int version) {

		static Staff of(Activity a, List<Shift> shifts, OffsetDateTime now) {
			return new Staff(Detail.of(a, shifts, now), a.status().name(), a.createdBy(), a.geofenceRadiusM(),
					a.version());
		}
	}

	record SignupJson(long id, long shiftId, String status, OffsetDateTime signedUpAt, String reason) {

		static SignupJson of(Signup s) {
			return new SignupJson(s.id(), s.shiftId(), s.status().name(), s.signedUpAt(), s.reason());
		}
	}

	record Mine(List<MySignupJson> signups, List<NoticeJson> notices) {
	}

	record MySignupJson(long id, String status, String reason, long activityId, String activityTitle, long shiftId,
			OffsetDateTime startsAt, OffsetDateTime endsAt, String place, int waitlistPosition) {

		static MySignupJson of(MySignup s) {
			return new MySignupJson(s.signupId(), s.status().name(), s.reason(), s.activityId(), s.activityTitle(),
					s.shiftId(), s.startsAt(), s.endsAt(), s.place(), s.waitlistPosition());
		}
	}

	record NoticeJson(long id, long activityId, String activityTitle, String kind, String detail,
			OffsetDateTime createdAt, boolean read) {

		static NoticeJson of(ActivityNotice n) {
			return new NoticeJson(n.id(), n.activityId(), n.activityTitle(), n.kind(), n.detail(), n.createdAt(),
					n.read());
		}
	}

	record RosterJson(long signupId, String name, String volunteerNumber, String status, OffsetDateTime signedUpAt,
			String reason) {

		static RosterJson of(RosterRow r) {
			return new RosterJson(r.signupId(), r.maskedName(), r.volunteerNumber(), r.status().name(), r.signedUpAt(),
					r.reason());
		}
	}

	/** A step's body: a reason (cancel, decline) or an audience count (finishing a lecture). */
	record Step(String reason, Integer audienceCount) {
	}

	/** Numbers as JSON numbers (the strict mapping refuses text such as ５０ naming the field); times as text. */
	record ShiftInput(String startsAt, String endsAt, Integer capacity, Integer minAge, List<String> requiredSkills,
			List<String> requiredQualifications) {
	}

	/**
	 * An activity as a client sends it; enumerations and times as text so a wrong one is named like any
	 * field, ids and numbers as JSON numbers, checked by the same rules as the form's text.
	 */
	record Input(String title, String description, String type, String lectureSetting, Long lectureTeamId,
			String campaignTheme, String courseSubject, Long organizerTeamId, Long organizerSiteId, Long siteId,
			String address, String regionCode, BigDecimal latitude, BigDecimal longitude, Integer geofenceRadiusM,
			Boolean requiresApproval, List<ShiftInput> shifts, Integer version) {

		ActivityDraft draft(List<FieldProblem> problems) {
			List<ShiftDraft> drafts = new ArrayList<>();
			if (shifts != null) {
				for (int i = 0; i < shifts.size(); i++) {
					ShiftInput s = shifts.get(i);
					String p = "shifts[" + i + "].";
					if (s == null) {
						problems.add(new FieldProblem("shifts[" + i + "]", "activity.error.required"));
						continue;
					}
					drafts.add(new ShiftDraft(Inputs.time(p + "startsAt", s.startsAt(), problems),
							Inputs.time(p + "endsAt", s.endsAt(), problems),
							Inputs.number(p + "capacity", text(s.capacity()), problems),
							Inputs.number(p + "minAge", text(s.minAge()), problems),
							s.requiredSkills() == null ? List.of() : s.requiredSkills().stream()
								.map(x -> x == null ? "" : x).toList(),
							s.requiredQualifications() == null ? List.of() : s.requiredQualifications().stream()
								.map(x -> x == null ? "" : x).toList()));
				}
			}
			return new ActivityDraft(title, description, Inputs.choice("type", type, Inputs::type, problems),
					Inputs.choice("lectureSetting", lectureSetting, LectureSetting::parse, problems),
					Inputs.id("lectureTeamId", text(lectureTeamId), problems),
					Inputs.choice("campaignTheme", campaignTheme, CampaignTheme::parse, problems), courseSubject,
					Inputs.id("organizerTeamId", text(organizerTeamId), problems),
					Inputs.id("organizerSiteId", text(organizerSiteId), problems),
					Inputs.id("siteId", text(siteId), problems), address,
					regionCode, Inputs.coordinate("latitude", text(latitude), problems),
					Inputs.coordinate("longitude", text(longitude), problems),
					Inputs.number("geofenceRadiusM", text(geofenceRadiusM), problems),
					Boolean.TRUE.equals(requiresApproval),
					drafts);
		}

		/** The number as the form would send it, so both are checked by one set of rules. */
		private static String text(Number number) {
			return number == null ? null
					: number instanceof BigDecimal decimal ? decimal.toPlainString() : number.toString();
		}
	}
}

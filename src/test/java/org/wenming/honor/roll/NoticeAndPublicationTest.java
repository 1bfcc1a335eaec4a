package org.wenming.honor.roll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.wenming.honor.Honour;
import org.wenming.honor.vetting.VettingRefusedException;
import org.wenming.region.Regions;
import org.wenming.shared.OutOfScopeException;
import org.wenming.shared.ScopedUser;
import org.wenming.support.WenmingTest;
import org.wenming.volunteer.ContactSeal;

/**
 * Notice periods (staff side), the job that closes them (with its own "now"), publication and the
 * province's and the nation's picks, each refusal naming its field with nothing stored.
 */
@WenmingTest
class NoticeAndPublicationTest {

	@Autowired
	NoticePeriods notices;

	@Autowired
	Roll roll;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Regions regions;

	@Autowired
	ContactSeal seal;

	RollFixtures fx;

	ScopedUser city;

	@BeforeEach
	void fixtures() {
		fx = new RollFixtures(jdbc, regions, seal);
		city = fx.office(RollFixtures.CITY);
	}

	private long shortlisted(boolean consented) {
		long n = fx.nomination(RollFixtures.VILLAGE, "SHORTLISTED", null, "2026Q4");
		if (consented) {
			fx.consent(n, "GIVEN");
		}
		else {
			fx.consent(n, "REQUESTED");
		}
		return n;
	}

	@Test
	void aNoticePeriodTakesOnlyConsentedShortlistedNominations() {
		long ok = shortlisted(true);
		long noConsent = shortlisted(false);
		long notShortlisted = fx.nomination(RollFixtures.VILLAGE, "SUBMITTED", "CITY", "2026Q4");
		Instant starts = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(60);
		assertThatThrownBy(() -> notices.open(RollFixtures.CITY, "2026Q4", "公示", starts, null,
				List.of(ok, noConsent, notShortlisted), city))
			.isInstanceOfSatisfying(VettingRefusedException.class, ex -> assertThat(ex.problems())
				.extracting(p -> p.field() + ":" + p.messageKey())
				.containsExactly("nominationIds[1]:honor.roll.error.noConsent",
						"nominationIds[2]:honor.roll.error.notShortlisted"));
		assertThat(fx.status(ok)).isEqualTo("SHORTLISTED");
		assertThat(fx.count("select count(*) from honor_notice_entry where nomination_id = :id", ok)).isZero();
		// bad input named
		assertThatThrownBy(() -> notices.open(RollFixtures.COUNTY, "2026-4", "", null, 99, List.of(), city))
			.isInstanceOfSatisfying(VettingRefusedException.class, ex -> assertThat(ex.problems())
				.extracting(p -> p.field())
				.contains("regionCode", "quarter", "title", "startsAt", "days", "nominationIds"));
		// a county's office holds no notice period
		assertThatThrownBy(() -> notices.open(RollFixtures.CITY, "2026Q4", "公示", starts, null, List.of(ok),
				fx.office(RollFixtures.COUNTY))).isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
		long notice = notices.open(RollFixtures.CITY, "2026Q4", "肇庆市2026年第四季度身边好人公示", starts, null, List.of(ok), city);
		assertThat(fx.status(ok)).isEqualTo("IN_NOTICE");
		Instant ends = jdbc.sql("select ends_at from honor_notice where id = :id").param("id", notice)
			.query(java.sql.Timestamp.class).single().toInstant();
		assertThat(Duration.between(starts, ends)).isEqualTo(Duration.ofDays(notices.defaultDays()));
		// public through the view (part C's notice page reads it)
		assertThat(fx.count("select count(*) from honor_public_shortlist where nomination_id = :id", ok)).isEqualTo(1);
	}

	@Test
	void theJobClosesEndedPeriodsIntoReview() {
		long n = shortlisted(true);
		Instant starts = Instant.now().minus(Duration.ofDays(30));
		long notice = notices.open(RollFixtures.CITY, "2026Q4", "公示", starts, 7, List.of(n), city);
		long running = shortlisted(true);
		long open = notices.open(RollFixtures.CITY, "2026Q4", "公示", Instant.now(), 7, List.of(running), city);
		Instant now = starts.plus(Duration.ofDays(8));
		assertThat(notices.closeEnded(now)).isGreaterThanOrEqualTo(1);
		assertThat(fx.status(n)).isEqualTo("REVIEW");
		assertThat(jdbc.sql("select closed_at from honor_notice where id = :id").param("id", notice)
			.query(java.sql.Timestamp.class).single()).isNotNull();
		assertThat(fx.status(running)).isEqualTo("IN_NOTICE");
		assertThat(jdbc.sql("select closed_at is null from honor_notice where id = :id").param("id", open)
			.query(Boolean.class).single()).isTrue();
		// closing again changes nothing
		notices.closeEnded(now);
		assertThat(fx.status(n)).isEqualTo("REVIEW");
	}

	private long inReview() {
		long n = fx.nomination(RollFixtures.VILLAGE, "REVIEW", null, "2026Q4");
		fx.consent(n, "GIVEN");
		return n;
	}

	@Test
	void publicationNeedsConsentAndNoUpheldObjection() {
		long ok = inReview();
		long objected = inReview();
		fx.objection(objected, true);
		long answered = inReview();
		fx.objection(answered, false);
		long withdrawn = inReview();
		fx.withdraw(withdrawn);
		assertThatThrownBy(() -> roll.publish(List.of(ok, objected, withdrawn), "2026Q4", city))
			.isInstanceOfSatisfying(VettingRefusedException.class, ex -> assertThat(ex.problems())
				.extracting(p -> p.field() + ":" + p.messageKey())
				.containsExactly("nominationIds[1]:honor.roll.error.upheldObjection",
						"nominationIds[2]:honor.roll.error.noConsent"));
		assertThat(fx.status(ok)).isEqualTo("REVIEW");
		assertThat(fx.count("select count(*) from honor_roll_entry where nomination_id = :id", ok)).isZero();
		assertThatThrownBy(() -> roll.publish(List.of(ok), "2026", city))
			.isInstanceOfSatisfying(VettingRefusedException.class,
					ex -> assertThat(ex.problems().get(0).field()).isEqualTo("quarter"));
		List<Long> entries = roll.publish(List.of(ok, answered), "2026Q4", city);
		assertThat(entries).hasSize(2);
		assertThat(fx.status(ok)).isEqualTo("PUBLISHED");
		assertThat(jdbc.sql("select honour || ' ' || period from honor_roll_entry where nomination_id = :id")
			.param("id", ok).query(String.class).single()).isEqualTo("CITY_GOOD 2026Q4");
		// the upheld one is rejected with a reason instead
		roll.reject(objected, "异议成立，经核实事迹不实", city);
		assertThat(fx.status(objected)).isEqualTo("REJECTED");
		assertThatThrownBy(() -> roll.reject(ok, "理由", city)).isInstanceOf(VettingRefusedException.class);
		// another city's nomination is out of scope
		assertThatThrownBy(() -> roll.reject(objected, "理由", fx.office("4406")))
			.isInstanceOf(OutOfScopeException.class);
	}

	@Test
	void picksFollowTheirRules() {
		long n = inReview();
		roll.publish(List.of(n), "2026Q3", city);
		// the nation's pick needs the province's first; a document is required; a moral model takes a year
		assertThatThrownBy(() -> roll.recordPick(n, Honour.NATION_GOOD, "2026Q3", "文明办函〔2026〕1号", city))
			.isInstanceOfSatisfying(VettingRefusedException.class,
					ex -> assertThat(ex.problems().get(0).messageKey()).isEqualTo("honor.roll.error.provinceFirst"));
		assertThatThrownBy(() -> roll.recordPick(n, Honour.PROVINCE_GOOD, "2026Q3", " ", city))
			.isInstanceOfSatisfying(VettingRefusedException.class,
					ex -> assertThat(ex.problems().get(0).field()).isEqualTo("decisionDocument"));
		assertThatThrownBy(() -> roll.recordPick(n, Honour.CITY_MORAL_MODEL, "2026Q3", "文明委〔2026〕1号", city))
			.isInstanceOfSatisfying(VettingRefusedException.class,
					ex -> assertThat(ex.problems().get(0).field()).isEqualTo("period"));
		assertThatThrownBy(() -> roll.recordPick(n, Honour.CITY_GOOD, "2026Q3", "x", city))
			.isInstanceOfSatisfying(VettingRefusedException.class,
					ex -> assertThat(ex.problems().get(0).field()).isEqualTo("honour"));
		roll.recordPick(n, Honour.PROVINCE_GOOD, "2026Q3", "粤文明办〔2026〕12号", city);
		roll.recordPick(n, Honour.NATION_GOOD, "2026Q4", "文明办函〔2026〕100号", city);
		roll.recordPick(n, Honour.CITY_MORAL_MODEL, "2026", "文明委〔2026〕1号", city);
		assertThatThrownBy(() -> roll.recordPick(n, Honour.PROVINCE_GOOD, "2026Q3", "粤文明办〔2026〕13号", city))
			.isInstanceOfSatisfying(VettingRefusedException.class,
					ex -> assertThat(ex.problems().get(0).messageKey()).isEqualTo("honor.roll.error.already"));
		assertThat(jdbc.sql("select honour from honor_roll_entry where nomination_id = :id order by id").param("id", n)
			.query(String.class).list()).containsExactly("CITY_GOOD", "PROVINCE_GOOD", "NATION_GOOD", "CITY_MORAL_MODEL");
		// a nomination not on the city's roll is not picked
		long notPublished = inReview();
		assertThatThrownBy(() -> roll.recordPick(notPublished, Honour.PROVINCE_GOOD, "2026Q3", "粤文明办〔2026〕14号", city))
			.isInstanceOfSatisfying(VettingRefusedException.class,
					ex -> assertThat(ex.problems().get(0).field()).isEqualTo("nominationId"));
	}
}

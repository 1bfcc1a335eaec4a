package org.wenming.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.wenming.region.FieldProblem;

class VolunteerRulesTest {

	static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

	static final Set<String> SKILLS = Set.of("MEDICAL", "LEGAL");

	VolunteerRules.Result check(VolunteerDraft draft) {
		return VolunteerRules.check(draft, TODAY, Set.of("4412")::contains, SKILLS);
	}

	VolunteerDraft adult(String idNumber) {
		return new VolunteerDraft("张三", "RESIDENT_ID", idNumber, "13812341234", null, null, "441202001002",
				List.of("MEDICAL"), null, null, null, null, null, null, null, "true");
	}

	@Test
	void birthDateAndGenderComeFromTheResidentId() {
		VolunteerRules.Result result = check(adult("441202199003071232"));
		assertThat(result.problems()).isEmpty();
		assertThat(result.volunteer().birthDate()).isEqualTo(LocalDate.of(1990, 3, 7));
		assertThat(result.volunteer().gender()).isEqualTo(Gender.M);
	}

	@Test
	void givenBirthDateAndGenderMustMatchTheId() {
		VolunteerDraft draft = new VolunteerDraft("张三", "RESIDENT_ID", "441202199003071232", "13812341234", "F",
				"1990-03-08", "441202001002", List.of(), null, null, null, null, null, null, null, "true");
		assertThat(check(draft).problems()).extracting(FieldProblem::field).containsExactly("gender", "birthDate");
	}

	@Test
	void underFourteenNeedsGuardianDetailsAndConsent() {
		String child = TestVolunteers.residentId("441202", LocalDate.of(2016, 5, 1), true);
		assertThat(check(adult(child)).problems()).extracting(FieldProblem::field)
				.containsExactly("guardianName", "guardianRelation", "guardianPhone", "guardianConsent");
		VolunteerDraft withGuardian = new VolunteerDraft("张小明", "RESIDENT_ID", child, "13812341234", null, null,
				"441202001002", List.of(), null, null, null, "张大明", "父亲", "13912345678", "true", "true");
		assertThat(check(withGuardian).problems()).isEmpty();
		assertThat(check(withGuardian).volunteer().guardianConsent()).isTrue();
	}

	@Test
	void fourteenToEighteenNeedsGuardianConsentOnly() {
		String teen = TestVolunteers.residentId("441202", LocalDate.of(2010, 1, 1), false);
		assertThat(check(adult(teen)).problems()).extracting(FieldProblem::field).containsExactly("guardianConsent");
	}

	@Test
	void otherDocumentsNeedGenderAndBirthDateAndTheirFormat() {
		VolunteerDraft passport = new VolunteerDraft("John Smith", "PASSPORT", "e1234567", "13812341234", null, null,
				"441202", List.of(), null, null, null, null, null, null, null, "true");
		assertThat(check(passport).problems()).extracting(FieldProblem::field).containsExactly("gender", "birthDate");
		VolunteerDraft hk = new VolunteerDraft("陈大文", "HK_MACAO_PERMIT", "X1234567", "13812341234", "M", "1980-01-01",
				"441202", List.of(), null, null, null, null, null, null, null, "true");
		assertThat(check(hk).problems()).extracting(FieldProblem::messageKey)
				.containsExactly("volunteer.error.idNumber.HK_MACAO_PERMIT");
	}

	@Test
	void hostileValuesAreRefusedByField() {
		for (String name : List.of("张San", "Jоhn" /* Cyrillic o */, "<b>张三</b>", "张三😀", "张\u0000三", "张".repeat(31))) {
			VolunteerDraft draft = new VolunteerDraft(name, "RESIDENT_ID", "441202199003071232", "13812341234", null,
					null, "441202001002", List.of(), null, null, null, null, null, null, null, "true");
			assertThat(check(draft).problems()).as(name).extracting(FieldProblem::field).containsExactly("realName");
		}
		for (String phone : List.of("12812341234", "1381234123", "138123412345", "+8613812341234x", "１３８１２３４")) {
			VolunteerDraft draft = new VolunteerDraft("张三", "RESIDENT_ID", "441202199003071232", phone, null, null,
					"441202001002", List.of(), null, null, null, null, null, null, null, "true");
			assertThat(check(draft).problems()).as(phone).extracting(FieldProblem::field).containsExactly("phone");
		}
		VolunteerDraft noConsent = new VolunteerDraft("张三", "RESIDENT_ID", "441202199003071232", "13812341234", null,
				null, "441202001002", List.of("HACKING"), "<script>", null, null, null, null, null, null, null);
		assertThat(check(noConsent).problems()).extracting(FieldProblem::field)
				.containsExactly("skills", "availability", "consent");
	}

	@Test
	void fullWidthMobileIsAccepted() {
		assertThat(VolunteerRules.isMobile("１３８１２３４１２３４")).isTrue();
	}
}

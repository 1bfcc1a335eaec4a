package org.wenming.volunteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResidentIdNumberTest {

	static final LocalDate TODAY = LocalDate.of(2026, 6, 1);

	static final Predicate<String> CITIES = Set.of("4401", "4405", "4412")::contains;

	@ParameterizedTest
	@CsvSource({
			// the standard's own example, check code X; a woman (sequence 002 is even)
			"11010519491231002X, 1949-12-31, F",
			"441202199003071232, 1990-03-07, M",
			"440106200001010027, 2000-01-01, F",
			"810000199001010019, 1990-01-01, M" })
	void knownGoodNumbersGiveBirthDateAndGender(String number, LocalDate birth, Gender gender) {
		ResidentIdNumber.Result result = ResidentIdNumber.parse(number, TODAY, CITIES);
		assertThat(result.problem()).isNull();
		assertThat(result.number()).get().extracting(ResidentIdNumber::birthDate, ResidentIdNumber::gender)
				.containsExactly(birth, gender);
	}

	@ParameterizedTest
	@CsvSource({
			"110105194912310021, CHECK_DIGIT",   // X expected
			"441202199003071235, CHECK_DIGIT",   // last digit changed
			"441202199003071223, CHECK_DIGIT",   // last two swapped
			"44120219900307123, FORMAT",         // 17 characters
			"44120219900307123Y, FORMAT",
			"4412021990030712345, FORMAT",
			"991202199003071232, REGION",        // 99 is no province
			"449902199003071236, REGION",        // 4499 is no Guangdong city
			"441202199002301232, BIRTH_DATE",    // 30 February
			"441202203001011239, BIRTH_DATE",    // born in 2030
			"440524188001010014, BIRTH_DATE" })  // older than 120
	void knownBadNumbersAreRefusedWithTheRuleTheyBreak(String number, ResidentIdNumber.Problem problem) {
		// make the check digit right where the test is about another rule
		String value = number.length() == 18 && problem != ResidentIdNumber.Problem.CHECK_DIGIT
				&& problem != ResidentIdNumber.Problem.FORMAT
						? number.substring(0, 17) + ResidentIdNumber.checkCode(number.substring(0, 17)) : number;
		assertThat(ResidentIdNumber.parse(value, TODAY, CITIES).problem()).isEqualTo(problem);
	}

	@Test
	void checkCodesFollowGb11643() {
		assertThat(ResidentIdNumber.checkCode("11010519491231002")).isEqualTo('X');
		assertThat(ResidentIdNumber.checkCode("44052418800101001")).isEqualTo('4');
	}

	@Test
	void fullWidthSpacedAndLowerCaseInputNormalisesToTheSameNumber() {
		assertThat(PersonalNumbers.normalise("１１０１０５ １９４９１２３１００２ｘ")).isEqualTo("11010519491231002X");
		assertThat(PersonalNumbers.normalise("138-1234-5678")).isEqualTo("13812345678");
	}

	@Test
	void masks() {
		assertThat(PersonalNumbers.maskId(IdType.RESIDENT_ID, "441202199003071234")).isEqualTo("4412**********1234");
		assertThat(PersonalNumbers.maskPhone("13812341234")).isEqualTo("138****1234");
		assertThat(PersonalNumbers.maskId(IdType.PASSPORT, "E12345678")).isEqualTo("E1*****78");
	}
}

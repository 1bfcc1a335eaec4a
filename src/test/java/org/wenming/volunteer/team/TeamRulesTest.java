package org.wenming.volunteer.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.wenming.region.FieldProblem;

/** The pure rules: drafts, reasons, name masks, membership transitions. */
class TeamRulesTest {

	static TeamDraft draft(String name, String phone) {
		return new TeamDraft(null, TeamLevel.CORPS, "441202", name, TeamType.PRACTICE, null, null, phone, null,
				TeamStatus.ACTIVE);
	}

	@Test
	void childLevelsGoDownOneStep() {
		assertThat(TeamLevel.CORPS.childLevel()).contains(TeamLevel.BRANCH);
		assertThat(TeamLevel.BRANCH.childLevel()).contains(TeamLevel.SQUAD);
		assertThat(TeamLevel.SQUAD.childLevel()).isEmpty();
	}

	@Test
	void phonesAreAnOrganisationsNotAPersons() {
		assertThat(TeamRules.check(draft("端州队", "0758-2281234"), true)).isEmpty();
		assertThat(TeamRules.check(draft("端州队", "400-123-4567"), true)).isEmpty();
		assertThat(TeamRules.check(draft("端州队", "13812345678"), true))
				.containsExactly(new FieldProblem("contactPhone", "team.error.mobile"));
		assertThat(TeamRules.check(draft("端州队", "０７５８-２２８１２３４"), true))
				.containsExactly(new FieldProblem("contactPhone", "team.error.phone"));
	}

	@Test
	void namesRefuseMarkupControlCharactersEmojiAndLength() {
		assertThat(TeamRules.check(draft("<b>队</b>", null), true)).extracting(FieldProblem::messageKey)
				.containsExactly("team.error.markup");
		assertThat(TeamRules.check(draft("队\u0000伍", null), true)).extracting(FieldProblem::messageKey)
				.containsExactly("team.error.characters");
		assertThat(TeamRules.check(draft("爱心队😀", null), true)).extracting(FieldProblem::messageKey)
				.containsExactly("team.error.nameCharacters");
		assertThat(TeamRules.check(draft("队".repeat(101), null), true)).extracting(FieldProblem::messageKey)
				.containsExactly("team.error.tooLong.100");
		assertThat(TeamRules.check(draft("Duanzhou 青年 Team（一）", null), true)).isEmpty();
	}

	@Test
	void reasonsAreRequiredShortPlainText() {
		assertThat(TeamRules.checkReason(null)).isNotEmpty();
		assertThat(TeamRules.checkReason("  ")).isNotEmpty();
		assertThat(TeamRules.checkReason("长".repeat(201))).isNotEmpty();
		assertThat(TeamRules.checkReason("<script>")).isNotEmpty();
		assertThat(TeamRules.checkReason("名额已满")).isEmpty();
	}

	@Test
	void namesAreMasked() {
		assertThat(NameMask.mask("张三")).isEqualTo("张*");
		assertThat(NameMask.mask("张小三")).isEqualTo("张*三");
		assertThat(NameMask.mask("欧阳小明")).isEqualTo("欧**明");
		assertThat(NameMask.mask("王")).isEqualTo("*");
		assertThat(NameMask.mask("𠀀𠀁𠀂")).isEqualTo("𠀀*𠀂");
	}

	@Test
	void transitionsFollowTheStatus() {
		OffsetDateTime now = OffsetDateTime.now();
		Membership applied = new Membership(1, 2, 3, MembershipStatus.APPLIED, now, null, null, null, null, null);
		Membership member = applied.approve("leader", now);
		assertThat(member.status()).isEqualTo(MembershipStatus.MEMBER);
		assertThatThrownBy(() -> member.approve("leader", now)).isInstanceOf(MembershipRefusedException.class);
		assertThatThrownBy(() -> applied.remove("leader", "x", now)).isInstanceOf(MembershipRefusedException.class);
		Membership removed = member.remove("leader", "长期未参加", now);
		assertThat(removed.reason()).isEqualTo("长期未参加");
		assertThatThrownBy(() -> removed.leave("v", now)).isInstanceOf(MembershipRefusedException.class);
		assertThat(applied.decline("leader", "名额已满", now).status()).isEqualTo(MembershipStatus.DECLINED);
		assertThat(applied.leave("v", now).status()).isEqualTo(MembershipStatus.LEFT);
	}
}

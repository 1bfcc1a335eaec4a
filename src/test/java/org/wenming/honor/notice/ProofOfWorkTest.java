package org.wenming.honor.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The proof-of-work verifier alone: leading zero bits, signature, expiry, nomination, the solution. */
class ProofOfWorkTest {

	private final ProofOfWork proofs = new ProofOfWork(new NoticeKeys.NoticeSecret(new byte[32]));

	private final Instant now = Instant.parse("2026-12-06T10:00:00Z");

	@Test
	void leadingZeroBitsAreCountedAcrossBytes() {
		assertThat(ProofOfWork.leadingZeroBits(new byte[] { (byte) 0x80 })).isZero();
		assertThat(ProofOfWork.leadingZeroBits(new byte[] { 0x01 })).isEqualTo(7);
		assertThat(ProofOfWork.leadingZeroBits(new byte[] { 0x00, 0x40 })).isEqualTo(9);
		assertThat(ProofOfWork.leadingZeroBits(new byte[] { 0x00, 0x00, 0x00, 0x0f })).isEqualTo(28);
		assertThat(ProofOfWork.leadingZeroBits(new byte[] { 0x00, 0x00 })).isEqualTo(16);
		assertThat(ProofOfWork.leadingZeroBits(new byte[] { (byte) 0xff, 0x00 })).isZero();
	}

	@Test
	void aSolvedChallengeIsValidForItsNominationUntilItExpires() {
		ProofOfWork.Challenge challenge = proofs.issue(42, 12, now.plusSeconds(120));
		String counter = ProofOfWork.solve(challenge.challenge(), 12);
		assertThat(ProofOfWork.leadingZeroBits(ProofOfWork.sha256(challenge.challenge() + counter)))
				.isGreaterThanOrEqualTo(12);
		assertThat(proofs.verify(challenge.challenge(), counter, 42, now)).isEqualTo(ProofOfWork.Verdict.VALID);
		assertThat(proofs.verify(challenge.challenge(), counter, 43, now))
				.isEqualTo(ProofOfWork.Verdict.WRONG_NOMINATION);
		assertThat(proofs.verify(challenge.challenge(), counter, 42, now.plusSeconds(120)))
				.isEqualTo(ProofOfWork.Verdict.EXPIRED);
	}

	@Test
	void anUnsolvedOrForgedOrMissingProofIsRefused() {
		ProofOfWork.Challenge challenge = proofs.issue(42, 20, now.plusSeconds(120));
		String counter = ProofOfWork.solve(challenge.challenge(), 20);
		// a counter that does not reach the bits: some counter below the solution fails (the solution is the first)
		String wrong = Long.toString(Long.parseLong(counter) == 0 ? 1 : 0);
		assertThat(proofs.verify(challenge.challenge(), wrong, 42, now)).isEqualTo(ProofOfWork.Verdict.NOT_SOLVED);
		// fewer bits claimed in the challenge: the signature no longer matches
		String easier = challenge.challenge().replace(".20.", ".1.");
		assertThat(proofs.verify(easier, "0", 42, now)).isEqualTo(ProofOfWork.Verdict.FORGED);
		// a challenge signed with another key
		ProofOfWork other = new ProofOfWork(new NoticeKeys.NoticeSecret(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
				12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 }));
		ProofOfWork.Challenge foreign = other.issue(42, 8, now.plusSeconds(120));
		assertThat(proofs.verify(foreign.challenge(), ProofOfWork.solve(foreign.challenge(), 8), 42, now))
				.isEqualTo(ProofOfWork.Verdict.FORGED);
		assertThat(proofs.verify(null, counter, 42, now)).isEqualTo(ProofOfWork.Verdict.MISSING);
		assertThat(proofs.verify(challenge.challenge(), "", 42, now)).isEqualTo(ProofOfWork.Verdict.MISSING);
		assertThat(proofs.verify("garbage", "1", 42, now)).isEqualTo(ProofOfWork.Verdict.FORGED);
		assertThat(proofs.verify(challenge.challenge(), "-1", 42, now)).isEqualTo(ProofOfWork.Verdict.FORGED);
	}
}

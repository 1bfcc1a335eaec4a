package org.wenming.volunteer;

import java.util.random.RandomGenerator;

import org.springframework.stereotype.Service;
import org.wenming.volunteer.internal.PersonalDataCipher;
import org.wenming.volunteer.internal.PinyinInitials;
import org.wenming.volunteer.internal.VolunteerNumbers;

/**
 * The stored form of a checked registration for a bulk load that writes the {@code volunteer} table
 * itself (the demo city): ciphertexts, lookup hashes, masks and pinyin initials made exactly as
 * {@link Volunteers} makes them, so searches and duplicate checks work on bulk-loaded rows.
 */
@Service
public class VolunteerSealing {

	private final PersonalDataCipher cipher;

	private final String privacyNoticeVersion;

	VolunteerSealing(PersonalDataCipher cipher, VolunteerProperties properties) {
		this.cipher = cipher;
		this.privacyNoticeVersion = properties.privacyNoticeVersion();
	}

	/**
	 * A volunteer row's protected columns. Holds no plain personal number, only what is stored.
	 * The guardian and emergency fields are null when the registration has none.
	 */
	public record SealedVolunteer(String nameInitials, byte[] idCipher, byte[] idHash, String idMasked,
			byte[] phoneCipher, byte[] phoneHash, String phoneMasked, String phoneLast4, String keyId,
			byte[] emergencyPhoneCipher, String emergencyPhoneMasked, byte[] guardianPhoneCipher,
			String guardianPhoneMasked) {

		@Override
		public String toString() {
			return "SealedVolunteer[" + idMasked + "]";
		}
	}

	public SealedVolunteer seal(CheckedVolunteer v) {
		return new SealedVolunteer(PinyinInitials.of(v.realName()), cipher.encrypt("id_number", v.idNumber()),
				cipher.hashId(v.idType().name(), v.idNumber()), PersonalNumbers.maskId(v.idType(), v.idNumber()),
				cipher.encrypt("phone", v.phone()), cipher.hashPhone(v.phone()), PersonalNumbers.maskPhone(v.phone()),
				PersonalNumbers.last4(v.phone()), cipher.activeKeyId(),
				v.emergencyPhone() == null ? null : cipher.encrypt("emergency_phone", v.emergencyPhone()),
				v.emergencyPhone() == null ? null : PersonalNumbers.maskPhone(v.emergencyPhone()),
				v.guardianPhone() == null ? null : cipher.encrypt("guardian_phone", v.guardianPhone()),
				v.guardianPhone() == null ? null : PersonalNumbers.maskPhone(v.guardianPhone()));
	}

	/** The lookup hash of an ID number (normalised), for checking a bulk-loaded row is found. */
	public byte[] idHash(IdType type, String normalised) {
		return cipher.hashId(type.name(), normalised);
	}

	/** Opens a stored ciphertext of a volunteer row (for the generator's own validation tests). */
	public String open(String keyId, String column, byte[] ciphertext) {
		return cipher.decrypt(keyId, column, ciphertext);
	}

	/** A unified volunteer number from the caller's randomness (unique only after the caller's check). */
	public static String volunteerNumber(String cityCode, RandomGenerator random) {
		return VolunteerNumbers.next(cityCode.length() >= 4 ? cityCode.substring(0, 4) : cityCode, random);
	}

	/** The privacy notice a registration agrees to (volunteer.consent_version). */
	public String privacyNoticeVersion() {
		return privacyNoticeVersion;
	}
}

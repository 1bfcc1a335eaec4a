package org.wenming.volunteer;

import org.springframework.stereotype.Service;
import org.wenming.volunteer.internal.PersonalDataCipher;

/**
 * Seals a phone number that another module must keep (a citizen's contact on a case report) with
 * the same AES-GCM keys as volunteers' personal data, and opens it again for a permitted reveal.
 */
@Service
public class ContactSeal {

	private final PersonalDataCipher cipher;

	ContactSeal(PersonalDataCipher cipher) {
		this.cipher = cipher;
	}

	/**
	 * A sealed phone number.
	 *
	 * @param cipher AES-GCM ciphertext (nonce first), bound to the column it is stored in
	 * @param masked {@code 138****1234}, the only form ever shown
	 * @param keyId the key it was sealed with
	 */
	public record SealedContact(byte[] cipher, String masked, String keyId) {
	}

	/**
	 * @param column where it will be stored (e.g. {@code rectification_case.reporter_contact}),
	 *        bound as associated data so a ciphertext cannot be moved to another column
	 * @param phone the number as entered; spaces and dashes are dropped
	 */
	public SealedContact seal(String column, String phone) {
		String normalised = PersonalNumbers.normalise(phone);
		return new SealedContact(cipher.encrypt(column, normalised), PersonalNumbers.maskPhone(normalised),
				cipher.activeKeyId());
	}

	public String open(String column, SealedContact sealed) {
		return cipher.decrypt(sealed.keyId(), column, sealed.cipher());
	}

	/**
	 * Seals a free text that is personal data (a home address on a service order) as it is, bound to its
	 * column like a phone number; nothing of it is shown, so the sealed form's {@code masked} is empty.
	 */
	public SealedContact sealText(String column, String text) {
		return new SealedContact(cipher.encrypt(column, text), "", cipher.activeKeyId());
	}

	/**
	 * A keyed hash of a mobile number (HMAC with the personal-data hash key, as volunteers' numbers are found):
	 * for counting and matching a number without keeping it.
	 */
	public byte[] hashMobile(String phone) {
		return cipher.hashPhone(PersonalNumbers.normalise(phone));
	}

	/** Whether a number is a mainland mobile number (after dropping spaces and dashes). */
	public static boolean isMobile(String phone) {
		return phone != null && PersonalNumbers.MOBILE.matcher(PersonalNumbers.normalise(phone)).matches();
	}
}

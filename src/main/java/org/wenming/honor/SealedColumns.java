package org.wenming.honor;

/**
 * The columns honours' personal data is sealed for ({@code ContactSeal} binds each ciphertext to its
 * column): every part seals and opens with these names.
 */
public final class SealedColumns {

	/** {@code honor_nomination.nominee_id_cipher}: the nominee's ID number. */
	public static final String NOMINEE_ID = "honor_nomination.nominee_id";

	/** {@code honor_nomination.nominee_mobile_cipher} */
	public static final String NOMINEE_MOBILE = "honor_nomination.nominee_mobile";

	/** {@code honor_nomination.nominator_mobile_cipher} */
	public static final String NOMINATOR_MOBILE = "honor_nomination.nominator_mobile";

	/** {@code honor_objection.contact_cipher}: the objector's mobile. */
	public static final String OBJECTOR_CONTACT = "honor_objection.contact";

	private SealedColumns() {
	}
}

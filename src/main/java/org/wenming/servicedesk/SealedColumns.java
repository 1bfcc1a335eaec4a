package org.wenming.servicedesk;

/**
 * The columns an order's personal data is sealed for ({@code ContactSeal} binds each ciphertext to its
 * column): every part of the desk seals and opens with these names.
 */
public final class SealedColumns {

	/** {@code service_order.contact_cipher}: the contact's mobile. */
	public static final String CONTACT = "service_order.contact";

	/** {@code service_order.address_cipher}: the home address. */
	public static final String ADDRESS = "service_order.address";

	private SealedColumns() {
	}
}

package org.wenming.ledger.transparency;

/**
 * The public key that verifies the installation's tree heads.
 *
 * @param suite the suite the key belongs to
 * @param keyId lowercase hex of the first 8 bytes of SHA-256 of {@code encoded}
 * @param pem {@code encoded} as a PEM "PUBLIC KEY"
 * @param encoded the SubjectPublicKeyInfo DER
 */
public record PublicKeyInfo(Suite suite, String keyId, String pem, byte[] encoded) {

	public PublicKeyInfo {
		encoded = encoded.clone();
	}

	@Override
	public byte[] encoded() {
		return encoded.clone();
	}
}

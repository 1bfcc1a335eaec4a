package org.wenming.ledger.transparency;

/**
 * The installation's cryptographic suite, fixed at the first start (setting {@code wenming.ledger.tree.suite}) and
 * named in every signed head: the tree's hash and the heads' signature algorithm.
 */
public enum Suite {

	/** Tree hash SHA-256, heads signed with Ed25519 (RFC 8032, the JDK's own). */
	ED25519_SHA256(TreeHash.SHA256),

	/** Tree hash SM3, heads signed with SM2 over SM3 (GB/T 32918.2, user ID {@code 1234567812345678}). */
	SM2_SM3(TreeHash.SM3);

	private final TreeHash hash;

	Suite(TreeHash hash) {
		this.hash = hash;
	}

	/** The hash of the tree's leaves and nodes. */
	public TreeHash hash() {
		return hash;
	}
}

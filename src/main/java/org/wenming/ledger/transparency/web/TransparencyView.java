package org.wenming.ledger.transparency.web;

import java.util.Base64;
import java.util.List;

import org.wenming.ledger.transparency.PublicKeyInfo;
import org.wenming.ledger.transparency.SignedHead;

/**
 * The public transparency page: the suite, the public key, the newest head of every city and how to run a witness.
 *
 * @param witnessCommand the command line of a witness against this installation
 * @param cronLine a crontab line running it hourly
 */
public record TransparencyView(String suite, String keyId, String pem, List<Head> heads, String witnessCommand,
		String cronLine) {

	/** One city's newest head. */
	public record Head(String city, long size, String root, java.time.Instant time, String checkpoint) {
	}

	static TransparencyView of(PublicKeyInfo key, List<SignedHead> heads, String base) {
		String command = "java -jar wenming.jar ledger witness --url " + base + " --state /var/lib/wenming-witness";
		return new TransparencyView(key.suite().name(), key.keyId(), key.pem(),
				heads.stream()
					.map(h -> new Head(h.cityCode(), h.size(), Base64.getEncoder().encodeToString(h.root()), h.time(),
							h.checkpoint()))
					.toList(),
				command, "17 * * * * " + command + " >> /var/log/wenming-witness.log 2>&1");
	}
}

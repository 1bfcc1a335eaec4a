package org.wenming.ledger.certificate;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the service certificates, checked at start.
 *
 * @param issuer the issuing organization printed on every certificate (出具单位)
 * @param numberPrefix letters that start every certificate number (the city's: ZQ for 肇庆)
 * @param publicUrl the site's public address the QR code points at (https://wenming.example.cn); empty:
 *        the address the volunteer downloaded the certificate from
 */
@ConfigurationProperties("wenming.certificates")
public record CertificateProperties(@DefaultValue(CertificateProperties.DEFAULT_ISSUER) String issuer,
		@DefaultValue("ZQ") String numberPrefix, String publicUrl) {

	public static final String DEFAULT_ISSUER = "肇庆市新时代文明实践中心";

	public CertificateProperties {
		issuer = issuer == null || issuer.isBlank() ? DEFAULT_ISSUER : issuer.strip();
		if (issuer.codePointCount(0, issuer.length()) > 60
				|| issuer.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '<' || c == '>')) {
			throw new IllegalStateException("wenming.certificates.issuer must be plain text of at most 60 characters");
		}
		numberPrefix = numberPrefix == null || numberPrefix.isBlank() ? "ZQ" : numberPrefix.strip();
		if (!numberPrefix.matches("[A-Z]{1,4}")) {
			throw new IllegalStateException("wenming.certificates.number-prefix must be 1 to 4 capital letters A-Z");
		}
		if (publicUrl != null && publicUrl.isBlank()) {
			publicUrl = null;
		}
		if (publicUrl != null) {
			publicUrl = publicUrl.strip().replaceAll("/+$", "");
			URI uri;
			try {
				uri = URI.create(publicUrl);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("wenming.certificates.public-url is not a URL: " + publicUrl);
			}
			if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
					|| uri.getQuery() != null || uri.getFragment() != null) {
				throw new IllegalStateException(
						"wenming.certificates.public-url must be an http(s) address without query, e.g. https://wenming.example.cn");
			}
		}
	}
}

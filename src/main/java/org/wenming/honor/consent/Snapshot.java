package org.wenming.honor.consent;

/**
 * Exactly what will be public about a nominee once they consent (PIPL Art. 25): stored as JSON with its SHA-256
 * in {@code honor_consent}; the consent page renders it as the roll will.
 *
 * @param category an {@link org.wenming.honor.HonorCategory} name
 * @param portraitEvidenceId the photo shown, or null
 * @param period the honour period the nomination is for ({@code 2026Q4})
 */
public record Snapshot(String nomineeName, String category, String title, String story, String regionName,
		Long portraitEvidenceId, String period) {

	public String categoryKey() {
		return "honor.category." + category;
	}
}

package org.wenming.assessment.round;

/**
 * A redraw of a round's sample from its recorded seed and candidates, compared with what was stored.
 *
 * @param recordedDigest the digest stored at the draw
 * @param redrawnDigest the digest of the redraw
 * @param sampleMatches the stored sample rows are exactly the redraw, place by place and in order
 * @param candidatesMatch the kept candidates still give the digest recorded at the draw
 * @param registryChanged the registry's active places today differ from the candidates (new or deactivated
 *     places since the draw: expected, and no reason to doubt the draw)
 */
public record DrawCheck(long seed, int candidates, int drawn, String recordedDigest, String redrawnDigest,
		boolean sampleMatches, boolean candidatesMatch, boolean registryChanged) {

	public boolean verified() {
		return sampleMatches && candidatesMatch && recordedDigest.equals(redrawnDigest);
	}
}

package org.wenming.region;

/** A region and how many sites lie in its subtree. */
public record RegionSiteCount(Region region, long sites) {
}

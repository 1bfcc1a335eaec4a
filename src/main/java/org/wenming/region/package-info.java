/**
 * Regions and the practice network: the administrative division tree (province → city → county →
 * town → village) every record hangs off, and the practice sites at each level (新时代文明实践中心/所/站).
 * A staff member's data scope is a subtree of this tree.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "demo" })
@org.wenming.platform.ModuleTables(owns = { "region", "region_catalogue", "practice_site" }, publishes = { "published_region", "published_practice_site" })
package org.wenming.region;

/**
 * The demo city (演示城市): a deterministic, seeded generator of the Zhaoqing scenario at a chosen
 * scale (tiny for tests, small at first start, full at the newspaper's figures), loaded in bulk
 * through COPY in one transaction, with rows the application itself would accept. It conducts: each
 * module loads its own part of the city through {@link org.wenming.demo.DemoCityPart} (its own tables,
 * its own bulk-load window), so the modules depend on this one and this one on none of them.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform" })
@org.wenming.platform.ModuleTables(owns = "demo_run")
package org.wenming.demo;

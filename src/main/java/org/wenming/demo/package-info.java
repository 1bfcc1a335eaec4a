/**
 * The demo city (演示城市): a deterministic, seeded generator of the Zhaoqing scenario at a chosen
 * scale (tiny for tests, small at first start, full at the newspaper's figures), loaded in bulk
 * through COPY in one transaction, with rows the application itself would accept.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "account",
		"volunteer", "volunteer :: team", "activity", "ledger", "casework", "insight" })
@org.wenming.platform.ModuleTables(owns = "demo_run")
package org.wenming.demo;

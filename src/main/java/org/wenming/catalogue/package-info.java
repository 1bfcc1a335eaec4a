/**
 * The government-service catalogue (政务服务事项目录): the items a region's government offers (name,
 * department, level, where and how to apply, the online link, materials, time limit, fee), their scope tags
 * 同城通办 / 佛肇通办 / 跨省通办 and partner regions; searchable by name and material through
 * {@link org.wenming.platform.search.SearchTokens}, imported and exported as XLSX, counted for the dashboard
 * through {@link org.wenming.catalogue.CatalogueFigures}. The design is {@code docs/notes/catalogue.md}; the
 * schema is V60 (issue 19).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "region", "demo" })
@org.wenming.platform.ModuleTables(owns = { "catalogue_item" })
package org.wenming.catalogue;

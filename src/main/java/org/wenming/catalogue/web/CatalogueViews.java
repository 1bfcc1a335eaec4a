package org.wenming.catalogue.web;

import java.util.List;
import java.util.Map;

import org.wenming.catalogue.CatalogueItem;
import org.wenming.catalogue.CatalogueTransfer;
import org.wenming.catalogue.ScopeTag;
import org.wenming.catalogue.ServiceLevel;
import org.wenming.platform.FormErrors;
import org.wenming.platform.Paging;

/** What the catalogue's pages show. */
public final class CatalogueViews {

	private CatalogueViews() {
	}

	/**
	 * A search and its results.
	 *
	 * @param base the page's address without the query
	 */
	public record Search(String base, String cityName, String q, String department, String scope, List<String> departments,
			Paging.Page<CatalogueItem> results) {

		public List<ScopeTag> scopes() {
			return List.of(ScopeTag.values());
		}

		public boolean selected(String department) {
			return department.equals(this.department);
		}

		public boolean selectedScope(ScopeTag tag) {
			return tag.name().equals(scope);
		}

		/** The address of another page of the same search. */
		public String pageLink(int page) {
			return base + "?" + query() + "page=" + page;
		}

		/** The query part of the search (for the export), ending with {@code &} when not empty. */
		public String query() {
			StringBuilder s = new StringBuilder();
			if (!q.isEmpty()) {
				s.append("q=").append(enc(q)).append('&');
			}
			if (!department.isEmpty()) {
				s.append("department=").append(enc(department)).append('&');
			}
			if (!scope.isEmpty()) {
				s.append("scope=").append(enc(scope)).append('&');
			}
			return s.toString();
		}

		public boolean hasPrevious() {
			return results.page() > 0;
		}

		public boolean hasNext() {
			return results.page() + 1 < results.pages();
		}

		private static String enc(String s) {
			return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
		}
	}

	/** The staff list: a search, the outcome of the last action, an import's report. */
	public record Staff(Search search, String done, CatalogueTransfer.Report report) {

		public int maxRows() {
			return CatalogueTransfer.MAX_ROWS;
		}
	}

	/** One item for the public. */
	public record Item(CatalogueItem item, String regionName) {
	}

	/** The form of an item: its values as text, the errors. */
	public record Form(CatalogueItem item, Map<String, String> values, FormErrors errors, String action) {

		public String value(String field) {
			String value = values.get(field);
			return value == null ? "" : value;
		}

		public boolean is(String field, Object option) {
			return String.valueOf(option).equals(values.get(field));
		}

		public boolean hasScope(ScopeTag tag) {
			return java.util.Arrays.asList(value("scopes").split(",")).contains(tag.name());
		}

		public boolean hasError(String field) {
			return errors.has(field);
		}

		public String error(String field) {
			return errors.get(field);
		}

		public String describedBy(String field) {
			return errors.describedBy(field, null);
		}

		public String invalid(String field) {
			return errors.has(field) ? "true" : null;
		}

		public List<ServiceLevel> levels() {
			return List.of(ServiceLevel.values());
		}

		public List<ScopeTag> scopes() {
			return List.of(ScopeTag.values());
		}
	}
}

package org.wenming.catalogue;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriUtils;
import org.wenming.platform.search.Documents;
import org.wenming.platform.search.PublicDocument;
import org.wenming.platform.search.PublicDocuments;
import org.wenming.platform.search.SearchKind;

/**
 * The catalogue's items (all public) for the search over everything public: a resident searching "身份证" finds
 * 居民身份证换领 beside the news. {@link Catalogue} tells the index of every change by event.
 */
@Component
class CatalogueDocuments implements PublicDocuments {

	private final JdbcClient jdbc;

	CatalogueDocuments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public SearchKind kind() {
		return SearchKind.SERVICE;
	}

	@Override
	public Set<String> visible(Collection<String> refs) {
		return new HashSet<>(jdbc.sql("select id::text from catalogue_item where id = any(:ids)")
			.param("ids", Documents.ids(refs)).query(String.class).list());
	}

	@Override
	public List<PublicDocument> page(String after, int size) {
		return jdbc.sql("select id, city_code, code, name, department, level, region_code, region_path, how_to_apply,"
				+ " online_link, materials, time_limit_days, fee, scopes, partners, updated_at, updated_by, version"
				+ " from catalogue_item where id > :after order by id limit :size")
			.param("after", Documents.after(after)).param("size", size).query(Catalogue.ROW).list().stream()
			.map(CatalogueDocuments::document).toList();
	}

	/** What the public finds of an item: its name, department, materials and how to apply. */
	static PublicDocument document(CatalogueItem item) {
		return new PublicDocument(SearchKind.SERVICE, String.valueOf(item.id()), item.regionPath(), item.name(),
				item.department(), "/services/" + UriUtils.encodePathSegment(item.code(), StandardCharsets.UTF_8),
				item.department() + "\n" + item.materials() + "\n" + item.howToApply(),
				item.updatedAt() == null ? null : item.updatedAt().toInstant());
	}
}

package cc.marix.reseller.catalog;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The seed's category listing: a page, its limit, and the cursor of the next page (null on the last). */
@RegisterForReflection
public record CategoryPage(List<CategoryView> items, int limit, String nextCursor) {
}

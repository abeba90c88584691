package cc.marix.reseller.catalog;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The seed's product listing: a page, its limit and offset, and how many products match in all. */
@RegisterForReflection
public record ProductPage(List<ProductView> items, int limit, int offset, int total) {
}

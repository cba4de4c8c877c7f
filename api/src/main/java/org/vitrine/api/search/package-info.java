/**
 * The search protocol of the API and the query side of search: the searcher over the Lucene index
 * that {@code org.vitrine.core.search.SearchIndexWriter} writes (query parser, facets, snippets,
 * parameter ranges, the result cache, a live swap when the index is rebuilt) and its routes.
 */
package org.vitrine.api.search;

/**
 * Search over the published datasets, the part the build owns: the schema (fields, analysis,
 * facets), the search view of a dataset, and both index writers fed by the same analyzers: the
 * Lucene index the API searches ({@code org.vitrine.api.search}) and the chunked static index
 * the site's search page reads when no API is configured. The dataset JSON record lives here too.
 */
package org.vitrine.core.search;

/**
 * Search over the published datasets: the schema shared by the Lucene index writer and the
 * searcher, the searcher itself (facets, highlighting, parameter ranges in SI, suggestions, a
 * live swap when the index is rebuilt), the dataset JSON record, and the compact static index
 * that the site's search page reads when no API is configured.
 */
package org.vitrine.core.search;

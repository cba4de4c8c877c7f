/** The search protocol of the API: full-text and faceted search, suggestions and dataset records. */
package org.vitrine.api.search;

/**
 * FAIR metadata exports of a dataset: citation text, BibTeX, RIS, DataCite JSON and schema.org
 * JSON-LD. Pages, downloads and the API all use these, so a dataset is described one way.
 */
package org.vitrine.core.fair;

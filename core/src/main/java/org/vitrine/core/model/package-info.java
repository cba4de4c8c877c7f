/**
 * The dataset model: plain immutable records that flow one way from curated content to every
 * output (pages, thumbnails, indexes, exports, API responses).
 */
package org.vitrine.core.model;

/**
 * Units of experimental parameters and their conversion to SI, shared by search (range filters
 * across units) and pages (showing values).
 */
package org.vitrine.core.units;

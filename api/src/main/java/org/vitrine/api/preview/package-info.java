/**
 * Pictures and volumes of the published data for viewers: PNG map tiles ({@code /api/tiles/}) and
 * Neuroglancer precomputed volumes ({@code /api/precomputed/}), read through the chunk cache the
 * data API shares.
 */
package org.vitrine.api.preview;

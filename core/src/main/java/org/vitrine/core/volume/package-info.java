/**
 * Datasets as Neuroglancer precomputed volumes: the {@code info} file and pyramid
 * ({@link org.vitrine.core.volume.PrecomputedVolume}), chunk bytes computed from hyperslabs
 * ({@link org.vitrine.core.volume.ChunkMaker}) and the choice of chunks for a static bake within a
 * size budget ({@link org.vitrine.core.volume.BakePlan}). The API and the generator call the same
 * code, so they publish the same bytes.
 */
package org.vitrine.core.volume;

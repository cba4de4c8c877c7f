package org.vitrine.core.volume;

/**
 * One chunk of a scale: voxels {@code [x0, x1) × [y0, y1) × [z0, z1)} at that scale's resolution.
 * Edge chunks are truncated to the volume, as the format requires.
 */
public record ChunkBox(PrecomputedScale scale, long x0, long x1, long y0, long y1, long z0, long z1) {

    /** The chunk's file name, {@code x0-x1_y0-y1_z0-z1}. */
    public String name() {
        return x0 + "-" + x1 + "_" + y0 + "-" + y1 + "_" + z0 + "-" + z1;
    }

    /** The chunk's path below the volume's root: {@code <key>/<name>}. */
    public String path() {
        return scale.key() + "/" + name();
    }

    /** Number of voxels in the chunk. */
    public long voxels() {
        return (x1 - x0) * (y1 - y0) * (z1 - z0);
    }
}

package org.vitrine.core.volume;

import java.util.ArrayList;
import java.util.List;

/**
 * The chunks of a precomputed volume to write into the static site within a byte budget.
 *
 * <p>Whole scales are taken from the coarsest up while they fit, so a dataset too large for the
 * budget still gets an overview; a scale is never half written, since a viewer would show holes.
 * {@link #volume()} lists only the scales taken: write its {@link PrecomputedVolume#info()} with
 * the chunks, so viewers of the static site never ask for a chunk that is not there. The chunk
 * bytes are the same as the API's; only the static info may list fewer scales.
 *
 * @param volume the volume restricted to the planned scales (may have none)
 * @param chunks the chunks to write, coarsest scale first
 * @param bytes  total size of those chunks
 */
public record BakePlan(PrecomputedVolume volume, List<ChunkBox> chunks, long bytes) {

    /** The plan for {@code volume} within {@code budgetBytes}. */
    public static BakePlan within(PrecomputedVolume volume, long budgetBytes) {
        List<PrecomputedScale> kept = new ArrayList<>();
        List<ChunkBox> chunks = new ArrayList<>();
        long total = 0;
        List<PrecomputedScale> scales = volume.scales();
        for (int i = scales.size() - 1; i >= 0; i--) {
            PrecomputedScale s = scales.get(i);
            long bytes = s.voxels() * volume.dataType().bytes();
            if (total + bytes > budgetBytes) {
                break;
            }
            total += bytes;
            kept.add(s);
            chunks.addAll(volume.chunks(s));
        }
        return new BakePlan(volume.withScales(kept), List.copyOf(chunks), total);
    }

    /** True when not even the coarsest scale fits: publish no precomputed tree. */
    public boolean isEmpty() {
        return chunks.isEmpty();
    }
}

package org.vitrine.core.hdf5;

import io.jhdf.filter.FilterManager;
import io.jhdf.filter.FilterPipeline;
import io.jhdf.object.message.FilterPipelineMessage.FilterInfo;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes stored chunks through a dataset's filter pipeline. Deflate, the common case, is
 * inflated here into buffers of the known chunk size; every other filter goes through jHDF's
 * filters, which include those registered through its {@code ServiceLoader} plug-in point
 * ({@link BloscFilter} here). A filter that cannot be decoded is found before any data is read,
 * so the error names it.
 */
final class FilterChain {

    /** One filter as the file declares it. */
    record Declared(int id, String name, int[] data) {
    }

    /** Names the HDF5 library gives its own filters (they are not stored in the file). */
    private static final Map<Integer, String> LIBRARY_NAMES = Map.of(
            1, "deflate", 2, "shuffle", 3, "fletcher32", 4, "szip", 5, "nbit", 6, "scaleoffset");
    /** Well-known registered filters, to name them when a file does not. */
    private static final Map<Integer, String> REGISTERED_NAMES = Map.of(
            305, "lzo", 307, "bzip2", 32000, "lzf", 32001, "blosc", 32004, "lz4", 32008, "bitshuffle",
            32013, "zfp", 32015, "zstd", 32026, "blosc2");

    private final List<Declared> filters;
    private final int decodedSize;
    private final Map<BitSet, List<Step>> stepsByMask = new ConcurrentHashMap<>();

    private interface Step {
        byte[] decode(byte[] in);
    }

    FilterChain(List<FilterInfo> infos, int decodedSize) {
        List<Declared> list = new ArrayList<>();
        for (FilterInfo info : infos) {
            list.add(new Declared(info.getId(), nameOf(info.getId(), info.getName()), info.getData()));
        }
        this.filters = List.copyOf(list);
        this.decodedSize = decodedSize;
    }

    /**
     * A filter's name as the HDF5 library reports it: its own name for its own filters, else
     * the name stored in the file, else none (jHDF says "undefined" when none is stored).
     */
    static String nameOf(int id, String stored) {
        if (id < 256 && LIBRARY_NAMES.containsKey(id)) {
            return LIBRARY_NAMES.get(id);
        }
        return stored == null || stored.equals("undefined") ? "" : stored;
    }

    List<Declared> filters() {
        return filters;
    }

    boolean isEmpty() {
        return filters.isEmpty();
    }

    private volatile Optional<Declared> unsupported;

    /**
     * The first filter that cannot be decoded, or null when all can (found once per dataset).
     */
    Declared firstUnsupported() {
        Optional<Declared> u = unsupported;
        if (u == null) {
            u = Optional.ofNullable(findUnsupported());
            unsupported = u;
        }
        return u.orElse(null);
    }

    private Declared findUnsupported() {
        for (Declared f : filters) {
            if (f.id == 1) {
                continue;
            }
            try {
                FilterManager.getPipeline(List.of(new FilterInfo(f.id, f.name, false, f.data)));
            } catch (RuntimeException e) {
                return f;
            }
        }
        return null;
    }

    /** A short label for a filter, for messages: {@code blosc (id 32001)}. */
    static String label(Declared f) {
        String name = !f.name.isEmpty() ? f.name : REGISTERED_NAMES.getOrDefault(f.id, "unnamed filter");
        int semicolon = name.indexOf(';');
        return (semicolon > 0 ? name.substring(0, semicolon) : name) + " (id " + f.id + ")";
    }

    /** True when deflate is the only filter applied to a chunk stored with {@code mask}. */
    boolean inflatesOnly(BitSet mask) {
        return filters.size() == 1 && filters.get(0).id == 1 && (mask == null || !mask.get(0));
    }

    /**
     * Decodes one stored chunk; {@code mask} bit i set means filter i was skipped for this chunk.
     */
    byte[] decode(byte[] stored, BitSet mask) {
        BitSet m = mask == null ? new BitSet() : mask;
        byte[] data = stored;
        List<Step> steps = stepsByMask.computeIfAbsent(m, this::steps);
        for (Step step : steps) {
            data = step.decode(data);
        }
        return data;
    }

    /** Decode steps, last filter first. */
    private List<Step> steps(BitSet mask) {
        List<Step> steps = new ArrayList<>();
        for (int i = filters.size() - 1; i >= 0; i--) {
            if (mask.get(i)) {
                continue;
            }
            Declared f = filters.get(i);
            if (f.id == 1) {
                steps.add(in -> ChunkInflater.get().inflate(in, Integer.MAX_VALUE, decodedSize));
            } else {
                FilterPipeline pipeline = FilterManager.getPipeline(List.of(new FilterInfo(f.id, f.name, false, f.data)));
                steps.add(pipeline::decode);
            }
        }
        return steps;
    }
}

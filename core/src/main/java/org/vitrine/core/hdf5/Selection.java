package org.vitrine.core.hdf5;

import java.util.Arrays;

/**
 * A regular hyperslab of a dataset, as NumPy indexes it: per dimension a start, a count and a
 * positive step, and whether the dimension was picked by a single integer (and so is dropped
 * from the result's shape). Indices are longs, so datasets longer than 2^31 work.
 */
public final class Selection {

    private final long[] start;
    private final long[] count;
    private final long[] step;
    private final boolean[] dropped;

    private Selection(long[] start, long[] count, long[] step, boolean[] dropped) {
        this.start = start;
        this.count = count;
        this.step = step;
        this.dropped = dropped;
    }

    /** Every element of a dataset of this shape. */
    public static Selection all(long[] shape) {
        long[] step = new long[shape.length];
        Arrays.fill(step, 1);
        return new Selection(new long[shape.length], shape.clone(), step, new boolean[shape.length]);
    }

    /**
     * A hyperslab given as offset, count and step (step null for 1), checked against
     * {@code shape}; no dimension is dropped.
     *
     * @throws Hdf5Exception of kind BAD_SELECTION when it does not fit
     */
    public static Selection of(long[] shape, long[] offset, int[] count, int[] step) {
        if (offset.length != shape.length || count.length != shape.length || (step != null && step.length != shape.length)) {
            throw bad("offset, count and step must have one value for each of the " + shape.length + " dimensions");
        }
        long[] s = new long[shape.length];
        long[] c = new long[shape.length];
        long[] st = new long[shape.length];
        for (int d = 0; d < shape.length; d++) {
            st[d] = step == null ? 1 : step[d];
            if (st[d] < 1 || count[d] < 0 || offset[d] < 0
                    || (count[d] > 0 && lastIndex(offset[d], count[d], st[d]) >= shape[d])) {
                throw bad("offset " + Arrays.toString(offset) + ", count " + Arrays.toString(count)
                        + (step == null ? "" : ", step " + Arrays.toString(step)) + " does not fit shape " + Arrays.toString(shape));
            }
            s[d] = offset[d];
            c[d] = count[d];
        }
        return new Selection(s, c, st, new boolean[shape.length]);
    }

    /**
     * Parses a NumPy-like selection: comma-separated members, each an integer (negative counts
     * from the end) or {@code start:stop[:step]} with any part omitted; dimensions not named are
     * taken whole. Null or blank selects everything.
     *
     * @throws Hdf5Exception of kind BAD_SELECTION for text that does not parse or does not fit
     */
    public static Selection parse(String text, long[] shape) {
        if (text == null || text.isBlank()) {
            return all(shape);
        }
        String[] members = text.split(",", -1);
        if (members.length > shape.length) {
            throw bad(text + " has too many members to slice a " + shape.length + "D dataset");
        }
        long[] s = new long[shape.length];
        long[] c = new long[shape.length];
        long[] st = new long[shape.length];
        boolean[] dr = new boolean[shape.length];
        for (int d = 0; d < shape.length; d++) {
            long n = shape[d];
            String m = d < members.length ? members[d].trim() : ":";
            if (!m.contains(":")) {
                long i = number(m, text);
                long index = i < 0 ? i + n : i;
                if (index < 0 || index >= n) {
                    throw bad("Index " + i + " is out of range for axis " + d + " with size " + n);
                }
                s[d] = index;
                c[d] = 1;
                st[d] = 1;
                dr[d] = true;
                continue;
            }
            String[] parts = m.split(":", -1);
            if (parts.length > 3) {
                throw bad(m + " is not a valid slice");
            }
            long step = parts.length == 3 && !parts[2].isBlank() ? number(parts[2], text) : 1;
            if (step < 1) {
                throw bad("Step must be a positive integer in " + text);
            }
            long from = parts[0].isBlank() ? 0 : clamp(number(parts[0], text), n);
            long to = parts[1].isBlank() ? n : clamp(number(parts[1], text), n);
            s[d] = from;
            // (to - from - 1) / step + 1 elements: never overflows, however large the step.
            c[d] = to > from ? (to - from - 1) / step + 1 : 0;
            st[d] = step;
        }
        return new Selection(s, c, st, dr);
    }

    /** The index of the last of {@code count} elements from {@code start} by {@code step}; Long.MAX_VALUE past it. */
    private static long lastIndex(long start, long count, long step) {
        try {
            return Math.addExact(start, Math.multiplyExact(count - 1, step));
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long clamp(long i, long n) {
        long v = i < 0 ? i + n : i;
        return Math.max(0, Math.min(n, v));
    }

    /** Digits 0-9 only (Java's parser, like Python's, also takes other scripts' digits, such as ١). */
    private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("[+-]?[0-9]+");

    private static long number(String s, String text) {
        String t = s.trim();
        try {
            if (INTEGER.matcher(t).matches()) {
                return Long.parseLong(t);
            }
        } catch (NumberFormatException e) {
            // Too large for a long: not an index of any dataset.
        }
        throw bad("'" + t + "' is not an integer in selection " + text);
    }

    private static Hdf5Exception bad(String message) {
        return new Hdf5Exception(Hdf5Exception.Kind.BAD_SELECTION, message);
    }

    /** Number of dimensions of the dataset. */
    public int rank() {
        return start.length;
    }

    public long start(int d) {
        return start[d];
    }

    public long count(int d) {
        return count[d];
    }

    public long step(int d) {
        return step[d];
    }

    /** The shape of the result: the counts of the dimensions that were not picked by an integer. */
    public long[] resultShape() {
        int n = 0;
        for (boolean b : dropped) {
            if (!b) {
                n++;
            }
        }
        long[] shape = new long[n];
        int j = 0;
        for (int d = 0; d < start.length; d++) {
            if (!dropped[d]) {
                shape[j++] = count[d];
            }
        }
        return shape;
    }

    /** Number of selected elements. */
    public long size() {
        long n = 1;
        for (long c : count) {
            n = Math.multiplyExact(n, c);
        }
        return n;
    }

    /** The same selection with dimension {@code d} restricted to {@code n} of its selected elements from the {@code first}-th. */
    Selection restrict(int d, long first, long n) {
        long[] s = start.clone();
        long[] c = count.clone();
        s[d] = start[d] + first * step[d];
        c[d] = n;
        return new Selection(s, c, step.clone(), dropped.clone());
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int d = 0; d < start.length; d++) {
            if (d > 0) {
                b.append(',');
            }
            if (dropped[d]) {
                b.append(start[d]);
            } else {
                long last = count[d] == 0 ? start[d] - 1 : lastIndex(start[d], count[d], step[d]);
                b.append(start[d]).append(':').append(last == Long.MAX_VALUE ? last : last + 1);
                if (step[d] != 1) {
                    b.append(':').append(step[d]);
                }
            }
        }
        return b.toString();
    }
}

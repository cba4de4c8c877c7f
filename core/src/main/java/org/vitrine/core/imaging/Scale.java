package org.vitrine.core.imaging;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How values are spread over a colormap between a window's ends.
 *
 * <p>A value {@code v} in window [min, max] is normalised to
 * {@code t = (f(v) - f(min)) / (f(max) - f(min))}, clamped to [0, 1], where {@code f} is the
 * identity (linear), {@code log10} (log) or {@code sign(v)·sqrt(|v|)} (sqrt). The browser viewers
 * use the same formulas so a tile and a canvas agree.
 *
 * <p>Log: zero and negative values have no logarithm; they are valid data (empty detector pixels)
 * and take the lowest colour. A log window must be positive; {@link Window#auto} picks one from the
 * positive values only.
 */
public enum Scale {
    LINEAR, LOG, SQRT;

    /** The scale called {@code name} (case-insensitive): linear, log or sqrt. */
    public static Scale named(String name) {
        for (Scale s : values()) {
            if (s.id().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scale '" + name + "'; known: "
                + Arrays.stream(values()).map(Scale::id).collect(Collectors.joining(", ")));
    }

    /** The lower-case name used in front matter and URLs. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code f(v)}: the value on this scale; for log, zero and negatives give −∞. */
    public double apply(double v) {
        switch (this) {
            case LOG:
                return v > 0 ? Math.log10(v) : Double.NEGATIVE_INFINITY;
            case SQRT:
                return Math.copySign(Math.sqrt(Math.abs(v)), v);
            default:
                return v;
        }
    }

    /** True when {@code v} can set a window end on this scale: finite, and positive for log. */
    public boolean admits(double v) {
        return Double.isFinite(v) && (this != LOG || v > 0);
    }
}

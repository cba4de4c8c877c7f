package org.vitrine.core.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowTest {

    /** 0, 1, …, 1000 shuffled, plus values that must be ignored: NaN, ±Inf and masked outliers. */
    private static Plane rampWithJunk() {
        int n = 1001;
        float[] v = new float[n + 5];
        boolean[] mask = new boolean[v.length];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        v[n] = Float.NaN;
        v[n + 1] = Float.POSITIVE_INFINITY;
        v[n + 2] = Float.NEGATIVE_INFINITY;
        v[n + 3] = 1e9f;
        v[n + 4] = -1e9f;
        mask[n + 3] = true;
        mask[n + 4] = true;
        Random r = new Random(42);
        for (int i = v.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            float t = v[i]; v[i] = v[j]; v[j] = t;
            boolean m = mask[i]; mask[i] = mask[j]; mask[j] = m;
        }
        return Plane.of(v.length, 1, v).withMask(mask);
    }

    @Test
    void autoWindowIsTheHalfPercentTailsOfValidPixels() {
        // For 0..1000 the p-th percentile (linear interpolation) is exactly 10 p.
        Window w = Window.auto(Scale.LINEAR, rampWithJunk());
        assertEquals(5.0, w.min(), 1e-9);
        assertEquals(995.0, w.max(), 1e-9);
        Window quartiles = Window.percentiles(Scale.SQRT, 25, 75, rampWithJunk());
        assertEquals(250.0, quartiles.min(), 1e-9);
        assertEquals(750.0, quartiles.max(), 1e-9);
    }

    @Test
    void logWindowUsesOnlyPositiveValues() {
        // Positive values are 1..1000: rank 0.005 × 999 = 4.995 above the first.
        Window w = Window.auto(Scale.LOG, rampWithJunk());
        assertEquals(1 + 4.995, w.min(), 1e-9);
        assertEquals(1 + 0.995 * 999, w.max(), 1e-9);
    }

    @Test
    void windowSpansSeveralPlanes() {
        Plane low = Plane.of(2, 1, new float[] {0, 1});
        Plane high = Plane.of(2, 1, new float[] {2, 3});
        Window w = Window.percentiles(Scale.LINEAR, 0, 100, low, high);
        assertEquals(0, w.min());
        assertEquals(3, w.max());
    }

    @Test
    void planesWithoutUsablePixelsGetAUsableDefault() {
        Plane zeros = Plane.of(2, 2, new float[4]);
        assertEquals(new Window(1, 10), Window.auto(Scale.LOG, zeros));
        Plane nan = Plane.of(1, 1, new float[] {Float.NaN});
        assertEquals(new Window(0, 1), Window.auto(Scale.LINEAR, nan));
    }

    @Test
    void invalidWindowsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Window(2, 1));
        assertThrows(IllegalArgumentException.class, () -> new Window(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> Window.percentiles(Scale.LINEAR, 60, 40));
    }
}

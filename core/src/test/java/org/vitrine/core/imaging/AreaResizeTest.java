package org.vitrine.core.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AreaResizeTest {

    @Test
    void halvingAveragesEachTwoByTwoBlock() {
        float[] v = {
                1, 2, 3, 4,
                5, 6, 7, 8,
                9, 10, 11, 12,
                13, 14, 15, 16};
        Plane half = AreaResize.to(Plane.of(4, 4, v), 2, 2);
        assertArrayEquals(new float[] {3.5f, 5.5f, 11.5f, 13.5f}, half.values());
    }

    @Test
    void fractionalCoverageIsWeighted() {
        // Three pixels into two: each output covers 1.5 inputs.
        Plane out = AreaResize.to(Plane.of(3, 1, new float[] {3, 6, 9}), 2, 1);
        assertEquals((3 + 0.5 * 6) / 1.5, out.value(0, 0), 1e-6);
        assertEquals((0.5 * 6 + 9) / 1.5, out.value(1, 0), 1e-6);
    }

    @Test
    void meanIsPreservedOnRandomData() {
        Random r = new Random(7);
        float[] v = new float[120 * 90];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 1000;
            sum += v[i];
        }
        Plane small = AreaResize.to(Plane.of(120, 90, v), 40, 30);
        double smallSum = 0;
        for (float f : small.values()) {
            smallSum += f;
        }
        assertEquals(sum / v.length, smallSum / small.values().length, 1e-3);
        // And each output pixel is exactly the mean of its 3×3 block.
        double block = 0;
        for (int y = 3; y < 6; y++) {
            for (int x = 6; x < 9; x++) {
                block += v[y * 120 + x];
            }
        }
        assertEquals(block / 9, small.value(2, 1), 1e-3);
    }

    @Test
    void invalidPixelsAreLeftOutAndAllInvalidStaysInvalid() {
        float[] v = {1, 100, 5, 6, 3, Float.NaN, 7, 8};
        boolean[] mask = {false, true, true, true, false, false, false, false};
        Plane out = AreaResize.to(Plane.of(4, 2, v).withMask(mask), 2, 1);
        // Left block: 1 and 3 are valid (100 masked, NaN ignored).
        assertEquals(2, out.value(0, 0), 1e-6);
        // Right block: 5, 6 masked; 7, 8 valid.
        assertEquals(7.5, out.value(1, 0), 1e-6);
        Plane allMasked = AreaResize.to(Plane.of(2, 2, new float[4]).withMask(new boolean[] {true, true, true, true}), 1, 1);
        assertTrue(allMasked.isInvalid(0));
    }

    @Test
    void enlargingByTwoRepeatsPixels() {
        Plane big = AreaResize.to(Plane.of(2, 1, new float[] {1, 2}), 4, 2);
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2}, big.values());
    }

    @Test
    void fitReducesExactlyAndEnlargesByWholeFactors() {
        Plane p = AreaResize.fit(Plane.of(100, 50, new float[5000]), 20);
        assertEquals(20, p.width());
        assertEquals(10, p.height());
        Plane thin = AreaResize.fit(Plane.of(1, 5000, new float[5000]), 256);
        assertEquals(1, thin.width());
        assertEquals(256, thin.height());
        Plane small = AreaResize.fit(Plane.of(100, 50, new float[5000]), 299);
        assertEquals(200, small.width(), "2×, not 2.99×");
        assertEquals(100, small.height());
    }
}

package org.vitrine.core.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColorMapperTest {

    @Test
    void linearFollowsMatplotlibsIndexRule() {
        ColorMapper m = new ColorMapper(Colormap.GRAY, Scale.LINEAR, new Window(0, 1));
        assertEquals(0, m.level(0));
        assertEquals(0, m.level(1.0 / 256 - 1e-9));
        assertEquals(1, m.level(1.0 / 256 + 1e-9));
        assertEquals(128, m.level(0.5));
        assertEquals(255, m.level(255.0 / 256));
        assertEquals(254, m.level(255.0 / 256 - 1e-9));
        assertEquals(255, m.level(1));
        assertEquals(0, m.level(-3));
        assertEquals(255, m.level(7));
        assertEquals(255, m.level(Double.POSITIVE_INFINITY));
        assertEquals(0, m.level(Double.NEGATIVE_INFINITY));
    }

    @Test
    void logSpreadsDecadesEvenlyAndPutsZerosAndNegativesAtTheBottom() {
        ColorMapper m = new ColorMapper(Colormap.INFERNO, Scale.LOG, new Window(1, 1000));
        assertEquals(0, m.level(1));
        assertEquals((int) Math.floor(256.0 / 3 + 1e-9), m.level(10.0001));
        assertEquals((int) Math.floor(512.0 / 3), m.level(100.0001));
        assertEquals(255, m.level(1000));
        assertEquals(0, m.level(0));
        assertEquals(0, m.level(-5));
        assertEquals(0, m.level(0.5));
    }

    @Test
    void logRefusesAWindowThatIsNotPositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ColorMapper(Colormap.GRAY, Scale.LOG, new Window(0, 10)));
        assertTrue(e.getMessage().contains("log scale needs a window above zero"), e.getMessage());
    }

    @Test
    void sqrtStretchesTheLowEnd() {
        ColorMapper m = new ColorMapper(Colormap.GRAY, Scale.SQRT, new Window(0, 100));
        assertEquals(128, m.level(25));
        assertEquals((int) Math.floor(256 * 0.1), m.level(1));
        assertEquals(0, m.level(-4));
        ColorMapper symmetric = new ColorMapper(Colormap.GRAY, Scale.SQRT, new Window(-100, 100));
        assertEquals(128, symmetric.level(0));
        assertEquals(64, symmetric.level(-25));
    }

    @Test
    void flatWindowDrawsEverythingInTheFirstColour() {
        ColorMapper m = new ColorMapper(Colormap.GRAY, Scale.LINEAR, new Window(5, 5));
        assertEquals(0, m.level(5));
        assertEquals(0, m.level(6));
    }

    @Test
    void maskedAndNanPixelsAreTransparent() {
        float[] v = {0, 1, Float.NaN, 3, 4, 5};
        boolean[] mask = {false, true, false, false, false, false};
        ColorImage img = new ColorMapper(Colormap.VIRIDIS, Scale.LINEAR, new Window(0, 5))
                .render(Plane.of(3, 2, v).withMask(mask));
        assertFalse(img.isTransparent(0, 0));
        assertTrue(img.isTransparent(1, 0));
        assertTrue(img.isTransparent(2, 0));
        assertEquals(0, img.argb(1, 0));
        assertEquals(0xff000000 | Colormap.VIRIDIS.rgb(0), img.argb(0, 0));
        assertEquals(0xff000000 | Colormap.VIRIDIS.rgb(255), img.argb(2, 1));
        assertEquals((int) (256 * 3 / 5.0), img.level(0, 1));
    }

    @Test
    void cxiMaskMarksNonZeroValuesBad() {
        Plane p = Plane.of(2, 2, new float[] {1, 2, 3, 4}).withCxiMask(new float[] {0, 1, 0, 4096});
        assertFalse(p.isInvalid(0));
        assertTrue(p.isInvalid(1));
        assertFalse(p.isInvalid(2));
        assertTrue(p.isInvalid(3));
    }
}

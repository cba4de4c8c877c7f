package org.vitrine.core.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ColormapTest {

    /** Entries as printed in matplotlib's _cm_listed.py (first, 128th and last). */
    @ParameterizedTest
    @CsvSource({
            "viridis, 0, 0.267004, 0.004874, 0.329415",
            "viridis, 127, 0.128729, 0.563265, 0.551229",
            "viridis, 255, 0.993248, 0.906157, 0.143936",
            "magma, 0, 0.001462, 0.000466, 0.013866",
            "magma, 127, 0.709962, 0.212797, 0.477201",
            "magma, 255, 0.987053, 0.991438, 0.749504",
            "inferno, 0, 0.001462, 0.000466, 0.013866",
            "inferno, 127, 0.729909, 0.212759, 0.333861",
            "inferno, 255, 0.988362, 0.998364, 0.644924",
            "cividis, 0, 0.000000, 0.135112, 0.304751",
            "cividis, 127, 0.485141, 0.482451, 0.470384",
            "cividis, 255, 0.995737, 0.909344, 0.217772",
    })
    void entriesMatchMatplotlib(String name, int index, double r, double g, double b) {
        int rgb = Colormap.named(name).rgb(index);
        assertEquals(Math.round(r * 255), rgb >> 16 & 0xff, "red");
        assertEquals(Math.round(g * 255), rgb >> 8 & 0xff, "green");
        assertEquals(Math.round(b * 255), rgb & 0xff, "blue");
    }

    @Test
    void grayIsTheIdentityRamp() {
        for (int i = 0; i < 256; i++) {
            assertEquals(i << 16 | i << 8 | i, Colormap.GRAY.rgb(i));
        }
    }

    @Test
    void perceptualMapsRiseInLightness() {
        // The point of these maps: luminance grows monotonically (allowing rounding noise).
        for (Colormap c : new Colormap[] {Colormap.VIRIDIS, Colormap.INFERNO, Colormap.MAGMA, Colormap.CIVIDIS}) {
            double previous = -1;
            for (int i = 0; i < 256; i += 8) {
                int rgb = c.rgb(i);
                double y = 0.2126 * (rgb >> 16 & 0xff) + 0.7152 * (rgb >> 8 & 0xff) + 0.0722 * (rgb & 0xff);
                assertTrue(y > previous - 1, c + " at " + i);
                previous = y;
            }
        }
    }

    @Test
    void paletteHoldsTheSameEntries() {
        byte[] p = Colormap.MAGMA.palette();
        assertEquals(768, p.length);
        for (int i = 0; i < 256; i++) {
            int rgb = (p[3 * i] & 0xff) << 16 | (p[3 * i + 1] & 0xff) << 8 | (p[3 * i + 2] & 0xff);
            assertEquals(Colormap.MAGMA.rgb(i), rgb);
        }
    }

    @Test
    void namesAreCaseInsensitiveAndUnknownOnesListTheChoices() {
        assertEquals(Colormap.CIVIDIS, Colormap.named(" Cividis "));
        assertEquals("viridis", Colormap.VIRIDIS.id());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Colormap.named("jet"));
        assertEquals("unknown colormap 'jet'; known: gray, viridis, inferno, magma, cividis", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Scale.named("exp"));
        assertEquals(Scale.SQRT, Scale.named("SQRT"));
    }
}

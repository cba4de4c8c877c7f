package org.vitrine.core.hdf5;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SelectionTest {

    private static final long[] SHAPE = {200, 100, 100};

    @Test
    void parsesNumpyMembers() {
        Selection s = Selection.parse("0,:,:", SHAPE);
        assertArrayEquals(new long[]{100, 100}, s.resultShape());
        Selection t = Selection.parse("5, 40:44 ,::3", SHAPE);
        assertArrayEquals(new long[]{4, 34}, t.resultShape());
        assertEquals(40, t.start(1));
        assertEquals(3, t.step(2));
        assertArrayEquals(new long[]{100, 100}, Selection.parse("-1", SHAPE).resultShape());
        assertEquals(199, Selection.parse("-1", SHAPE).start(0));
        assertArrayEquals(new long[]{0, 100, 100}, Selection.parse("150:100", SHAPE).resultShape(), "empty slices are allowed");
        assertArrayEquals(new long[]{10, 100, 100}, Selection.parse("-10:", SHAPE).resultShape());
        assertArrayEquals(new long[]{200, 100, 100}, Selection.parse(null, SHAPE).resultShape());
    }

    @Test
    void indicesBeyondTwoToThe31() {
        Selection s = Selection.parse("2147483640:2147483700", new long[]{2147483700L});
        assertEquals(2147483640L, s.start(0));
        assertEquals(60, s.size());
    }

    @Test
    void refusesWhatDoesNotFit() {
        for (String bad : new String[]{"200", "-201", "0,0,0,0", "a", "0:5:0", "1:2:3:4", "0,:,-1:x"}) {
            Hdf5Exception e = assertThrows(Hdf5Exception.class, () -> Selection.parse(bad, SHAPE), bad);
            assertEquals(Hdf5Exception.Kind.BAD_SELECTION, e.kind());
        }
        assertThrows(Hdf5Exception.class, () -> Selection.of(SHAPE, new long[]{0, 0, 90}, new int[]{1, 1, 11}, null));
    }
}

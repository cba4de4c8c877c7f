package org.vitrine.core.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BakePlanTest {

    // Scales of a 600 × 40 × 20 uint16 volume: 480,000 / 60,000 / 7,500 voxels.
    private final PrecomputedVolume volume =
            PrecomputedVolume.volume(new long[] {20, 40, 600}, "<u2", new double[] {1, 1, 1});

    private static final long COARSE = 150L * 10 * 5 * 2;
    private static final long MIDDLE = 300L * 20 * 10 * 2;
    private static final long FULL = 600L * 40 * 20 * 2;

    @Test
    void wholeBudgetTakesEveryScaleCoarsestFirst() {
        BakePlan plan = BakePlan.within(volume, COARSE + MIDDLE + FULL);
        assertEquals(COARSE + MIDDLE + FULL, plan.bytes());
        assertEquals(volume.scales(), plan.volume().scales());
        assertEquals("4_4_4", plan.chunks().get(0).scale().key());
        assertEquals("1_1_1", plan.chunks().get(plan.chunks().size() - 1).scale().key());
        assertEquals(plan.bytes(), plan.chunks().stream().mapToLong(c -> c.voxels() * 2).sum());
    }

    @Test
    void tightBudgetKeepsTheOverview() {
        BakePlan plan = BakePlan.within(volume, COARSE + MIDDLE + FULL - 1);
        assertEquals(List.of("2_2_2", "4_4_4"), plan.volume().scales().stream().map(PrecomputedScale::key).toList());
        assertEquals(COARSE + MIDDLE, plan.bytes());
        assertTrue(plan.chunks().stream().noneMatch(c -> c.scale().key().equals("1_1_1")));
        String info = new String(plan.volume().info(), StandardCharsets.UTF_8);
        assertFalse(info.contains("\"1_1_1\""), "the static info lists only baked scales");

        BakePlan overview = BakePlan.within(volume, COARSE);
        assertEquals(List.of("4_4_4"), overview.volume().scales().stream().map(PrecomputedScale::key).toList());
    }

    @Test
    void budgetBelowTheCoarsestScaleBakesNothing() {
        BakePlan plan = BakePlan.within(volume, COARSE - 1);
        assertTrue(plan.isEmpty());
        assertEquals(0, plan.bytes());
        assertTrue(plan.volume().scales().isEmpty());
    }
}

package org.vitrine.api.search;

import org.junit.jupiter.api.Test;
import org.vitrine.core.units.UnitTable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParameterRangeTest {

    private static double si(double v, String unit) {
        return UnitTable.toSi(v, unit).value();
    }

    @Test
    void unitWrittenOnceAppliesToBothBounds() {
        ParameterRange r = ParameterRange.parse("photon_energy:1..2keV");
        assertEquals(new ParameterRange("photon_energy", si(1, "keV"), si(2, "keV")), r);
    }

    @Test
    void eachBoundMayHaveItsUnit() {
        ParameterRange r = ParameterRange.parse("photon_energy:900eV..2keV");
        assertEquals(si(900, "eV"), r.min(), 0.0);
        assertEquals(si(2, "keV"), r.max(), 0.0);
    }

    @Test
    void openEndsAndSingleValues() {
        ParameterRange below = ParameterRange.parse("wavelength:..1nm");
        assertEquals(Double.NEGATIVE_INFINITY, below.min(), 0.0);
        assertEquals(1e-9, below.max(), 0.0);
        ParameterRange above = ParameterRange.parse("Temperature:100K..");
        assertEquals("temperature", above.name());
        assertEquals(Double.POSITIVE_INFINITY, above.max(), 0.0);
        ParameterRange unitAfterDots = ParameterRange.parse("voxel_size:20..um");
        assertEquals(new ParameterRange("voxel_size", si(20, "um"), Double.POSITIVE_INFINITY), unitAfterDots);
        assertEquals(new ParameterRange("voxel_size", Double.NEGATIVE_INFINITY, si(5, "um")), ParameterRange.parse("voxel_size:..5um"));
        assertTrue(assertThrows(InvalidQueryException.class, () -> ParameterRange.parse("voxel_size:..um"))
                .getMessage().contains("not of the form"));
        assertTrue(assertThrows(InvalidQueryException.class, () -> ParameterRange.parse("voxel_size:20..keV"))
                .getMessage().contains("voxel_size measures length"));
        ParameterRange exact = ParameterRange.parse("photon_energy:1.2keV");
        assertEquals(si(1200, "eV"), exact.min(), 0.0);
        assertEquals(exact.min(), exact.max(), 0.0);
    }

    @Test
    void badRangesSayWhatIsWrong() {
        assertTrue(assertThrows(InvalidQueryException.class, () -> ParameterRange.parse("photon_energy"))
                .getMessage().contains("name:min..maxUNIT"));
        assertTrue(assertThrows(InvalidQueryException.class, () -> ParameterRange.parse("photon_energy:1..2parsec"))
                .getMessage().contains("unknown unit 'parsec'"));
        assertTrue(assertThrows(InvalidQueryException.class, () -> ParameterRange.parse("photon_energy:3..2keV"))
                .getMessage().contains("lower bound above"));
    }

    @Test
    void wellKnownParametersTakeOnlyUnitsOfWhatTheyMeasure() {
        // A wavelength range on an energy would compare metres with joules and find nothing.
        assertTrue(assertThrows(InvalidQueryException.class, () -> ParameterRange.parse("photon_energy:0.1..0.2nm"))
                .getMessage().contains("photon_energy measures energy, so its bounds need one of J, kJ, meV, eV, keV"));
        assertTrue(assertThrows(InvalidQueryException.class, () -> ParameterRange.parse("wavelength:1..2"))
                .getMessage().contains("wavelength measures length"));
        assertEquals(300.0, ParameterRange.parse("temperature:300K").min());
        assertEquals(2.0, ParameterRange.parse("frames:2").min(), "a name that says nothing takes any unit");
    }
}

package org.vitrine.core.search;

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
}

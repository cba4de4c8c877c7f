package org.vitrine.core.units;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UnitTableTest {

    @Test
    void equalEnergiesInDifferentUnitsGiveTheSameDouble() {
        UnitTable.SiValue kev = UnitTable.toSi(1.2, "keV");
        UnitTable.SiValue ev = UnitTable.toSi(1200, "eV");
        assertEquals(ev.value(), kev.value(), 0.0);
        assertEquals(UnitTable.Quantity.ENERGY, kev.quantity());
        assertEquals("J", kev.unit());
        assertEquals(1.2e3 * 1.602176634e-19, kev.value(), 1e-30);
    }

    @Test
    void lengthsConvertToMetres() {
        assertEquals(UnitTable.toSi(0.1, "nm").value(), UnitTable.toSi(1, "Å").value(), 0.0);
        assertEquals(UnitTable.toSi(1, "Å").value(), UnitTable.toSi(1, "angstrom").value(), 0.0);
        assertEquals(55e-6, UnitTable.toSi(55, "µm").value(), 0.0);
        assertEquals(UnitTable.toSi(55, "um").value(), UnitTable.toSi(55, "μm").value(), 0.0);
        assertEquals(1.12, UnitTable.toSi(1120, "mm").value(), 0.0);
    }

    @Test
    void celsiusIsShiftedNotScaled() {
        assertEquals(298.15, UnitTable.toSi(25, "°C").value(), 1e-12);
        assertEquals(25, UnitTable.fromSi(298.15, "°C"), 1e-12);
        assertEquals(UnitTable.Quantity.TEMPERATURE, UnitTable.toSi(4, "K").quantity());
    }

    @Test
    void fromSiInvertsToSi() {
        assertEquals(12.658, UnitTable.fromSi(UnitTable.toSi(12.658, "keV").value(), "keV"), 1e-12);
        assertEquals(0.124, UnitTable.fromSi(UnitTable.toSi(0.124, "nm").value(), "nm"), 1e-15);
    }

    @Test
    void unknownUnitsAreNamedInTheError() {
        assertFalse(UnitTable.isKnown("furlong"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnitTable.toSi(1, "furlong"));
        assertTrue(e.getMessage().contains("'furlong'"), e.getMessage());
        assertTrue(UnitTable.isKnown(""));
        assertTrue(UnitTable.isKnown(" keV "));
    }
}

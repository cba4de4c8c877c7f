package org.vitrine.api.search;

import org.vitrine.core.units.UnitTable;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A range filter on an experimental parameter, written {@code photon_energy:1..2keV}: bounds in
 * SI, inclusive, either side open ({@code wavelength:..1nm}, {@code temperature:100K..}, or with
 * the unit after the dots, {@code voxel_size:20..um}). A single value ({@code photon_energy:1200eV})
 * matches exactly that value. A unit written once applies to both bounds.
 *
 * @param name parameter name, lower case
 * @param min  lower bound in SI, or negative infinity
 * @param max  upper bound in SI, or positive infinity
 */
public record ParameterRange(String name, double min, double max) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]*");
    private static final Pattern BOUND = Pattern.compile(
            "\\s*([-+]?(?:\\d+(?:\\.\\d+)?|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*(\\S.*?)?\\s*");
    /** An upper bound that is only a unit: the range is open above, in that unit. */
    private static final Pattern UNIT_ONLY = Pattern.compile("\\s*([^-+.\\d\\s]\\S*)\\s*");

    /**
     * Parses {@code name:min..maxUNIT}.
     *
     * @throws InvalidQueryException when it is not a range or a unit is unknown
     */
    public static ParameterRange parse(String text) {
        String form = "Parameter filter '" + text + "' is not of the form name:min..maxUNIT (for example photon_energy:1..2keV)";
        int colon = text.indexOf(':');
        if (colon < 0 || !NAME.matcher(text.substring(0, colon).strip()).matches()) {
            throw new InvalidQueryException(form);
        }
        String name = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String rest = text.substring(colon + 1);
        int dots = rest.indexOf("..");
        String low = dots < 0 ? rest : rest.substring(0, dots);
        String high = dots < 0 ? null : rest.substring(dots + 2);
        Matcher highUnit = high == null ? null : UNIT_ONLY.matcher(high);
        String openAboveIn = highUnit != null && highUnit.matches() ? highUnit.group(1) : null;
        if (openAboveIn != null) {
            high = null;
        }
        Matcher lowMatch = low.isBlank() ? null : BOUND.matcher(low);
        Matcher highMatch = high == null || high.isBlank() ? null : BOUND.matcher(high);
        if ((lowMatch == null && highMatch == null) || (lowMatch != null && !lowMatch.matches())
                || (highMatch != null && !highMatch.matches())) {
            throw new InvalidQueryException(form);
        }
        String lowUnit = lowMatch == null ? null : lowMatch.group(2);
        String upperUnit = highMatch == null ? openAboveIn : highMatch.group(2);
        String shared = upperUnit != null ? upperUnit : lowUnit;
        double min = lowMatch == null ? Double.NEGATIVE_INFINITY
                : si(text, name, Double.parseDouble(lowMatch.group(1)), lowUnit != null ? lowUnit : shared);
        double max = highMatch == null ? Double.POSITIVE_INFINITY : si(text, name, Double.parseDouble(highMatch.group(1)), shared);
        if (dots < 0) {
            max = min;
        }
        if (min > max) {
            throw new InvalidQueryException("Parameter filter '" + text + "' has its lower bound above its upper bound");
        }
        return new ParameterRange(name, min, max);
    }

    /**
     * A bound in SI. A parameter whose name says what it measures takes only units of that: in
     * another unit, a range would compare different quantities and silently find nothing.
     */
    private static double si(String text, String name, double value, String unit) {
        UnitTable.Unit u = UnitTable.find(unit).orElseThrow(() -> new InvalidQueryException("Parameter filter '" + text
                + "': unknown unit '" + unit + "'; known units: " + String.join(", ", UnitTable.knownSymbols())));
        if (!UnitTable.fits(name, u)) {
            UnitTable.Quantity measured = UnitTable.quantityOf(name).orElseThrow();
            throw new InvalidQueryException("Parameter filter '" + text + "': " + name + " measures " + measured.noun()
                    + ", so its bounds need one of " + String.join(", ", UnitTable.symbolsOf(measured)));
        }
        return UnitTable.toSi(value, unit).value();
    }

}

package org.vitrine.core.units;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The units curators write for experimental parameters, and how each converts to the SI unit of
 * its quantity (energies to joule, lengths to metre, temperatures to kelvin, …). Search indexes
 * parameters in SI so that a range written in one unit finds values written in another, and pages
 * use the same table to show a value in a unit a reader expects.
 *
 * <p>Conversion goes through decimal arithmetic on the value as written, so equal quantities give
 * the identical double: {@code 1.2 keV} and {@code 1200 eV} both become the same number of joules.
 */
public final class UnitTable {

    /** A physical quantity and its SI unit. */
    public enum Quantity {
        ENERGY("J"), LENGTH("m"), TEMPERATURE("K"), TIME("s"), ANGLE("rad"), FREQUENCY("Hz"),
        PRESSURE("Pa"), MAGNETIC_FIELD("T"), DOSE("Gy"), MASS("kg"), CURRENT("A"), DIMENSIONLESS("");

        private final String siUnit;

        Quantity(String siUnit) {
            this.siUnit = siUnit;
        }

        /** The SI unit symbol, "" for dimensionless. */
        public String siUnit() {
            return siUnit;
        }

        /** What it is called in a sentence: "energy", "magnetic field", "a ratio". */
        public String noun() {
            return this == DIMENSIONLESS ? "a ratio" : name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * A unit: its quantity and the affine map to SI ({@code si = value * factor + offset}; the
     * offset is non-zero only for degrees Celsius).
     */
    public record Unit(String symbol, Quantity quantity, BigDecimal factor, BigDecimal offset) {
    }

    /** A value in SI with its quantity. */
    public record SiValue(double value, Quantity quantity) {
        /** The SI unit symbol. */
        public String unit() {
            return quantity.siUnit();
        }
    }

    private static final BigDecimal ELEMENTARY_CHARGE = new BigDecimal("1.602176634e-19");
    private static final Map<String, Unit> UNITS = new LinkedHashMap<>();

    static {
        energy("J", "1");
        energy("kJ", "1e3");
        energy("meV", "1e-3", ELEMENTARY_CHARGE);
        energy("eV", "1", ELEMENTARY_CHARGE);
        energy("keV", "1e3", ELEMENTARY_CHARGE);
        energy("MeV", "1e6", ELEMENTARY_CHARGE);
        energy("GeV", "1e9", ELEMENTARY_CHARGE);

        unit(Quantity.LENGTH, "1", "m");
        unit(Quantity.LENGTH, "1e-2", "cm");
        unit(Quantity.LENGTH, "1e-3", "mm");
        unit(Quantity.LENGTH, "1e-6", "µm", "μm", "um", "micron");
        unit(Quantity.LENGTH, "1e-9", "nm");
        unit(Quantity.LENGTH, "1e-10", "Å", "\u212B", "A", "angstrom");
        unit(Quantity.LENGTH, "1e-12", "pm");

        unit(Quantity.TEMPERATURE, "1", "K");
        unit(Quantity.TEMPERATURE, "1e-3", "mK");
        UNITS.put("°C", new Unit("°C", Quantity.TEMPERATURE, BigDecimal.ONE, new BigDecimal("273.15")));
        UNITS.put("degC", UNITS.get("°C"));

        unit(Quantity.TIME, "1", "s");
        unit(Quantity.TIME, "1e-3", "ms");
        unit(Quantity.TIME, "1e-6", "µs", "μs", "us");
        unit(Quantity.TIME, "1e-9", "ns");
        unit(Quantity.TIME, "1e-12", "ps");
        unit(Quantity.TIME, "1e-15", "fs");
        unit(Quantity.TIME, "60", "min");
        unit(Quantity.TIME, "3600", "h");

        unit(Quantity.ANGLE, "1", "rad");
        unit(Quantity.ANGLE, "1e-3", "mrad");
        unit(Quantity.ANGLE, "1e-6", "µrad", "μrad", "urad");
        UNITS.put("deg", new Unit("deg", Quantity.ANGLE,
                new BigDecimal(Math.PI).divide(new BigDecimal(180), MathContext.DECIMAL64), BigDecimal.ZERO));
        UNITS.put("°", UNITS.get("deg"));

        unit(Quantity.FREQUENCY, "1", "Hz");
        unit(Quantity.FREQUENCY, "1e3", "kHz");
        unit(Quantity.FREQUENCY, "1e6", "MHz");
        unit(Quantity.FREQUENCY, "1e9", "GHz");

        unit(Quantity.PRESSURE, "1", "Pa");
        unit(Quantity.PRESSURE, "1e3", "kPa");
        unit(Quantity.PRESSURE, "1e6", "MPa");
        unit(Quantity.PRESSURE, "1e9", "GPa");
        unit(Quantity.PRESSURE, "1e5", "bar");
        unit(Quantity.PRESSURE, "1e2", "mbar");

        unit(Quantity.MAGNETIC_FIELD, "1", "T");
        unit(Quantity.MAGNETIC_FIELD, "1e-3", "mT");

        unit(Quantity.DOSE, "1", "Gy");
        unit(Quantity.DOSE, "1e3", "kGy");
        unit(Quantity.DOSE, "1e6", "MGy");

        unit(Quantity.MASS, "1", "kg");
        unit(Quantity.MASS, "1e-3", "g");
        unit(Quantity.MASS, "1e-6", "mg");

        // "A" alone means ångström here (curators write wavelengths far more often than currents),
        // so the ampere is reachable only through its prefixed forms.
        unit(Quantity.CURRENT, "1e-3", "mA");

        unit(Quantity.DIMENSIONLESS, "1", "");
        unit(Quantity.DIMENSIONLESS, "1e-2", "%");
    }

    private UnitTable() {
    }

    private static void energy(String symbol, String factor) {
        unit(Quantity.ENERGY, factor, symbol);
    }

    private static void energy(String symbol, String factor, BigDecimal times) {
        UNITS.put(symbol, new Unit(symbol, Quantity.ENERGY, new BigDecimal(factor).multiply(times), BigDecimal.ZERO));
    }

    private static void unit(Quantity quantity, String factor, String symbol, String... aliases) {
        Unit unit = new Unit(symbol, quantity, new BigDecimal(factor), BigDecimal.ZERO);
        UNITS.put(symbol, unit);
        for (String alias : aliases) {
            UNITS.put(alias, unit);
        }
    }

    /**
     * The unit written as {@code symbol}. Symbols are case-sensitive ({@code mK} is not
     * {@code MK}) apart from the spelled-out aliases; surrounding spaces are ignored.
     */
    public static Optional<Unit> find(String symbol) {
        if (symbol == null) {
            return Optional.of(UNITS.get(""));
        }
        String s = symbol.strip();
        Unit unit = UNITS.get(s);
        if (unit == null) {
            unit = UNITS.get(s.toLowerCase(Locale.ROOT));
        }
        return Optional.ofNullable(unit);
    }

    /** True when {@code symbol} is a known unit. */
    public static boolean isKnown(String symbol) {
        return find(symbol).isPresent();
    }

    /**
     * {@code value} written in {@code symbol}, converted to SI.
     *
     * @throws IllegalArgumentException when the unit is unknown
     */
    public static SiValue toSi(double value, String symbol) {
        Unit unit = find(symbol).orElseThrow(() -> new IllegalArgumentException(
                "Unknown unit '" + symbol + "'; known units: " + String.join(", ", knownSymbols())));
        if (!Double.isFinite(value)) {
            return new SiValue(value, unit.quantity());
        }
        BigDecimal si = new BigDecimal(Double.toString(value)).multiply(unit.factor()).add(unit.offset());
        return new SiValue(si.doubleValue(), unit.quantity());
    }

    /**
     * An SI value expressed in {@code symbol}, the inverse of {@link #toSi}.
     *
     * @throws IllegalArgumentException when the unit is unknown
     */
    public static double fromSi(double siValue, String symbol) {
        Unit unit = find(symbol).orElseThrow(() -> new IllegalArgumentException("Unknown unit '" + symbol + "'"));
        BigDecimal v = new BigDecimal(Double.toString(siValue)).subtract(unit.offset())
                .divide(unit.factor(), MathContext.DECIMAL64);
        return v.doubleValue();
    }

    /** Every unit by the symbols and aliases it is written as, in the table's order. */
    public static Map<String, Unit> units() {
        return java.util.Collections.unmodifiableMap(UNITS);
    }

    /**
     * The quantity a parameter of this name measures: the names Vitrine reads from files and
     * gives the viewers, and others common at photon and neutron sources. Empty for other names,
     * whose unit may be anything.
     */
    public static Optional<Quantity> quantityOf(String parameter) {
        return Optional.ofNullable(PARAMETER_QUANTITIES.get(parameter));
    }

    /** Whether {@code unit} measures what a parameter named {@code parameter} measures (any unit, for other names). */
    public static boolean fits(String parameter, Unit unit) {
        return quantityOf(parameter).map(q -> q == unit.quantity()).orElse(true);
    }

    /** Every parameter name {@link #quantityOf} knows, with its quantity, by name. */
    public static Map<String, Quantity> parameterQuantities() {
        return new java.util.TreeMap<>(PARAMETER_QUANTITIES);
    }

    private static final Map<String, Quantity> PARAMETER_QUANTITIES = Map.ofEntries(
            Map.entry("photon_energy", Quantity.ENERGY), Map.entry("neutron_energy", Quantity.ENERGY),
            Map.entry("electron_energy", Quantity.ENERGY), Map.entry("beam_energy", Quantity.ENERGY),
            Map.entry("wavelength", Quantity.LENGTH), Map.entry("detector_distance", Quantity.LENGTH),
            Map.entry("pixel_size", Quantity.LENGTH), Map.entry("voxel_size", Quantity.LENGTH),
            Map.entry("beam_size", Quantity.LENGTH), Map.entry("sample_thickness", Quantity.LENGTH),
            Map.entry("propagation_distance", Quantity.LENGTH), Map.entry("temperature", Quantity.TEMPERATURE),
            Map.entry("exposure_time", Quantity.TIME), Map.entry("dwell_time", Quantity.TIME),
            Map.entry("pulse_duration", Quantity.TIME), Map.entry("dose", Quantity.DOSE),
            Map.entry("pressure", Quantity.PRESSURE), Map.entry("magnetic_field", Quantity.MAGNETIC_FIELD),
            Map.entry("repetition_rate", Quantity.FREQUENCY));

    /** The symbols of {@code quantity}'s units, without their other spellings, in the table's order. */
    public static List<String> symbolsOf(Quantity quantity) {
        return knownSymbols().stream().filter(s -> UNITS.get(s).quantity() == quantity).toList();
    }

    /** Known symbols or spellings written like {@code symbol} but for the case of its letters ("kev": keV; "MEV": meV, MeV). */
    public static List<String> sameButForCase(String symbol) {
        String s = symbol.strip();
        return UNITS.keySet().stream().filter(k -> !k.isEmpty() && k.equalsIgnoreCase(s)).toList();
    }

    /**
     * Every unit's symbol, in the table's order, without the other spellings it is also read in
     * (um, micron, the ångström sign): those look alike in a list.
     */
    public static List<String> knownSymbols() {
        return UNITS.entrySet().stream().filter(e -> !e.getKey().isEmpty() && e.getKey().equals(e.getValue().symbol()))
                .map(Map.Entry::getKey).toList();
    }
}

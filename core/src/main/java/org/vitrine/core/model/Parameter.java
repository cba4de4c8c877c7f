package org.vitrine.core.model;

/**
 * An experimental parameter with a unit, such as photon energy or detector distance.
 *
 * @param name       machine name ({@code photon_energy}, {@code wavelength}, {@code detector_distance}, …)
 * @param value      numeric value in {@code unit}
 * @param unit       unit symbol as written ({@code keV}, {@code nm}, {@code m}, {@code µm}, {@code K}), or "" for none
 * @param provenance whether the curator wrote it or it was read from a file
 */
public record Parameter(String name, double value, String unit, Provenance provenance) {

    /** Human label: {@code photon_energy} → "Photon energy". */
    public String label() {
        String s = name.replace('_', ' ');
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}

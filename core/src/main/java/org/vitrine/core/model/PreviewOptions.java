package org.vitrine.core.model;

/**
 * How to render a preview of a file.
 *
 * @param frame    frame index for diffraction stacks, or null for the middle frame
 * @param axis     slicing axis for volumes (0 = z), or null
 * @param colormap colormap name (gray, viridis, inferno, magma, cividis)
 * @param scale    linear, log or sqrt
 * @param farField true when the frames are far-field diffraction patterns, whose pixels stand for
 *                 scattering angles (q, resolution); false when they are not (near-field
 *                 holograms, projections, real-space images); null to judge by the technique
 */
public record PreviewOptions(Integer frame, Integer axis, String colormap, String scale, Boolean farField) {

    public static final PreviewOptions DEFAULT = new PreviewOptions(null, null, null, null, null);

    /** Options that leave the far field to the technique. */
    public PreviewOptions(Integer frame, Integer axis, String colormap, String scale) {
        this(frame, axis, colormap, scale, null);
    }

    /** Options of {@code this}, each unset one taken from {@code fallback}. */
    public PreviewOptions orElse(PreviewOptions fallback) {
        return new PreviewOptions(
                frame != null ? frame : fallback.frame,
                axis != null ? axis : fallback.axis,
                colormap != null ? colormap : fallback.colormap,
                scale != null ? scale : fallback.scale,
                farField != null ? farField : fallback.farField);
    }
}

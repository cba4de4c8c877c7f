package org.vitrine.core.model;

/**
 * How to render a preview of a file.
 *
 * @param frame    frame index for diffraction stacks, or null for the middle frame
 * @param axis     slicing axis for volumes (0 = z), or null
 * @param colormap colormap name (gray, viridis, inferno, magma, cividis)
 * @param scale    linear, log or sqrt
 */
public record PreviewOptions(Integer frame, Integer axis, String colormap, String scale) {

    public static final PreviewOptions DEFAULT = new PreviewOptions(null, null, null, null);

    /** Options of {@code this}, each unset one taken from {@code fallback}. */
    public PreviewOptions orElse(PreviewOptions fallback) {
        return new PreviewOptions(
                frame != null ? frame : fallback.frame,
                axis != null ? axis : fallback.axis,
                colormap != null ? colormap : fallback.colormap,
                scale != null ? scale : fallback.scale);
    }
}

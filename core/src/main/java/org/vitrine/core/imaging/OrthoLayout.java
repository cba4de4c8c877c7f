package org.vitrine.core.imaging;

/**
 * Lays planes out in a row on one sheet, each scaled by the same factor so that sizes compare,
 * vertically centred, with a gap between them. Pixels of the sheet outside every plane are
 * invalid, so they render transparent.
 */
public final class OrthoLayout {

    private OrthoLayout() {
    }

    /** The sheet of {@code planes} side by side, fitted in {@code maxSide × maxSide}. */
    public static Plane sideBySide(int maxSide, Plane... planes) {
        int gap = gap(maxSide);
        long sumWidths = 0;
        int maxHeight = 0;
        for (Plane p : planes) {
            sumWidths += p.width();
            maxHeight = Math.max(maxHeight, p.height());
        }
        double room = Math.max(1, maxSide - gap * (planes.length - 1));
        double f = AreaResize.appliedFactor(Math.min(room / sumWidths, (double) maxSide / maxHeight));
        Plane[] scaled = new Plane[planes.length];
        int width = gap * (planes.length - 1);
        int height = 0;
        for (int i = 0; i < planes.length; i++) {
            scaled[i] = AreaResize.to(planes[i], Math.max(1, (int) Math.round(planes[i].width() * f)),
                    Math.max(1, (int) Math.round(planes[i].height() * f)));
            width += scaled[i].width();
            height = Math.max(height, scaled[i].height());
        }
        float[] sheet = new float[width * height];
        java.util.Arrays.fill(sheet, Float.NaN);
        int left = 0;
        for (Plane p : scaled) {
            int top = (height - p.height()) / 2;
            for (int y = 0; y < p.height(); y++) {
                System.arraycopy(p.values(), y * p.width(), sheet, (top + y) * width + left, p.width());
            }
            left += p.width() + gap;
        }
        return Plane.of(width, height, sheet);
    }

    /** Gap between planes: 1/64 of the sheet, at least one pixel. */
    static int gap(int maxSide) {
        return Math.max(1, maxSide / 64);
    }
}

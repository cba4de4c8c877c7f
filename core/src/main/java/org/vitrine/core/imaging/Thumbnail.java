package org.vitrine.core.imaging;

/**
 * A rendered preview picture.
 *
 * @param width  pixels across
 * @param height pixels down
 * @param png    the PNG file
 */
public record Thumbnail(int width, int height, byte[] png) {
}

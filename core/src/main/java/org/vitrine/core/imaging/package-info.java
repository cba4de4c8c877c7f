/**
 * Pictures from arrays: colormaps, scales and windows ({@link org.vitrine.core.imaging.ColorMapper}),
 * masks and area resizing ({@link org.vitrine.core.imaging.Plane}, {@link org.vitrine.core.imaging.AreaResize}),
 * a fast PNG writer ({@link org.vitrine.core.imaging.PngEncoder}), map tiles
 * ({@link org.vitrine.core.imaging.TileReader}) and dataset thumbnails
 * ({@link org.vitrine.core.imaging.Thumbnailer}). Data come in through
 * {@link org.vitrine.core.imaging.SliceSource}, one hyperslab at a time; nothing here opens files.
 */
package org.vitrine.core.imaging;

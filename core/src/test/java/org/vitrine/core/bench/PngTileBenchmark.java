package org.vitrine.core.bench;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import javax.imageio.ImageIO;
import org.vitrine.core.imaging.ArraySource;
import org.vitrine.core.imaging.ColorImage;
import org.vitrine.core.imaging.ColorMapper;
import org.vitrine.core.imaging.Colormap;
import org.vitrine.core.imaging.PngEncoder;
import org.vitrine.core.imaging.Plane;
import org.vitrine.core.imaging.Scale;
import org.vitrine.core.imaging.TileReader;
import org.vitrine.core.imaging.Window;

/**
 * PNG tile encoding speed: 256² tiles of a synthetic 2048² diffraction pattern (a bright centre,
 * speckle rings and Poisson-like noise, log-scaled), encoded as 8-bit gray, as a palette image
 * (colormap applied), as RGB, and the whole tile path (colour mapping + PNG) — with ImageIO's
 * writer for comparison, and tiles cut from an in-memory frame by {@link TileReader}. Single thread. Prints tiles/s and µs a tile by wall-clock and by the thread's CPU time (the
 * latter is steadier on a busy machine), and mean bytes a tile.
 */
public final class PngTileBenchmark {

    private static final int TILE = 256;
    private static final int SIDE = 2048;
    // On a shared machine wall time includes waiting for a core; the thread's CPU time does not.
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws IOException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        List<Plane> tiles = tiles();
        Window window = Window.auto(Scale.LOG, tiles.toArray(new Plane[0]));
        ColorMapper mapper = new ColorMapper(Colormap.INFERNO, Scale.LOG, window);
        List<ColorImage> images = tiles.stream().map(mapper::render).toList();
        List<byte[]> levels = new ArrayList<>();
        List<byte[]> rgb = new ArrayList<>();
        ColorMapper grayMapper = new ColorMapper(Colormap.GRAY, Scale.LOG, window);
        for (Plane p : tiles) {
            levels.add(rawLevels(grayMapper.render(p)));
        }
        for (ColorImage image : images) {
            rgb.add(image.toRgb());
        }
        System.out.printf("PNG tiles %d×%d, %d distinct tiles, %.1f s a case, %s%n", TILE, TILE, tiles.size(), seconds,
                System.getProperty("java.vm.name") + " " + Runtime.version());
        run("8-bit gray, PngEncoder", seconds, levels, l -> PngEncoder.gray(TILE, TILE, l));
        run("8-bit gray, ImageIO", seconds, levels, PngTileBenchmark::imageIoGray);
        run("palette (inferno), PngEncoder", seconds, images, ColorImage::toPng);
        run("RGB, PngEncoder", seconds, rgb, b -> PngEncoder.rgb(TILE, TILE, b));
        run("RGB, ImageIO", seconds, rgb, PngTileBenchmark::imageIoRgb);
        run("float tile → log inferno PNG (render + encode)", seconds, tiles, p -> mapper.render(p).toPng());
        ArraySource frame = ArraySource.of(full(), 1, SIDE, SIDE);
        int[] tile = {0};
        run("in-memory frame → TileReader level 0 → PNG", seconds, tiles, p -> {
            int t = tile[0]++ % 64;
            try {
                return mapper.render(TileReader.read(frame, null, 0, 0, 0, t / 8, t % 8)).toPng();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static <T> void run(String name, double seconds, List<T> inputs, Function<T, byte[]> encode) {
        long bytes = 0;
        // Warm up, then measure.
        long end = System.nanoTime() + (long) (seconds * 0.5e9);
        for (int i = 0; System.nanoTime() < end; i++) {
            bytes += encode.apply(inputs.get(i % inputs.size())).length;
        }
        bytes = 0;
        int n = 0;
        long start = System.nanoTime();
        long cpuStart = CPU.getCurrentThreadCpuTime();
        end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            bytes += encode.apply(inputs.get(n % inputs.size())).length;
            n++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpu = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        System.out.printf("  %-48s %7.0f tiles/s %7.1f µs/tile | CPU time: %7.0f tiles/s %7.1f µs/tile | %6d bytes/tile%n",
                name, n / elapsed, elapsed / n * 1e6, n / cpu, cpu / n * 1e6, bytes / n);
    }

    /** Synthetic far-field pattern: Airy-like rings with speckle, a beamstop, counting noise. */
    private static List<Plane> tiles() {
        float[] full = full();
        List<Plane> tiles = new ArrayList<>();
        for (int ty = 0; ty < SIDE; ty += TILE) {
            for (int tx = 0; tx < SIDE; tx += TILE) {
                float[] t = new float[TILE * TILE];
                for (int y = 0; y < TILE; y++) {
                    System.arraycopy(full, (ty + y) * SIDE + tx, t, y * TILE, TILE);
                }
                tiles.add(Plane.of(TILE, TILE, t));
            }
        }
        return tiles;
    }

    private static float[] full() {
        Random r = new Random(11);
        float[] full = new float[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                double dx = x - SIDE / 2.0;
                double dy = y - SIDE / 2.0;
                double q = Math.sqrt(dx * dx + dy * dy) + 1;
                double rings = Math.pow(Math.sin(q / 9) / (q / 9), 2);
                double speckle = 0.5 + 0.5 * Math.cos(dx * 0.21 + Math.sin(dy * 0.05) * 7);
                double mean = 5e4 * rings * speckle + 2;
                full[y * SIDE + x] = q < 12 ? 0 : (float) Math.max(0, Math.round(mean + Math.sqrt(mean) * r.nextGaussian()));
            }
        }
        return full;
    }

    private static byte[] rawLevels(ColorImage image) {
        byte[] b = new byte[TILE * TILE];
        for (int y = 0; y < TILE; y++) {
            for (int x = 0; x < TILE; x++) {
                b[y * TILE + x] = (byte) image.level(x, y);
            }
        }
        return b;
    }

    private static byte[] imageIoGray(byte[] levels) {
        BufferedImage img = new BufferedImage(TILE, TILE, BufferedImage.TYPE_BYTE_GRAY);
        System.arraycopy(levels, 0, ((DataBufferByte) img.getRaster().getDataBuffer()).getData(), 0, levels.length);
        return imageIo(img);
    }

    private static byte[] imageIoRgb(byte[] rgb) {
        BufferedImage img = new BufferedImage(TILE, TILE, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return imageIo(img);
    }

    private static byte[] imageIo(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

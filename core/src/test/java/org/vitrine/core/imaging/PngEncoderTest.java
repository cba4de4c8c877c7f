package org.vitrine.core.imaging;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Smooth data, where the row filter matters, with noise. */
    private static byte[] gradient(int w, int h, int channels) {
        byte[] b = new byte[w * h * channels];
        Random r = new Random(3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < channels; c++) {
                    b[(y * w + x) * channels + c] = (byte) (x + 2 * y + 40 * c + r.nextInt(3));
                }
            }
        }
        return b;
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        if (img == null) {
            throw new AssertionError("ImageIO could not decode the PNG");
        }
        return img;
    }

    @Test
    void grayDecodesToTheSamePixels() throws IOException {
        for (byte[] px : new byte[][] {randomBytes(37 * 23, 1), gradient(37, 23, 1)}) {
            BufferedImage img = decode(PngEncoder.gray(37, 23, px));
            assertEquals(37, img.getWidth());
            assertEquals(23, img.getHeight());
            for (int y = 0; y < 23; y++) {
                for (int x = 0; x < 37; x++) {
                    assertEquals(px[y * 37 + x] & 0xff, img.getRaster().getSample(x, y, 0), "at " + x + "," + y);
                }
            }
        }
    }

    @Test
    void rgbAndRgbaDecodeToTheSamePixels() throws IOException {
        for (int channels : new int[] {3, 4}) {
            for (byte[] px : new byte[][] {randomBytes(31 * 17 * channels, channels), gradient(31, 17, channels)}) {
                byte[] png = channels == 3 ? PngEncoder.rgb(31, 17, px) : PngEncoder.rgba(31, 17, px);
                BufferedImage img = decode(png);
                for (int y = 0; y < 17; y++) {
                    for (int x = 0; x < 31; x++) {
                        for (int c = 0; c < channels; c++) {
                            assertEquals(px[(y * 31 + x) * channels + c] & 0xff, img.getRaster().getSample(x, y, c));
                        }
                    }
                }
            }
        }
    }

    @Test
    void paletteImageDecodesToPaletteColours() throws IOException {
        byte[] idx = randomBytes(40 * 30, 9);
        BufferedImage img = decode(PngEncoder.indexed(40, 30, idx, Colormap.VIRIDIS.palette()));
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                assertEquals(0xff000000 | Colormap.VIRIDIS.rgb(idx[y * 40 + x] & 0xff), img.getRGB(x, y));
            }
        }
    }

    @Test
    void chunksAreWellFormedWithValidCrcs() {
        byte[] png = PngEncoder.indexed(5, 4, randomBytes(20, 2), Colormap.GRAY.palette());
        ByteBuffer b = ByteBuffer.wrap(png);
        byte[] signature = new byte[8];
        b.get(signature);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, signature);
        List<String> types = new ArrayList<>();
        while (b.hasRemaining()) {
            int length = b.getInt();
            byte[] typeAndData = new byte[4 + length];
            b.get(typeAndData);
            CRC32 crc = new CRC32();
            crc.update(typeAndData);
            String type = new String(typeAndData, 0, 4, StandardCharsets.US_ASCII);
            assertEquals(crc.getValue(), b.getInt() & 0xffffffffL, "CRC of " + type);
            types.add(type);
            if (type.equals("IHDR")) {
                ByteBuffer h = ByteBuffer.wrap(typeAndData, 4, length);
                assertEquals(5, h.getInt());
                assertEquals(4, h.getInt());
                assertEquals(8, h.get());
                assertEquals(3, h.get());
            }
        }
        assertEquals(List.of("IHDR", "PLTE", "IDAT", "IEND"), types);
    }

    @Test
    void outputIsDeterministic() {
        byte[] px = gradient(64, 64, 3);
        assertArrayEquals(PngEncoder.rgb(64, 64, px), PngEncoder.rgb(64, 64, px.clone()));
    }

    @Test
    void concurrentEncodingGivesTheSameBytes() throws Exception {
        List<byte[]> inputs = new ArrayList<>();
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            byte[] px = i % 2 == 0 ? gradient(64, 48, 3) : randomBytes(64 * 48 * 3, i);
            inputs.add(px);
            expected.add(PngEncoder.rgb(64, 48, px));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<byte[]>> results = new ArrayList<>();
            for (int round = 0; round < 8; round++) {
                for (byte[] px : inputs) {
                    results.add(pool.submit(() -> PngEncoder.rgb(64, 48, px)));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertArrayEquals(expected.get(i % inputs.size()), results.get(i).get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void wrongSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PngEncoder.gray(4, 4, new byte[15]));
        assertThrows(IllegalArgumentException.class, () -> PngEncoder.rgb(0, 4, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> PngEncoder.indexed(1, 1, new byte[1], new byte[4]));
    }

    @Test
    void colorImagePngShowsItsPixels() throws IOException {
        Random r = new Random(5);
        float[] v = new float[50 * 40];
        boolean[] mask = new boolean[v.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat() * 100;
            mask[i] = r.nextInt(20) == 0;
        }
        for (Colormap map : Colormap.values()) {
            for (boolean masked : new boolean[] {false, true}) {
                Plane p = Plane.of(50, 40, v);
                ColorImage image = new ColorMapper(map, Scale.SQRT, new Window(0, 100)).render(masked ? p.withMask(mask) : p);
                BufferedImage decoded = decode(image.toPng());
                for (int y = 0; y < 40; y++) {
                    for (int x = 0; x < 50; x++) {
                        int expected = image.argb(x, y);
                        // ImageIO's getRGB treats 8-bit gray as linear and converts it to sRGB,
                        // unlike browsers; the stored sample is what the file says.
                        int actual = decoded.getType() == BufferedImage.TYPE_BYTE_GRAY
                                ? 0xff000000 | 0x010101 * decoded.getRaster().getSample(x, y, 0)
                                : decoded.getRGB(x, y);
                        if ((expected >>> 24) == 0) {
                            assertEquals(0, actual >>> 24, map + " transparent at " + x + "," + y);
                        } else {
                            assertEquals(expected, actual, map + " at " + x + "," + y);
                        }
                    }
                }
            }
        }
    }
}

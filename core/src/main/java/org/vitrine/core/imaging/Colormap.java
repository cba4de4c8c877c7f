package org.vitrine.core.imaging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The colormaps Vitrine draws with, each a 256-entry lookup table.
 *
 * <p>magma, inferno, viridis and cividis are matplotlib's listed colormaps, read from the tables in
 * {@code colormaps/} beside this class (copied from matplotlib's {@code lib/matplotlib/_cm_listed.py};
 * magma, inferno and viridis by Nathaniel J. Smith, Stéfan van der Walt and Eric Firing, CC0;
 * cividis by Jamie R. Nuñez, Christopher R. Anderton and Ryan S. Renslow; distributed with
 * matplotlib's BSD-compatible licence, see {@code colormaps/NOTICE}). gray is the linear ramp.
 *
 * <p>Entries are quantised to 8 bits by rounding to nearest. matplotlib's {@code cmap(x, bytes=True)}
 * truncates instead, so its bytes can be one lower in a channel; the float tables are identical.
 * A value normalised to {@code t} in [0, 1] takes entry {@code min(255, floor(256 t))}, as in
 * matplotlib.
 */
public enum Colormap {
    GRAY, VIRIDIS, INFERNO, MAGMA, CIVIDIS;

    /** Number of entries in every table. */
    public static final int SIZE = 256;

    private final int[] rgb = load(this);

    /** The colormap called {@code name} (case-insensitive), as written in front matter and URLs. */
    public static Colormap named(String name) {
        for (Colormap c : values()) {
            if (c.id().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown colormap '" + name + "'; known: "
                + Arrays.stream(values()).map(Colormap::id).collect(Collectors.joining(", ")));
    }

    /** The lower-case name used in front matter, URLs and the viewers. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Entry {@code index} (0–255) as {@code 0xRRGGBB}. */
    public int rgb(int index) {
        return rgb[index];
    }

    /** The table as 768 bytes {@code r0 g0 b0 r1 …}: a PNG palette, or a table for the browser. */
    public byte[] palette() {
        byte[] out = new byte[SIZE * 3];
        for (int i = 0; i < SIZE; i++) {
            out[3 * i] = (byte) (rgb[i] >> 16);
            out[3 * i + 1] = (byte) (rgb[i] >> 8);
            out[3 * i + 2] = (byte) rgb[i];
        }
        return out;
    }

    private static int[] load(Colormap map) {
        int[] table = new int[SIZE];
        if (map.name().equals("GRAY")) {
            for (int i = 0; i < SIZE; i++) {
                table[i] = i << 16 | i << 8 | i;
            }
            return table;
        }
        String resource = "colormaps/" + map.name().toLowerCase(Locale.ROOT) + ".txt";
        try (InputStream in = Colormap.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("colormap table " + resource + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            int n = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] rgbText = line.trim().split("\\s+");
                if (rgbText.length != 3 || n == SIZE) {
                    throw new IllegalStateException("colormap table " + resource + ": bad line " + (n + 1) + ": " + line);
                }
                table[n++] = channel(rgbText[0]) << 16 | channel(rgbText[1]) << 8 | channel(rgbText[2]);
            }
            if (n != SIZE) {
                throw new IllegalStateException("colormap table " + resource + " has " + n + " entries, not " + SIZE);
            }
            return table;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read colormap table " + resource, e);
        }
    }

    private static int channel(String fraction) {
        return (int) Math.round(Double.parseDouble(fraction) * 255);
    }
}

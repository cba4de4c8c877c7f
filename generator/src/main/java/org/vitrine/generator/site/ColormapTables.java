package org.vitrine.generator.site;

import org.vitrine.core.imaging.Colormap;
import org.vitrine.core.model.Collection;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes {@code assets/colormaps.json}, the lookup tables the browser viewers colour with:
 * {@code {"gray": "<768 bytes as hex: r0 g0 b0 r1 …>", …}}, taken from {@link Colormap} so a
 * canvas and a server-drawn tile or thumbnail use the same colours.
 */
public final class ColormapTables implements SiteExtension {

    /** Where the tables are written in the site. */
    public static final String PATH = "assets/colormaps.json";

    @Override
    public void write(Collection collection, DatasetDigests digests, Path dataRoot, OutputTree out) {
        Map<String, String> tables = new LinkedHashMap<>();
        for (Colormap c : Colormap.values()) {
            tables.put(c.id(), HexFormat.of().formatHex(c.palette()));
        }
        out.write(PATH, DatasetView.write(tables) + "\n");
    }
}

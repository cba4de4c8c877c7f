package org.vitrine.core.volume;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.model.Parameter;
import org.vitrine.core.model.PreviewOptions;
import org.vitrine.core.model.Provenance;
import org.vitrine.core.model.Status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How each kind of file becomes a precomputed volume, and where its voxel size comes from. */
class PreviewVolumesTest {

    static Dataset dataset(List<Parameter> parameters) {
        return new Dataset("d", "D", null, List.of(), List.of(), "CC0-1.0", LocalDate.of(2020, 1, 1), Status.PUBLISHED, null,
                "F", null, null, List.of(), parameters, List.of(), Map.of(), false, "", Path.of("d.md"));
    }

    static DataFile file(FileKind kind) {
        return new DataFile("a/b.h5", null, "", "/data", kind, PreviewOptions.DEFAULT);
    }

    static String info(PrecomputedVolume v) {
        return new String(v.info(), StandardCharsets.UTF_8);
    }

    @Test
    void framesUseThePixelSizeAndVolumesTheVoxelSizeInNanometres() {
        Dataset d = dataset(List.of(new Parameter("pixel_size", 75, "µm", Provenance.FILE),
                new Parameter("voxel_size", 0.65, "um", Provenance.CURATED)));
        PrecomputedVolume frames = PreviewVolumes.of(d, file(FileKind.DIFFRACTION), new long[] {10, 600, 500}, "<u4");
        assertTrue(info(frames).contains("\"resolution\":[75000,75000,75000]"), info(frames));
        assertTrue(info(frames).contains("\"chunk_sizes\":[[256,256,1]]"), info(frames));
        PrecomputedVolume volume = PreviewVolumes.of(d, file(FileKind.VOLUME), new long[] {100, 100, 100}, "<f8");
        assertTrue(info(volume).contains("\"resolution\":[650,650,650]"), info(volume));
        assertEquals("float32", volume.dataType().id());
    }

    @Test
    void withoutASizeTheVolumeTakesOneMicrometre() {
        PrecomputedVolume v = PreviewVolumes.of(dataset(List.of(new Parameter("pixel_size", 3, "K", Provenance.CURATED))),
                file(FileKind.IMAGE), new long[] {1, 20, 30}, "|u1");
        assertTrue(info(v).contains("\"resolution\":[1000,1000,1000]"), info(v));
        assertTrue(info(v).contains("\"size\":[30,20,1]"), info(v));
    }

    @Test
    void colourImagesAndFilesWithoutPreviewAreNotVolumes() {
        Dataset d = dataset(List.of());
        assertThrows(IllegalArgumentException.class, () -> PreviewVolumes.of(d, file(FileKind.IMAGE), new long[] {20, 30, 3}, "|u1"));
        DataFile none = new DataFile("a/b.h5", null, "", "/data", FileKind.NONE, PreviewOptions.DEFAULT);
        assertFalse(PreviewVolumes.isPreviewable(none));
        assertFalse(PreviewVolumes.isPreviewable(new DataFile(null, "https://x/y.h5", "", "/data", FileKind.VOLUME, PreviewOptions.DEFAULT)));
        assertThrows(IllegalArgumentException.class, () -> PreviewVolumes.of(d, none, new long[] {20, 30}, "<f4"));
    }
}

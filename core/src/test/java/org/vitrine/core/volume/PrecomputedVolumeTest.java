package org.vitrine.core.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrecomputedVolumeTest {

    @Test
    void frameStackHalvesXAndYOnlyUntilTheyFit() {
        PrecomputedVolume v = PrecomputedVolume.frames(new long[] {200, 1000, 600}, "<u2", new double[] {55000, 55000, 55000});
        List<PrecomputedScale> s = v.scales();
        assertEquals(List.of("1_1_1", "2_2_1", "4_4_1"), s.stream().map(PrecomputedScale::key).toList());
        assertArrayEquals(new long[] {600, 1000, 200}, s.get(0).size());
        assertArrayEquals(new long[] {300, 500, 200}, s.get(1).size());
        assertArrayEquals(new long[] {150, 250, 200}, s.get(2).size());
        assertArrayEquals(new double[] {220000, 220000, 55000}, s.get(2).resolution());
        assertArrayEquals(new int[] {256, 256, 1}, s.get(0).chunkSize());
        assertEquals(PrecomputedType.UINT16, v.dataType());
    }

    @Test
    void volumeHalvesEveryAxisAndUsesCubicChunks() {
        PrecomputedVolume v = PrecomputedVolume.volume(new long[] {300, 520, 130}, "<f4", new double[] {650, 650, 650});
        List<PrecomputedScale> s = v.scales();
        assertEquals(List.of("1_1_1", "2_2_2", "4_4_4"), s.stream().map(PrecomputedScale::key).toList());
        assertArrayEquals(new long[] {130, 520, 300}, s.get(0).size());
        assertArrayEquals(new long[] {65, 260, 150}, s.get(1).size());
        assertArrayEquals(new long[] {33, 130, 75}, s.get(2).size());
        assertArrayEquals(new int[] {64, 64, 64}, s.get(2).chunkSize());
        // A thin axis stops halving at one voxel.
        PrecomputedVolume thin = PrecomputedVolume.volume(new long[] {2, 1000, 1000}, "|u1", new double[] {1, 1, 1});
        assertArrayEquals(new long[] {250, 250, 1}, thin.scales().get(2).size());
        assertArrayEquals(new int[] {4, 4, 2}, thin.scales().get(2).factor());
    }

    @Test
    void infoFollowsTheSpecAndIsByteIdentical() throws IOException {
        PrecomputedVolume v = PrecomputedVolume.frames(new long[] {200, 100, 100}, "<i4", new double[] {55000, 55000, 55000});
        byte[] info = v.info();
        assertArrayEquals(info, PrecomputedVolume.frames(new long[] {200, 100, 100}, "<i4",
                new double[] {55000, 55000, 55000}).info());
        String text = new String(info, StandardCharsets.UTF_8);
        assertEquals("{\"@type\":\"neuroglancer_multiscale_volume\",\"type\":\"image\",\"data_type\":\"float32\","
                + "\"num_channels\":1,\"scales\":[{\"key\":\"1_1_1\",\"size\":[100,100,200],"
                + "\"resolution\":[55000,55000,55000],\"voxel_offset\":[0,0,0],\"chunk_sizes\":[[256,256,1]],"
                + "\"encoding\":\"raw\"}]}", text);
        JsonNode n = new ObjectMapper().readTree(info);
        assertEquals("image", n.get("type").asText());
        PrecomputedVolume fractional = PrecomputedVolume.volume(new long[] {4, 4, 4}, "f8", new double[] {0.5, 0.5, 2});
        assertTrue(new String(fractional.info(), StandardCharsets.UTF_8).contains("\"resolution\":[0.5,0.5,2]"));
    }

    @Test
    void chunksTileTheScaleWithTruncatedEdges() {
        PrecomputedVolume v = PrecomputedVolume.frames(new long[] {2, 300, 520}, "|u1", new double[] {1, 1, 1});
        PrecomputedScale full = v.scales().get(0);
        List<ChunkBox> chunks = v.chunks(full);
        assertEquals(List.of(
                "0-256_0-256_0-1", "256-512_0-256_0-1", "512-520_0-256_0-1",
                "0-256_256-300_0-1", "256-512_256-300_0-1", "512-520_256-300_0-1",
                "0-256_0-256_1-2", "256-512_0-256_1-2", "512-520_0-256_1-2",
                "0-256_256-300_1-2", "256-512_256-300_1-2", "512-520_256-300_1-2"),
                chunks.stream().map(ChunkBox::name).toList());
        assertEquals(300L * 520 * 2, chunks.stream().mapToLong(ChunkBox::voxels).sum());
        assertEquals("1_1_1/512-520_256-300_1-2", chunks.get(11).path());
    }

    @Test
    void onlyExactChunkNamesAreFound() {
        PrecomputedVolume v = PrecomputedVolume.frames(new long[] {2, 300, 520}, "|u1", new double[] {1, 1, 1});
        assertEquals("512-520_256-300_1-2", v.chunk("1_1_1", "512-520_256-300_1-2").orElseThrow().name());
        assertTrue(v.chunk("1_1_1", "512-600_256-300_1-2").isEmpty(), "end past the volume");
        assertTrue(v.chunk("1_1_1", "1-257_0-256_0-1").isEmpty(), "off the grid");
        assertTrue(v.chunk("1_1_1", "768-1024_0-256_0-1").isEmpty(), "outside");
        assertEquals("0-256_0-150_0-1", v.chunk("2_2_1", "0-256_0-150_0-1").orElseThrow().name());
        assertTrue(v.chunk("8_8_1", "0-65_0-38_0-1").isEmpty(), "no such scale");
        assertTrue(v.chunk("1_1_1", "../../etc/passwd").isEmpty());
        assertTrue(v.chunk("1_1_1", "99999999999999999999-1_0-1_0-1").isEmpty());
        assertTrue(v.chunk("1_1_1", null).isEmpty());
    }

    @Test
    void badShapesAndResolutionsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> PrecomputedVolume.volume(new long[] {10, 10}, "<f4", new double[] {1, 1, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> PrecomputedVolume.volume(new long[] {10, 10, 10}, "<f4", new double[] {1, 0, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> PrecomputedVolume.frames(new long[] {10, 10, 10}, "S10", new double[] {1, 1, 1}));
        // A single frame is a stack of one; leading axes of extent 1 are dropped.
        assertArrayEquals(new long[] {7, 5, 1},
                PrecomputedVolume.frames(new long[] {5, 7}, "<f8", new double[] {1, 1, 1}).scales().get(0).size());
        assertArrayEquals(new long[] {7, 5, 3},
                PrecomputedVolume.volume(new long[] {1, 3, 5, 7}, "<f8", new double[] {1, 1, 1}).scales().get(0).size());
    }

    @Test
    void dtypesMapToTheTypesViewersRead() {
        assertEquals(PrecomputedType.UINT8, PrecomputedType.forDtype("|u1"));
        assertEquals(PrecomputedType.UINT8, PrecomputedType.forDtype("|b1"));
        assertEquals(PrecomputedType.UINT16, PrecomputedType.forDtype(">u2"));
        assertEquals(PrecomputedType.UINT32, PrecomputedType.forDtype("<u4"));
        for (String d : new String[] {"<i1", "<i2", "<i4", ">i8", "<u8", "<f2", "<f4", ">f8"}) {
            assertEquals(PrecomputedType.FLOAT32, PrecomputedType.forDtype(d), d);
        }
        assertThrows(IllegalArgumentException.class, () -> PrecomputedType.forDtype("|S8"));
        assertThrows(IllegalArgumentException.class, () -> PrecomputedType.forDtype(null));
    }
}

package org.vitrine.core.content;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateTableTest {

    @TempDir
    Path tmp;

    @Test
    void rowsComeBackAsWritten() {
        Path file = tmp.resolve("t.state");
        StateTable.write(file, Map.of("a", StateTable.Value.of("alpha"), "b/ü", StateTable.Value.of(new byte[]{0, 1, (byte) 255})));
        Map<String, StateTable.Value> rows = StateTable.read(file);
        assertEquals("alpha", rows.get("a").text());
        assertArrayEquals(new byte[]{0, 1, (byte) 255}, rows.get("b/ü").bytes());
    }

    @Test
    void aValueIsComparedWithTextWithoutDecodingIt() {
        Path file = tmp.resolve("t.state");
        StateTable.write(file, Map.of("ascii", StateTable.Value.of("0123abcd"), "accent", StateTable.Value.of("µm-Å")));
        Map<String, StateTable.Value> rows = StateTable.read(file);
        StateTable.Value ascii = rows.get("ascii");
        assertTrue(ascii.is("0123abcd"));
        assertFalse(ascii.is("0123abce"));
        assertFalse(ascii.is("0123abc"));
        assertFalse(ascii.is("0123abcµ"), "same length in chars, other bytes");
        StateTable.Value accent = rows.get("accent");
        assertTrue(accent.is("µm-Å"));
        assertFalse(accent.is("um-A"));
        assertFalse(accent.is("µm-Åx"));
    }

    @Test
    void aDamagedTableReadsAsEmpty() throws Exception {
        Path file = tmp.resolve("t.state");
        StateTable.write(file, Map.of("a", StateTable.Value.of("alpha")));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        assertTrue(StateTable.read(file).isEmpty());
        Files.write(file, "not a table".getBytes(StandardCharsets.UTF_8));
        assertTrue(StateTable.read(file).isEmpty());
    }
}

package org.vitrine.core.hdf5;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitrine.core.testing.Fixtures;
import org.vitrine.core.testing.NeedsTools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed fixture files hold what {@code make_fixtures.py} writes: h5py's description of
 * every path, type, shape and value of each committed file equals that of freshly written ones.
 */
@NeedsTools(value = NeedsTools.PYTHON, pythonModules = {"h5py", "numpy"})
class FixturesMatchTheirScriptTest {

    @Test
    void committedFilesAreWhatTheScriptWrites(@TempDir Path fresh) throws Exception {
        Path script = Fixtures.root().resolve("make_fixtures.py");
        run(List.of(NeedsTools.PYTHON, script.toString(), "--out", fresh.toString()));
        String committed = run(List.of(NeedsTools.PYTHON, script.toString(), "--describe", Fixtures.hdf5().toString()));
        String written = run(List.of(NeedsTools.PYTHON, script.toString(), "--describe", fresh.toString()));
        assertTrue(committed.contains("vds.h5"), committed);
        assertEquals(written, committed);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}

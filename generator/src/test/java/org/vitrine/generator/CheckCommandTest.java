package org.vitrine.generator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitrine.core.testing.NeedsSharedData;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code vitrine check} over good and broken content: every problem as file:line, never a stack trace. */
class CheckCommandTest {

    @TempDir
    Path tmp;

    @Test
    void demoContentPassesWithItsExpectedWarningNotShown() {
        Fixtures.Run run = Fixtures.vitrine("check", "--content", Fixtures.demoContent().toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("7 datasets (6 public), 2 pages: no errors (1 expected warning not shown)"), run.out());
        assertEquals("", run.err(), "the CXI specification's minimal file has no /cxi_version, as its entry expects");
    }

    @Test
    void expectedWarningsAreNotShownUnlessTheyNoLongerOccur() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "known", Fixtures.validDataset("known", """
                keywords: [powder, powder]
                colour: blue
                expected_warnings:
                  - is listed twice
                  - has no /cxi_version
                """));
        Fixtures.dataset(content, "wrong", Fixtures.validDataset("wrong", """
                license: NOT-A-LICENCE
                expected_warnings: [is not an SPDX licence id]
                """));
        Fixtures.dataset(content, "odd", Fixtures.validDataset("odd", "expected_warnings: 3"));
        Fixtures.Run run = Fixtures.vitrine("check", "--content", content.toString());
        assertEquals(1, run.exit(), run.err());
        assertFalse(run.err().contains("listed twice"), run.err());
        assertLine(run.err(), "known.md:10: warning: unknown field 'colour'");
        assertLine(run.err(), "known.md:13: warning: expected warning 'has no /cxi_version' no longer occurs: remove it from expected_warnings");
        assertLine(run.err(), "wrong.md:9: 'NOT-A-LICENCE' is not an SPDX licence id");
        assertLine(run.err(), "odd.md:9: expected_warnings must be a list of parts of warnings' messages");
        assertLine(run.err(), "wrong.md:10: warning: expected warning 'is not an SPDX licence id' no longer occurs");
        assertTrue(run.err().contains("2 errors, 3 warnings"), run.err());
    }

    /**
     * As the launcher runs it: {@code main} in a JVM of its own, which sets up the content readers
     * on a second thread while it makes the command line. A fault there (a failure, two threads
     * setting up the same classes) would fail or hang this run.
     */
    @Test
    void theMainEntryPointChecksTheDemoContentInAJvmOfItsOwn() throws Exception {
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), "org.vitrine.generator.cli.Vitrine",
                "check", "--content", Fixtures.demoContent().toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("main.out").toFile()).start();
        boolean finished = p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES);
        p.destroyForcibly();
        String output = Files.readString(tmp.resolve("main.out"));
        assertTrue(finished, "still running after two minutes: " + output);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("7 datasets (6 public)"), output);
    }

    @Test
    void everyCommandExplainsItselfWithHelp() {
        for (String command : List.of("build", "check", "serve", "demo-data")) {
            Fixtures.Run run = Fixtures.vitrine(command, "--help");
            assertEquals(0, run.exit(), command + ": " + run.err());
            assertTrue(run.out().startsWith("Usage: vitrine " + command + " "), run.out());
            assertTrue(run.out().contains("--help"), run.out());
        }
    }

    @Test
    void eachFieldProblemIsReportedAtItsLine() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "bad", """
                ---
                id: Bad Id
                title: A dataset with many problems
                doi: zenodo.17899482
                authors:
                  - name: Ada Lovelace
                    orcid: 0000-0002-1825-0098
                license: CC-BY-5.0
                released: 24 May 2024
                status: unpublished
                technique: PaNET99999
                colour: blue
                files:
                  - path: ../outside.h5
                  - role: no path nor url
                ---
                Body.
                """);
        Fixtures.Run run = Fixtures.vitrine("check", "--content", content.toString());
        assertEquals(1, run.exit());
        String err = run.err();
        String f = "bad.md:";
        assertLine(err, f + "2: id 'Bad Id' must be lower-case");
        assertLine(err, f + "4: 'zenodo.17899482' is not a DOI");
        assertLine(err, f + "7: '0000-0002-1825-0098' is not a valid ORCID iD");
        assertLine(err, f + "8: 'CC-BY-5.0' is not an SPDX licence id");
        assertLine(err, f + "9: '24 May 2024' is not a date");
        assertLine(err, f + "10: status must be 'published' or 'draft'");
        assertLine(err, f + "11: 'PaNET99999' is not a PaNET technique id");
        assertLine(err, f + "12: warning: unknown field 'colour'");
        assertLine(err, f + "14: file path '../outside.h5' must be relative to the data root");
        assertLine(err, f + "15: a file needs a 'path' under the data root or a public 'url'");
        assertFalse(err.contains("Exception"), err);
        assertFalse(err.contains("\tat "), err);
    }

    @Test
    void theFarFieldPreviewOptionIsTrueOrFalseAndOnlyForFramesAndImages() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Files.copy(Fixtures.demoContent().resolve("data/synthetic/shepp-logan-phantom-128.h5"), content.resolve("data/volume.h5"));
        Fixtures.dataset(content, "far", Fixtures.validDataset("far", """
                files:
                  - path: volume.h5
                    dataset: /entry/data/data
                    kind: image
                    preview: {far_field: "no"}
                  - path: volume.h5
                    dataset: /entry/data/data
                    kind: volume
                    preview: {far_field: true}
                """));
        Fixtures.Run run = Fixtures.vitrine("check", "--content", content.toString());
        assertEquals(1, run.exit(), run.err());
        assertLine(run.err(), "far.md:13: 'far_field' must be true or false, not 'no'");
        assertLine(run.err(), "far.md:17: warning: far_field says whether diffraction frames or images are far-field patterns; "
                + "it means nothing for kind volume and is ignored");
    }

    @Test
    void authorNamesAndTypesAreCheckedAtTheirLine() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "authors", """
                ---
                id: authors
                title: Authors written every wrong way
                authors:
                  - name: Smith, John, Jr.
                  - name: ", Ada"
                  - name: LCLS AMO team
                    type: team
                  - name: SFX collaboration
                    type: organization
                    orcid: 0000-0002-1825-0097
                  - name: van Beethoven, Ludwig
                    email: lvb@example.org
                license: CC-BY-4.0
                released: 2024-05-24
                technique: PaNET01212
                ---
                Body.
                """);
        Fixtures.Run run = Fixtures.vitrine("check", "--content", content.toString());
        assertEquals(1, run.exit());
        String err = run.err();
        String f = "authors.md:";
        assertLine(err, f + "5: write a person's name as 'Given Family' or 'Family, Given', not 'Smith, John, Jr.'");
        assertLine(err, f + "6: write a person's name as 'Given Family' or 'Family, Given', not ', Ada'");
        assertLine(err, f + "8: author type must be person or organization, not 'team'");
        assertLine(err, f + "11: an ORCID iD identifies a person: an organization has none");
        assertLine(err, f + "13: warning: unknown author field 'email' is ignored");
        assertFalse(err.contains("at least one author"), err);
        assertEquals(5, err.lines().filter(l -> l.contains(f)).count(), err);
    }

    @Test
    void aDoiCopiedAsAnAddressIsTakenAsTheDoi() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "linked", Fixtures.validDataset("linked", """
                doi: https://doi.org/10.5281/zenodo.17899482
                related:
                  - doi: "doi: 10.1038/nature09748"
                """));
        Path site = tmp.resolve("site");
        Fixtures.Run run = Fixtures.vitrine("build", "--content", content.toString(), "--out", site.toString());
        assertEquals(0, run.exit(), run.err());
        String page = Files.readString(site.resolve("datasets/linked/index.html"));
        assertTrue(page.contains("<a href=\"https://doi.org/10.5281/zenodo.17899482\">10.5281/zenodo.17899482</a>"), page);
        assertTrue(page.contains("https://doi.org/10.1038/nature09748"), page);
        assertFalse(page.contains("doi.org/https:") || page.contains("doi.org/doi:"), page);
    }

    @Test
    void missingFieldsMalformedYamlAndDuplicateIdsAreErrors() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "empty", "---\ntitle: Only a title\n---\n");
        Fixtures.dataset(content, "nofence", "id: x\ntitle: y\n");
        Fixtures.dataset(content, "yaml", "---\nid: y\ntitle: [unclosed\nauthors: []\n---\n");
        Fixtures.dataset(content, "a", Fixtures.validDataset("same", ""));
        Fixtures.dataset(content, "b", Fixtures.validDataset("same", ""));
        Fixtures.Run run = Fixtures.vitrine("check", "--content", content.toString());
        assertEquals(1, run.exit());
        String err = run.err();
        assertLine(err, "empty.md:1: missing required field 'id'");
        assertLine(err, "empty.md:1: at least one author is required");
        assertLine(err, "nofence.md:1: missing front matter");
        assertTrue(err.contains("yaml.md:") && err.contains("malformed YAML"), err);
        assertLine(err, "b.md:1: duplicate id 'same': also used by a.md");
    }

    @Test
    void unknownUnitsAreWarningsAtTheirLine() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "units", Fixtures.validDataset("units", """
                parameters:
                  photon_energy: 8.7 keV
                  detector_distance: 2 furlongs
                  pixel_count: 512
                """));
        Fixtures.Run run = Fixtures.vitrine("check", "--content", content.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().contains("units.md:11: warning: unit 'furlongs' of parameter 'detector_distance' is not known"), run.err());
        assertFalse(run.err().contains("photon_energy"), run.err());
        assertFalse(run.err().contains("pixel_count"), run.err());
    }

    @Test
    void unitsThatDoNotMeasureWhatTheParameterSaysAreWarnings() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Fixtures.dataset(content, "units", Fixtures.validDataset("units", """
                parameters:
                  photon_energy: 8.7 kev
                  wavelength: 12 keV
                  pixel_size: 55
                  temperature: 100 K
                  frames: 200
                """));
        Fixtures.Run run = Fixtures.vitrine("check", "--content", content.toString());
        assertEquals(0, run.exit(), run.err());
        String err = run.err();
        assertTrue(err.contains("units.md:10: warning: unit 'kev' of parameter 'photon_energy' is not known (did you mean 'keV'?)"), err);
        assertTrue(err.contains("units.md:11: warning: parameter 'wavelength' measures length, but 'keV' measures energy: write one of m, cm,"),
                err);
        assertTrue(err.contains("units.md:12: warning: parameter 'pixel_size' measures length but has no unit"), err);
        assertFalse(err.contains("temperature") || err.contains("frames"), err);
    }

    @Test
    void validDatasetWithRealHdf5FilePasses() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Files.copy(Fixtures.demoContent().resolve("data/petra-p25/PETRAIII_P25_Near_Field_Ptycho.cxi"), content.resolve("data/petra.cxi"));
        Fixtures.dataset(content, "ok", Fixtures.validDataset("ok", """
                files:
                  - path: petra.cxi
                    dataset: /entry_1/data_1/data
                    kind: diffraction
                """));
        Fixtures.Run run = Fixtures.vitrine("check", "--content", content.toString());
        assertEquals(0, run.exit(), run.err());
        assertEquals("", run.err().strip());
    }

    @Test
    void wrongHdf5PathsAndShapesPointAtTheDatasetLine() throws IOException {
        Path content = Fixtures.newContent(tmp.resolve("content"));
        Files.copy(Fixtures.demoContent().resolve("data/petra-p25/PETRAIII_P25_Near_Field_Ptycho.cxi"), content.resolve("data/petra.cxi"));
        Fixtures.dataset(content, "paths", Fixtures.validDataset("paths", """
                files:
                  - path: petra.cxi
                    dataset: /entry_1/no/such/data
                    kind: diffraction
                  - path: petra.cxi
                    dataset: /entry_1/instrument_1/detector_1/distance
                    kind: image
                  - path: petra.cxi
                    dataset: /entry_1/instrument_1
                    kind: volume
                  - path: missing.h5
                    dataset: /data
                    kind: image
                """));
        Fixtures.Run run = Fixtures.vitrine("check", "--content", content.toString());
        assertEquals(1, run.exit());
        String err = run.err();
        assertLine(err, "paths.md:11: '/entry_1/no/such/data' is not a valid path in petra.cxi");
        assertLine(err, "paths.md:14: '/entry_1/instrument_1/detector_1/distance' in petra.cxi has shape []: an image needs (y, x)");
        assertLine(err, "paths.md:17: '/entry_1/instrument_1' in petra.cxi is a group, not a dataset");
        assertLine(err, "paths.md:19: file 'missing.h5' does not exist under the data root");
    }

    @Test
    @NeedsSharedData
    void everyBrokenFileGivesOneClearErrorLine() throws IOException {
        Path broken = NeedsSharedData.Condition.folder().resolve("broken");
        List<Path> files;
        try (Stream<Path> s = Files.list(broken)) {
            files = s.sorted().toList();
        }
        assertTrue(files.size() >= 6, files.toString());
        for (Path file : files) {
            Path content = Fixtures.newContent(tmp.resolve("content-" + file.getFileName()));
            Files.copy(file, content.resolve("data").resolve(file.getFileName()));
            Fixtures.dataset(content, "broken", Fixtures.validDataset("broken", """
                    files:
                      - path: %s
                        dataset: /entry_1/instrument_1/detector_1/data
                        kind: diffraction
                        preview: {frame: 0}
                    """.formatted(file.getFileName())));
            Fixtures.Run check = Fixtures.vitrine("check", "--content", content.toString());
            Fixtures.Run build = Fixtures.vitrine("build", "--content", content.toString(), "--out", content.resolveSibling(file.getFileName() + "-site").toString());
            for (Fixtures.Run run : List.of(check, build)) {
                String err = run.err();
                assertFalse(err.contains("\tat ") || err.contains("Exception"), file + ": " + err);
                long errorLines = err.lines().filter(l -> l.startsWith(content.resolve("datasets/broken.md").toString() + ":") || l.contains("broken.md:")).count();
                if (file.getFileName().toString().equals("petra_corrupt_chunk.cxi")) {
                    // The file opens and its metadata read, so check passes; the corrupt chunk shows
                    // when the build decodes frame 0 for the preview, and nothing is published.
                    if (run == check) {
                        assertEquals(0, run.exit(), err);
                    } else {
                        assertEquals(1, run.exit(), err);
                        assertEquals(1, errorLines, err);
                        assertTrue(err.contains("broken.md:10: no preview of '/entry_1/instrument_1/detector_1/data'"), err);
                        assertFalse(Files.exists(content.resolveSibling(file.getFileName() + "-site").resolve("index.html")), "published despite errors");
                    }
                    continue;
                }
                assertEquals(1, run.exit(), file + ": " + err);
                assertEquals(1, errorLines, file + ": " + err);
                assertTrue(err.contains("broken.md:10: '" + file.getFileName() + "' cannot be read as HDF5"), file + ": " + err);
            }
        }
    }

    private static void assertLine(String output, String expected) {
        assertTrue(output.lines().anyMatch(l -> l.contains(expected)), "expected a line containing\n  " + expected + "\nin\n" + output);
    }
}

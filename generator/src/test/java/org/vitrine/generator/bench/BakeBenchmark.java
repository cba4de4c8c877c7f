package org.vitrine.generator.bench;

import org.vitrine.generator.cli.Vitrine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Bakes N synthetic datasets and prints pages/s and peak memory, then changes one dataset and
 * rebuilds, in this JVM and three times through the {@code vitrine} launcher (a fresh JVM each).
 *
 * <pre>mvn -B -q -pl generator -am -Pbench -DskipTests verify [-Dbench.args=10000]</pre>
 */
public final class BakeBenchmark {

    private static final String[] TECHNIQUES = {"PaNET01212", "PaNET01174", "PaNET01129", "PaNET01168", "PaNET01164", "PaNET01285"};
    private static final String[] FACILITIES = {"European XFEL", "ESRF", "PETRA III, DESY", "LCLS, SLAC", "SwissFEL", "MAX IV"};
    private static final String[] WORDS = ("lysozyme ferritin mimivirus nanoparticle gold zeolite bone kidney lung brain "
            + "catalyst battery cathode protein crystal membrane virus cell tissue alloy").split(" ");

    private BakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path projectRoot = Path.of(System.getProperty("vitrine.projectRoot", ".")).toAbsolutePath().normalize();
        System.setProperty("vitrine.home", projectRoot.toString());
        Path work = Files.createTempDirectory("vitrine-bench-");
        Path content = writeCollection(work.resolve("content"), n, projectRoot);
        Path site = work.resolve("site");

        long t0 = System.nanoTime();
        String out = build(content, site);
        double cold = seconds(t0);
        System.out.println(out.strip());
        System.out.printf(Locale.ROOT, "cold bake: %d datasets in %.2f s = %.0f dataset pages/s; peak heap %.0f MB; peak RSS %s%n",
                n, cold, n / cold, peakHeapBytes() / 1e6, peakRss());

        touch(content, n / 2);
        t0 = System.nanoTime();
        out = build(content, site);
        System.out.printf(Locale.ROOT, "rebuild after one change (warm JVM, as ./vitrine serve bakes an edit): %.2f s — %s%n", seconds(t0), out.strip());

        // As curators run it: the launcher starts a fresh JVM (its first run archives the classes
        // it loads for the later ones).
        Path launcher = projectRoot.resolve("vitrine");
        for (int run = 1; run <= 3; run++) {
            touch(content, n / 3 + run);
            t0 = System.nanoTime();
            Process p = new ProcessBuilder(launcher.toString(), "build", "--content", content.toString(), "--out", site.toString())
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            System.out.printf(Locale.ROOT, "rebuild after one change (./vitrine build, fresh JVM, run %d): %.2f s, exit %d — %s%n",
                    run, seconds(t0), exit, text.strip());
        }
        System.out.println("content and site left in " + work);
    }

    private static String build(Path content, Path site) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Vitrine.run(new PrintWriter(out, true), new PrintWriter(err, true), "build", "--content", content.toString(), "--out", site.toString());
        if (exit != 0) {
            throw new IllegalStateException("build failed: " + err);
        }
        return out.toString();
    }

    /** A collection of {@code n} metadata-rich datasets; every 100th previews the demo phantom volume. */
    static Path writeCollection(Path content, int n, Path projectRoot) throws IOException {
        Files.createDirectories(content.resolve("datasets"));
        Files.createDirectories(content.resolve("data"));
        Files.copy(projectRoot.resolve("content/data/synthetic/shepp-logan-phantom-128.h5"), content.resolve("data/phantom.h5"));
        Files.writeString(content.resolve("site.yaml"), """
                title: Benchmark Atlas
                description: Synthetic datasets for timing the bake.
                base_url: https://example.org/bench/
                facility: Benchmark Facility
                license: CC-BY-4.0
                """);
        for (int i = 0; i < n; i++) {
            Files.writeString(content.resolve("datasets").resolve(String.format("ds-%06d.md", i)), dataset(i, ""));
        }
        return content;
    }

    private static String dataset(int i, String extra) {
        String w1 = WORDS[i % WORDS.length];
        String w2 = WORDS[(i / WORDS.length) % WORDS.length];
        String files = i % 100 == 0 ? """
                files:
                  - path: phantom.h5
                    dataset: /entry/data/data
                    kind: volume
                """ : "";
        return """
                ---
                id: ds-%06d
                title: %s %s measurement number %d
                doi: 10.99999/bench.%d
                authors:
                  - name: Ada Lovelace
                    orcid: 0000-0002-1825-0097
                    affiliation: Analytical Engines Ltd
                  - name: Grace Hopper
                released: %d-%02d-%02d
                technique: %s
                facility: %s
                instrument: beamline %d
                sample:
                  name: %s
                keywords: [%s, %s, synthetic]
                parameters:
                  photon_energy: %.2f keV
                  detector_distance: %.3f m
                %s%s---
                Synthetic dataset %d: %s of %s recorded for the bake benchmark. It has a paragraph of
                description with *emphasis*, a [link](https://example.org/%d) and a list:

                - first item about %s
                - second item about %s
                """.formatted(i, w1, w2, i, i, 2000 + i % 26, 1 + i % 12, 1 + i % 28, TECHNIQUES[i % TECHNIQUES.length],
                FACILITIES[i % FACILITIES.length], i % 40, w1, w1, w2, 6 + (i % 100) / 10.0, 0.1 + (i % 50) / 100.0,
                files, extra, i, w1, w2, i, w1, w2);
    }

    private static void touch(Path content, int i) throws IOException {
        Files.writeString(content.resolve("datasets").resolve(String.format("ds-%06d.md", i)), dataset(i, "synthetic: true\n"));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static String peakRss() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM"))
                    .map(l -> l.replaceAll("\\s+", " ").substring(6).strip()).findFirst().orElse("n/a");
        } catch (IOException e) {
            return "n/a";
        }
    }
}

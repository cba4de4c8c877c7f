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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Bakes N synthetic datasets and prints pages/s and peak memory (and, when Hugo is installed,
 * Hugo's time for the same files), then changes one dataset and rebuilds, in this JVM and seven
 * times through the {@code vitrine} launcher (a fresh JVM each), after one launcher run that
 * bakes everything again.
 *
 * <pre>mvn -B -q -pl generator -am -Pbench -DskipTests verify [-Dbench.args=10000]</pre>
 */
public final class BakeBenchmark {

    private static final String[] TECHNIQUES = {"PaNET01212", "PaNET01174", "PaNET01129", "PaNET01168", "PaNET01164", "PaNET01285"};
    private static final String[] FACILITIES = {"European XFEL", "ESRF", "PETRA III, DESY", "LCLS, SLAC", "SwissFEL", "MAX IV"};
    private static final String[] WORDS = ("lysozyme ferritin mimivirus nanoparticle gold zeolite bone kidney lung brain "
            + "catalyst battery cathode protein crystal membrane virus cell tissue alloy").split(" ");

    /** Launcher runs: one that bakes everything, then one-change rebuilds (an odd number of them). */
    private static final int LAUNCHER_RUNS = 8;

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

        hugo(work, content, cold);

        touch(content, n / 2);
        t0 = System.nanoTime();
        out = build(content, site);
        System.out.printf(Locale.ROOT, "rebuild after one change (warm JVM, as ./vitrine serve bakes an edit): %.2f s — %s%n", seconds(t0), out.strip());

        // As curators run it: the launcher starts a fresh JVM (its first run archives the classes
        // it loads for the later ones).
        // The first run bakes everything again (other code than this JVM's); the others each
        // follow one edit. Single runs on a shared machine vary by a tenth or more: the median counts.
        Path launcher = projectRoot.resolve("vitrine");
        List<Double> rebuilds = new ArrayList<>();
        for (int run = 1; run <= LAUNCHER_RUNS; run++) {
            touch(content, n / 3 + run);
            t0 = System.nanoTime();
            Process p = new ProcessBuilder(launcher.toString(), "build", "--content", content.toString(), "--out", site.toString())
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            double took = seconds(t0);
            if (run > 1) {
                rebuilds.add(took);
            }
            System.out.printf(Locale.ROOT, "rebuild after one change (./vitrine build, fresh JVM, run %d): %.2f s, exit %d — %s%n",
                    run, took, exit, text.strip());
        }
        Collections.sort(rebuilds);
        System.out.printf(Locale.ROOT, "rebuild after one change (./vitrine build, fresh JVM): median %.2f s of %d, fastest %.2f s, slowest %.2f s%n",
                rebuilds.get(rebuilds.size() / 2), rebuilds.size(), rebuilds.get(0), rebuilds.get(rebuilds.size() - 1));
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

    /**
     * The yardstick, measured now rather than remembered: Hugo baking the same dataset
     * files (their YAML front matter and markdown) into a page each, a list and keyword pages,
     * with minimal templates. Skipped when Hugo is not installed ({@code apt install hugo}).
     */
    private static void hugo(Path work, Path content, double vitrineSeconds) throws IOException, InterruptedException {
        String version;
        try {
            Process v = new ProcessBuilder("hugo", "version").redirectErrorStream(true).start();
            version = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (v.waitFor() != 0) {
                throw new IOException(version);
            }
        } catch (IOException notInstalled) {
            System.out.println("hugo: not installed, no comparison (apt install hugo)");
            return;
        }
        Path site = work.resolve("hugo");
        Path datasets = Files.createDirectories(site.resolve("content/datasets"));
        try (var files = Files.list(content.resolve("datasets"))) {
            for (Path f : files.toList()) {
                Files.copy(f, datasets.resolve(f.getFileName()));
            }
        }
        Path layouts = Files.createDirectories(site.resolve("layouts/_default"));
        Files.writeString(site.resolve("config.yaml"), """
                baseURL: https://example.org/bench/
                title: Benchmark Atlas
                taxonomies:
                  keyword: keywords
                disableKinds: [RSS]
                """);
        Files.writeString(layouts.resolve("baseof.html"), """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
                <body><header><a href="{{ "" | relURL }}">{{ .Site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
                """);
        Files.writeString(layouts.resolve("single.html"), """
                {{ define "main" }}<article><h1>{{ .Title }}</h1>
                <p>{{ .Params.doi }} · {{ .Params.released }} · {{ .Params.facility }} · {{ .Params.technique }}</p>
                <ul>{{ range .Params.authors }}<li>{{ .name }} {{ with .orcid }}<a href="https://orcid.org/{{ . }}">{{ . }}</a>{{ end }}</li>{{ end }}</ul>
                <table>{{ range $k, $v := .Params.parameters }}<tr><th>{{ $k }}</th><td>{{ $v }}</td></tr>{{ end }}</table>
                <ul>{{ range .Params.keywords }}<li><a href="{{ "keywords/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>
                {{ .Content }}</article>{{ end }}
                """);
        String list = """
                {{ define "main" }}<h1>{{ .Title }}</h1><table>{{ range .Pages }}<tr><td><a href="{{ .RelPermalink }}">{{ .Params.id }}</a></td>                <td>{{ .Title }}</td><td>{{ .Params.facility }}</td><td>{{ .Params.released }}</td></tr>{{ end }}</table>{{ end }}
                """;
        for (String name : new String[]{"list.html", "terms.html", "taxonomy.html"}) {
            Files.writeString(layouts.resolve(name), list);
        }
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("hugo", "--quiet", "--source", site.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        double hugoSeconds = seconds(t0);
        if (exit != 0) {
            System.out.println("hugo failed: " + text.strip());
            return;
        }
        System.out.printf(Locale.ROOT, "%s, same dataset files, one page each plus list and keyword pages: %.2f s; "
                + "Vitrine's cold bake took %.2f times as long%n", version, hugoSeconds, vitrineSeconds / hugoSeconds);
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

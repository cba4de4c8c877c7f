package org.vitrine.generator.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.vitrine.core.content.CollectionLoader;
import org.vitrine.core.model.Technique;
import org.vitrine.core.model.Visibility;
import org.vitrine.core.search.DatasetLinks;
import org.vitrine.core.search.SearchIndexWriter;
import org.vitrine.core.techniques.PaNet;
import org.vitrine.core.units.UnitTable;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Bakes N synthetic datasets and prints pages/s and peak memory, bakes them again in the same
 * JVM, times the API's Lucene index of them (which serve's bakes add), then changes one dataset
 * and rebuilds, in this JVM and seven times through the {@code vitrine} launcher (a fresh JVM
 * each), after a launcher run that bakes everything again and one that bakes into a new folder.
 * When Hugo is installed, it ends with Hugo's time for the same files: with minimal templates,
 * and making the same outputs as Vitrine (see {@link #hugo}).
 *
 * <pre>mvn -B -q -pl generator -am -Dbench=generator -DskipTests verify [-Dbench.args=10000]</pre>
 */
public final class BakeBenchmark {

    private static final String[] TECHNIQUES = {"PaNET01212", "PaNET01174", "PaNET01129", "PaNET01168", "PaNET01164", "PaNET01285"};
    private static final String[] FACILITIES = {"European XFEL", "ESRF", "PETRA III, DESY", "LCLS, SLAC", "SwissFEL", "MAX IV"};
    private static final String[] WORDS = ("lysozyme ferritin mimivirus nanoparticle gold zeolite bone kidney lung brain "
            + "catalyst battery cathode protein crystal membrane virus cell tissue alloy").split(" ");

    /** One-change rebuilds through the launcher (an odd number, for a median). */
    private static final int REBUILDS = 7;

    private BakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path projectRoot = Path.of(System.getProperty("vitrine.projectRoot", ".")).toAbsolutePath().normalize();
        System.setProperty("vitrine.home", projectRoot.toString());
        // What the times depend on besides the code: on Linux, a page cache many gigabytes
        // large (earlier benchmarks' folders) slows the writing of a site's files (see the README).
        System.out.println("memory: " + memory());
        Path work = Files.createTempDirectory("vitrine-bench-");
        Path content = writeCollection(work.resolve("content"), n, projectRoot);
        Path site = work.resolve("site");

        long t0 = System.nanoTime();
        String out = build(content, site);
        double cold = seconds(t0);
        System.out.println(out.strip());
        System.out.printf(Locale.ROOT, "cold bake: %d datasets in %.2f s = %.0f dataset pages/s; peak heap %.0f MB; peak RSS %s%n",
                n, cold, n / cold, peakHeapBytes() / 1e6, peakRss());

        // The same bake again in this JVM, into a new folder: what it costs once the JVM has
        // started and compiled its hot code, which a compiled-ahead Hugo never pays for.
        t0 = System.nanoTime();
        build(content, work.resolve("site-again"));
        System.out.printf(Locale.ROOT, "cold bake again in the same JVM (new folder, compiled code warm): %.2f s%n", seconds(t0));

        // What a static build does not make: the API's Lucene index, which serve's bakes keep
        // beside the site. Timed apart, in this warm JVM, for what a serve bake adds.
        org.vitrine.core.model.Collection collection = new CollectionLoader(PaNet.bundled(), new Visibility(LocalDate.now()), null, null)
                .load(content).collection();
        t0 = System.nanoTime();
        SearchIndexWriter.write(collection, work.resolve("lucene"), DatasetLinks.DEFAULT);
        System.out.printf(Locale.ROOT, "the API's Lucene index of the same datasets, as ./vitrine serve keeps it (no part of a static build): %.2f s%n",
                seconds(t0));

        touch(content, n / 2);
        t0 = System.nanoTime();
        out = build(content, site);
        System.out.printf(Locale.ROOT, "rebuild after one change (warm JVM, as ./vitrine serve bakes an edit): %.2f s — %s%n", seconds(t0), out.strip());

        // As curators and CI run it: the launcher starts a fresh JVM. Its first run bakes
        // everything again (other code than this JVM's) and archives the classes it loads for
        // the later runs; then one bakes into a new folder, as Hugo is run below.
        Launched first = launch(projectRoot, content, site);
        System.out.printf(Locale.ROOT, "./vitrine build, first run (archives its classes): %.2f s, exit %d — %s%n",
                first.seconds(), first.exit(), first.output());
        Launched fresh = launch(projectRoot, content, work.resolve("site-fresh"));
        System.out.printf(Locale.ROOT, "cold bake through ./vitrine build (fresh JVM, new folder): %.2f s, exit %d — %s%n",
                fresh.seconds(), fresh.exit(), fresh.output());

        // Then each run follows one edit. Single runs on a shared machine vary by a tenth or
        // more: the median counts.
        List<Double> rebuilds = new ArrayList<>();
        for (int run = 1; run <= REBUILDS; run++) {
            touch(content, n / 3 + run);
            Launched r = launch(projectRoot, content, site);
            rebuilds.add(r.seconds());
            System.out.printf(Locale.ROOT, "rebuild after one change (./vitrine build, fresh JVM, run %d): %.2f s, exit %d — %s%n",
                    run, r.seconds(), r.exit(), r.output());
        }
        System.out.printf(Locale.ROOT, "rebuild after one change (./vitrine build, fresh JVM): median %.2f s of %d, fastest %.2f s, slowest %.2f s%n",
                median(rebuilds), rebuilds.size(), Collections.min(rebuilds), Collections.max(rebuilds));

        hugo(work, content, site, projectRoot, cold, fresh.seconds());
        System.out.println("content and site left in " + work);
    }

    /** One run of the launcher: its time, exit code and output. */
    private record Launched(double seconds, int exit, String output) {
    }

    private static Launched launch(Path projectRoot, Path content, Path site) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(projectRoot.resolve("vitrine").toString(), "build", "--content", content.toString(),
                "--out", site.toString()).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        return new Launched(seconds(t0), exit, text.strip());
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
     * files (their YAML front matter and markdown) with two sites from {@code src/test/resources/bench}.
     * {@code hugo-minimal} has minimal templates: a small page per dataset, a list and keyword
     * pages, far less than Vitrine makes. {@code hugo-same-outputs} makes what Vitrine makes:
     * per dataset a page of the same sections (with JSON-LD and signposting) and its
     * {@code citation.bib}, {@code citation.ris} and {@code datacite.json}; home, browse table,
     * technique / facility / keyword pages, sitemap, Atom feed, {@code search-index.json},
     * robots.txt and 404. Neither makes thumbnails or previews, nor copies the data files: Hugo
     * cannot read HDF5. Skipped when Hugo is not installed ({@code apt install hugo}).
     */
    private static void hugo(Path work, Path content, Path site, Path projectRoot, double inProcess, double launched)
            throws IOException, InterruptedException {
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
        Path sites = projectRoot.resolve("generator/src/test/resources/bench");
        Path minimal = copyTree(sites.resolve("hugo-minimal"), work.resolve("hugo-minimal"));
        Path same = copyTree(sites.resolve("hugo-same-outputs"), work.resolve("hugo-same-outputs"));
        // Vitrine takes technique labels (and broader terms, for search) from its PaNET ontology
        // and converts parameters to SI with its unit table; Hugo's templates look both up in data
        // files made from the same sources.
        Map<String, Object> panet = new TreeMap<>();
        for (String id : TECHNIQUES) {
            Technique t = PaNet.bundled().technique(id).orElseThrow();
            panet.put(id, Map.of("label", t.label(), "ancestors", t.ancestors()));
        }
        Map<String, Object> units = new TreeMap<>();
        UnitTable.units().forEach((symbol, u) -> units.put(symbol,
                List.of(u.factor().doubleValue(), u.offset().doubleValue(), u.quantity().siUnit())));
        Map<String, Object> measures = new TreeMap<>();
        UnitTable.parameterQuantities().forEach((name, q) -> measures.put(name,
                List.of(q.siUnit(), q.noun(), String.join(", ", UnitTable.symbolsOf(q)))));
        ObjectMapper json = new ObjectMapper();
        Files.createDirectories(same.resolve("data"));
        json.writeValue(same.resolve("data/panet.json").toFile(), panet);
        json.writeValue(same.resolve("data/units.json").toFile(), units);
        json.writeValue(same.resolve("data/measures.json").toFile(), measures);
        // Vitrine copies its stylesheets and scripts into every site.
        copyTree(projectRoot.resolve("site-assets"), same.resolve("static/assets"));

        long vitrineFiles = countFiles(site);
        hugoBake(version, "minimal templates", minimal, content, inProcess, launched, vitrineFiles);
        hugoBake(version, "same outputs as Vitrine", same, content, inProcess, launched, vitrineFiles);

        // Single runs on a shared machine vary by a tenth or more, and the disk's state (see
        // the README) moves Vitrine, which writes four times Hugo's files, more than Hugo. So the
        // yardstick is also taken in turns: the launcher's cold bake and Hugo's minimal site,
        // each into a new folder, three times, compared by their medians. Each starts once the
        // writes of the one before are on disk, so that neither pays for the other's.
        List<Double> vitrineTimes = new ArrayList<>();
        List<Double> hugoTimes = new ArrayList<>();
        for (int turn = 1; turn <= TURNS; turn++) {
            sync();
            Launched bake = launch(projectRoot, content, work.resolve("site-turn-" + turn));
            if (bake.exit() != 0) {
                throw new IllegalStateException("./vitrine build failed, exit " + bake.exit() + ": " + bake.output());
            }
            vitrineTimes.add(bake.seconds());
            sync();
            hugoTimes.add(hugoRun(minimal, work.resolve("hugo-minimal-turn-" + turn)));
            System.out.printf(Locale.ROOT, "turn %d: cold bake through ./vitrine build %.2f s, Hugo with minimal templates %.2f s%n",
                    turn, vitrineTimes.get(turn - 1), hugoTimes.get(turn - 1));
        }
        System.out.printf(Locale.ROOT, "in turns, medians: ./vitrine build %.2f s, Hugo with minimal templates %.2f s: %.2f times as long%n",
                median(vitrineTimes), median(hugoTimes), median(vitrineTimes) / median(hugoTimes));
    }

    /** Waits until what was written so far is on disk. */
    private static void sync() throws IOException, InterruptedException {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
    }

    /** Turns of Vitrine's and Hugo's cold bakes (an odd number, for a median). */
    private static final int TURNS = 3;

    /** The middle of an odd number of times. */
    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Bakes the Hugo site {@code dir} with the collection's dataset files and prints its time against Vitrine's cold bakes. */
    private static void hugoBake(String version, String which, Path dir, Path content, double inProcess, double launched, long vitrineFiles)
            throws IOException, InterruptedException {
        copyTree(content.resolve("datasets"), dir.resolve("content/datasets"));
        double hugoSeconds = hugoRun(dir, dir.resolve("public"));
        System.out.printf(Locale.ROOT, "%s, %s: %d files (Vitrine's site: %d) in %.2f s; Vitrine's cold bake took %.2f times as long"
                        + " in this JVM, %.2f times through ./vitrine build%n",
                version, which, countFiles(dir.resolve("public")), vitrineFiles, hugoSeconds, inProcess / hugoSeconds, launched / hugoSeconds);
    }

    /** Hugo's time to bake the site {@code dir} into {@code destination}. */
    private static double hugoRun(Path dir, Path destination) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("hugo", "--quiet", "--source", dir.toString(), "--destination", destination.toString())
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        double hugoSeconds = seconds(t0);
        if (exit != 0) {
            throw new IllegalStateException("hugo failed on " + dir + ", exit " + exit + ": " + text.strip());
        }
        return hugoSeconds;
    }

    /** Copies the files under {@code from} into {@code to} (merging with what is there), and returns {@code to}. */
    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        return to;
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
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
        // Two different words: a keyword listed twice is a curation warning.
        int second = (i / WORDS.length) % (WORDS.length - 1);
        String w2 = WORDS[second >= i % WORDS.length ? second + 1 : second];
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

    /** The page cache and free memory, from /proc/meminfo; "n/a" elsewhere. */
    private static String memory() {
        Map<String, Long> kb = kilobytes("/proc/meminfo");
        if (!kb.containsKey("Cached") || !kb.containsKey("MemFree")) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "page cache %.1f GB, free %.1f GB", kb.get("Cached") / 1e6, kb.get("MemFree") / 1e6);
    }

    /** This JVM's peak resident memory, from /proc/self/status; "n/a" elsewhere. */
    private static String peakRss() {
        Long kb = kilobytes("/proc/self/status").get("VmHWM");
        return kb == null ? "n/a" : kb + " kB";
    }

    /** A Linux /proc file's "Name:   123 kB" lines, by name; none where the file is missing. */
    private static Map<String, Long> kilobytes(String file) {
        Map<String, Long> kb = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                java.util.regex.Matcher m = KB_LINE.matcher(line);
                if (m.matches()) {
                    kb.put(m.group(1), Long.parseLong(m.group(2)));
                }
            }
        } catch (IOException notLinux) {
            // No such file: an empty map, and "n/a" in the report.
        }
        return kb;
    }

    private static final java.util.regex.Pattern KB_LINE = java.util.regex.Pattern.compile("([^:]+):\\s+(\\d+) kB");
}

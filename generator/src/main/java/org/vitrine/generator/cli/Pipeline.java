package org.vitrine.generator.cli;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.vitrine.core.content.CollectionLoader;
import org.vitrine.core.content.ContentProblem;
import org.vitrine.core.content.FileInspector;
import org.vitrine.core.hdf5.Hdf5Files;
import org.vitrine.core.model.Collection;
import org.vitrine.core.model.Visibility;
import org.vitrine.core.techniques.PaNet;
import org.vitrine.generator.site.ApiSearchIndex;
import org.vitrine.generator.site.Aside;
import org.vitrine.generator.site.ColormapTables;
import org.vitrine.generator.site.DatasetDigests;
import org.vitrine.generator.site.OutputTree;
import org.vitrine.generator.site.PreviewVolumeBake;
import org.vitrine.generator.site.SiteBuilder;
import org.vitrine.generator.site.SiteExtension;
import org.vitrine.generator.site.StaticSearchIndex;
import org.vitrine.generator.site.Thumbnails;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** The steps the commands share: load and check content, then bake. */
final class Pipeline {

    private Pipeline() {
    }

    /** A finished build: what was published, and where the API's search index is (null when none was asked for). */
    record Built(Collection collection, Path dataRoot, Path searchIndex, SiteBuilder.Report report) {
    }

    static CollectionLoader.Result load(Path content) {
        return load(content, null, new Hdf5Files(16, 256L << 20));
    }

    static CollectionLoader.Result load(Path content, Path cache, Hdf5Files hdf5) {
        if (!content.toFile().isDirectory()) {
            throw new IllegalArgumentException("content folder not found: " + content);
        }
        FileInspector inspector = new FileInspector(hdf5, cache == null ? null : cache.resolve("checksums.properties"));
        CollectionLoader.Result result = new CollectionLoader(PaNet.bundled(), new Visibility(LocalDate.now()), inspector,
                cache == null ? null : cache.resolve("content.state")).load(content);
        inspector.saveChecksums();
        return result;
    }

    /** Prints each error and warning; those the datasets expect ({@code expected_warnings}) are not shown. */
    static void printProblems(CollectionLoader.Result result, PrintWriter err) {
        Path cwd = Path.of("").toAbsolutePath();
        List<ContentProblem> shown = result.problems().stream().filter(p -> !p.isExpected()).toList();
        for (ContentProblem p : shown) {
            err.println(p.format(cwd));
        }
        long errors = shown.stream().filter(ContentProblem::isError).count();
        if (errors > 0) {
            err.printf("%d error%s, %d warning%s%n", errors, errors == 1 ? "" : "s",
                    shown.size() - errors, shown.size() - errors == 1 ? "" : "s");
        }
        err.flush();
    }

    /** Loads, checks and bakes the static site; returns null (having printed why) when the content has errors. */
    static Built build(ContentOptions options, Path out, PrintWriter stdout, PrintWriter err) {
        return build(options, out, false, stdout, err, (collection, dataRoot) -> { });
    }

    /**
     * As above; with {@code apiSearchIndex}, also brings the API's Lucene index beside the site
     * up to date (what a server needs, never published, so a static build does not spend its
     * time on it). Tells {@code checked} about the collection once it passed the checks, before
     * anything is baked: a server switches to it first, so a dataset that left the collection is
     * no longer served by the time its pages are removed.
     */
    static Built build(ContentOptions options, Path out, boolean apiSearchIndex, PrintWriter stdout, PrintWriter err,
                       java.util.function.BiConsumer<Collection, Path> checked) {
        long start = System.nanoTime();
        Path site = out.toAbsolutePath().normalize();
        Path cache = site.resolveSibling(site.getFileName() + "-cache");
        // Before loading, which writes its caches beside the folder.
        OutputTree.checkClaimable(site, cache);
        Hdf5Files hdf5 = new Hdf5Files(16, 256L << 20);
        Path searchIndex = apiSearchIndex ? ApiSearchIndex.luceneDirectoryFor(site) : null;
        List<SiteExtension> extensions = new java.util.ArrayList<>(List.of(new StaticSearchIndex(), new PreviewVolumeBake(hdf5),
                new ColormapTables()));
        if (searchIndex != null) {
            extensions.add(new ApiSearchIndex(searchIndex));
        }
        // The template engine and the previous build's state need nothing from the content, so
        // they are made on threads of their own while it loads.
        Aside<SiteBuilder> builderMade = Aside.start("vitrine-templates", () -> new SiteBuilder(options.templates(), options.assets(),
                extensions));
        Aside<OutputTree> treeRead = Aside.start("vitrine-build-state", () -> new OutputTree(site, cache));
        CollectionLoader.Result result = load(options.content.toAbsolutePath().normalize(), cache, hdf5);
        printProblems(result, err);
        if (result.hasErrors()) {
            return nothingPublished(err);
        }
        Collection collection = result.collection();
        checked.accept(collection, result.dataRoot());
        SiteBuilder builder = builderMade.join();
        OutputTree tree = treeRead.join();
        DatasetDigests digests = DatasetDigests.of(collection.publicDatasets(), result.digests());
        SiteBuilder.Report report;
        try {
            report = bake(builder, collection, digests, result.dataRoot(), tree, hdf5);
        } catch (SiteBuilder.ContentProblemsException e) {
            Path cwd = Path.of("").toAbsolutePath();
            e.problems().forEach(p -> err.println(p.format(cwd)));
            return nothingPublished(err);
        }
        stdout.printf("Built %s: %d datasets (%d pages rendered, %d unchanged), %d files, %d stale files removed in %.1f s%n",
                site, report.datasets(), report.rendered(), report.skipped(), report.files(), report.deleted().size(),
                (System.nanoTime() - start) / 1e9);
        stdout.flush();
        return new Built(collection, result.dataRoot(), searchIndex, report);
    }

    /** Bakes with a progress bar where someone watches; CI logs get the summary line only. */
    private static SiteBuilder.Report bake(SiteBuilder builder, Collection collection, DatasetDigests digests, Path dataRoot,
                                           OutputTree tree, Hdf5Files hdf5) {
        int total = collection.publicDatasets().size();
        if (System.console() == null || total < 50) {
            return builder.build(collection, digests, dataRoot, tree, new Thumbnails(hdf5), () -> { });
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("Baking").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).build()) {
            return builder.build(collection, digests, dataRoot, tree, new Thumbnails(hdf5), bar::step);
        }
    }

    private static Built nothingPublished(PrintWriter err) {
        err.println("Nothing was published: fix the errors above.");
        err.flush();
        return null;
    }
}

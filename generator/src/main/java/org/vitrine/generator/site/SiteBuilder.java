package org.vitrine.generator.site;

import org.vitrine.core.content.CodeStamp;
import org.vitrine.core.content.ContentHash;
import org.vitrine.core.content.ContentProblem;
import org.vitrine.core.content.SafePaths;
import org.vitrine.core.model.Collection;
import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.Page;
import org.vitrine.core.model.SiteConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Bakes a loaded {@link Collection} into a static site: home, browse table, one page per dataset
 * with its downloads and thumbnails, technique / facility / keyword pages, content pages,
 * sitemap, Atom feed, robots.txt and 404 page. Only public datasets reach any output.
 *
 * <p>Output is deterministic: the same content gives byte-identical files. Dataset pages whose
 * inputs did not change since the previous build are not rendered again.
 */
public final class SiteBuilder {

    private final Path templates;
    private final Path assets;
    private final TemplateRenderer renderer;
    private final MarkdownRenderer markdown = new MarkdownRenderer();
    private final List<SiteExtension> extensions;
    /** Digest of what every page depends on (templates, settings, navigation), for this build. */
    private String fingerprint;

    /**
     * @param templates  FreeMarker templates folder
     * @param assets     static assets folder, copied to {@code assets/}
     * @param extensions further outputs written into the same tree (search index, preview volumes)
     */
    public SiteBuilder(Path templates, Path assets, List<SiteExtension> extensions) {
        this.templates = templates;
        this.assets = assets;
        this.renderer = new TemplateRenderer(templates);
        this.extensions = List.copyOf(extensions);
    }

    /** What a build did. */
    public record Report(int datasets, int rendered, int skipped, int files, List<String> deleted) {
    }

    /**
     * Bakes {@code collection} into {@code out}.
     *
     * @param digests    the digest of each public dataset
     * @param dataRoot   folder that dataset file paths are relative to
     * @param thumbnails makes the preview images of a dataset (writing them into {@code out})
     * @param progress   called once per dataset done, from any thread
     */
    public Report build(Collection collection, DatasetDigests digests, Path dataRoot, OutputTree out, ThumbnailWriter thumbnails,
                        Runnable progress) {
        SiteConfig site = collection.site();
        List<Dataset> datasets = collection.publicDatasets();
        fingerprint = fingerprint(site, collection.pages());
        Map<String, Object> siteView = siteView(site, collection.pages());

        Map<String, List<PreviewImage>> thumbs = prepareThumbnails(datasets, dataRoot, out.cache(), thumbnails);
        // The extensions (search indexes, preview volumes) need nothing from the pages, so they
        // are made meanwhile on another thread: Lucene indexing is sequential, and would
        // otherwise leave a core idle at the end of the build.
        Aside<Void> extensionsDone = Aside.start("vitrine-extensions", () -> {
            for (SiteExtension e : extensions) {
                e.write(collection, digests, dataRoot, out);
            }
            return null;
        });

        DatasetPages pages;
        try {
            pages = writeDatasetPages(datasets, site, siteView, digests, dataRoot, thumbs, out, progress);
            writeListings(collection, siteView, thumbs, pages, out);
        } catch (RuntimeException | Error e) {
            extensionsDone.cancel();
            throw e;
        }
        // Their failure is the build's failure, as if they had run here.
        extensionsDone.join();
        List<String> deleted = out.finish();
        return new Report(datasets.size(), pages.rendered(), datasets.size() - pages.rendered(), pages.files(), deleted);
    }

    /**
     * What the dataset pages leave for the listings: each dataset's view key (what its page and
     * its row in every listing are made of: its record and previews) and summary, by id.
     */
    private record DatasetPages(Map<String, String> viewKeys, Map<String, String> summaries, int rendered, int files) {
    }

    /** Each dataset's page, downloads, thumbnails and files; a page whose inputs did not change is kept. */
    private DatasetPages writeDatasetPages(List<Dataset> datasets, SiteConfig site, Map<String, Object> siteView, DatasetDigests digests,
                                           Path dataRoot, Map<String, List<PreviewImage>> thumbs, OutputTree out, Runnable progress) {
        Map<String, String> viewKeys = new java.util.concurrent.ConcurrentHashMap<>(datasets.size() * 4 / 3 + 16);
        Map<String, String> summaries = new java.util.concurrent.ConcurrentHashMap<>(datasets.size() * 4 / 3 + 16);
        AtomicInteger rendered = new AtomicInteger();
        AtomicInteger files = new AtomicInteger();
        datasets.parallelStream().forEach(d -> {
            List<PreviewImage> t = thumbs.get(d.id());
            for (PreviewImage image : t) {
                out.copy(image.smallFile(), Links.dataset(d.id()) + image.small());
                out.copy(image.largeFile(), Links.dataset(d.id()) + image.large());
            }
            for (DataFile f : d.files()) {
                if (f.isLocal() && f.url() == null) {
                    out.copy(guarded(dataRoot, d, f), Links.dataset(d.id()) + f.pathOnPage());
                    files.incrementAndGet();
                }
            }
            String page = Links.dataset(d.id()) + "index.html";
            // A page shows its record and previews, framed by what every page shares. Keys are
            // compared, not hashed again: the record's digest stands for itself unless previews
            // join it, and 64 bits of the shared fingerprint tell a template edit.
            String viewKey = t.isEmpty() ? digests.of(d.id()) : ContentHash.of(digests.of(d.id()) + '\n' + t);
            viewKeys.put(d.id(), viewKey);
            String key = fingerprint.substring(0, 16) + viewKey;
            String summaryKey = "summary:" + digests.of(d.id());
            boolean fresh = out.isFresh(page, key);
            for (String name : DatasetView.EXPORTS) {
                fresh &= out.isFreshBeside(Links.dataset(d.id()) + name, key);
            }
            if (fresh) {
                summaries.put(d.id(), out.memo(summaryKey, () -> markdown.parse(d.body()).text(300)));
                progress.run();
                return;
            }
            // One parse of the body serves the page and the summary that listings show.
            MarkdownRenderer.Parsed body = markdown.parse(d.body());
            String summary = out.memo(summaryKey, () -> body.text(300));
            summaries.put(d.id(), summary);
            Map<String, Object> view = DatasetView.full(d, site, body.html(), summary, t);
            out.write(page, render("dataset.ftlh", page, siteView, Map.of("dataset", view), d.title()));
            DatasetView.exports(d, site).forEach((name, bytes) -> out.write(Links.dataset(d.id()) + name, bytes));
            rendered.incrementAndGet();
            progress.run();
        });
        return new DatasetPages(viewKeys, summaries, rendered.get(), files.get());
    }

    /** Home, browse table, technique / facility / keyword pages, content pages, search, 404, sitemap, feed, robots, assets. */
    private void writeListings(Collection collection, Map<String, Object> siteView, Map<String, List<PreviewImage>> thumbs,
                               DatasetPages pages, OutputTree out) {
        SiteConfig site = collection.site();
        List<Dataset> datasets = collection.publicDatasets();
        List<Map<String, Object>> summaryViews = datasets.parallelStream()
                .map(d -> DatasetView.summary(d, pages.summaries().get(d.id()), thumbs.get(d.id())))
                .toList();
        Map<String, byte[]> rowKeys = rowKeys(summaryViews, pages.viewKeys(), out);
        Map<String, Map<String, Object>> byId = new HashMap<>(summaryViews.size() * 4 / 3 + 1);
        summaryViews.forEach(v -> byId.put((String) v.get("id"), v));
        List<Map<String, Object>> newestFirst = datasets.stream()
                .sorted(Comparator.comparing(Dataset::released, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(Dataset::id))
                .limit(50).map(d -> byId.get(d.id())).toList();

        // Listings are independent of each other, and a few of them (the browse table, the
        // sitemap, a keyword every dataset has) each take a good part of a rebuild: they are
        // rendered side by side.
        List<Runnable> listings = new ArrayList<>();
        Map<String, Object> home = new LinkedHashMap<>();
        home.put("newest", newestFirst.subList(0, Math.min(6, newestFirst.size())));
        home.put("gallery", summaryViews.stream().filter(v -> !((String) v.get("thumbnail")).isEmpty()).limit(24).toList());
        home.put("counts", counts(datasets));
        listings.add(() -> page(out, "index.ftlh", "index.html", siteView, home, site.title()));
        listings.add(() -> page(out, "datasets.ftlh", "datasets/index.html", siteView, Map.of("datasets", summaryViews), "All datasets",
                "", summaryViews, rowKeys));
        writeFacet(listings, out, siteView, datasets, byId, rowKeys, "techniques", "Techniques",
                d -> d.technique() == null ? List.of() : List.of(d.technique().label()));
        writeFacet(listings, out, siteView, datasets, byId, rowKeys, "facilities", "Facilities", d -> List.of(d.facility()));
        writeFacet(listings, out, siteView, datasets, byId, rowKeys, "keywords", "Keywords", Dataset::keywords);
        for (Page p : collection.pages()) {
            String path = p.slug() + "/index.html";
            listings.add(() -> page(out, "page.ftlh", path, siteView,
                    Map.of("page", Map.of("title", p.title(), "body", markdown.toHtml(p.body()))), p.title()));
        }
        listings.add(() -> page(out, "search.ftlh", "search/index.html", siteView, Map.of(), "Search"));
        listings.add(() -> page(out, "404.ftlh", "404.html", siteView, Map.of(), "Page not found"));
        List<String> contentPages = collection.pages().stream().map(Page::slug).toList();
        // The sitemap gives each dataset's address and release date, and is given nothing else:
        // it is rendered again when one of those changes, not after every edit a listing shows.
        List<Map<String, Object>> sitemapRows = new ArrayList<>(summaryViews.size());
        Map<String, byte[]> sitemapKeys = new HashMap<>(summaryViews.size() * 4 / 3 + 1);
        for (Map<String, Object> v : summaryViews) {
            String id = (String) v.get("id");
            sitemapRows.add(Map.of("id", id, "href", v.get("href"), "released", v.get("released")));
            sitemapKeys.put(id, (id + '\t' + v.get("released") + '\n').getBytes(StandardCharsets.UTF_8));
        }
        listings.add(() -> page(out, "sitemap.ftlx", "sitemap.xml", siteView, Map.of("datasets", sitemapRows, "contentPages", contentPages),
                "", canonical(contentPages), sitemapRows, sitemapKeys));
        listings.add(() -> page(out, "feed.ftlx", "feed.xml", siteView, Map.of("entries", newestFirst, "updated", updated(datasets)),
                site.title()));
        listings.parallelStream().forEach(Runnable::run);
        out.write("robots.txt", "User-agent: *\nAllow: /\nSitemap: " + site.baseUrl() + "sitemap.xml\n");
        out.copyTree(assets, "assets/");
    }

    /**
     * Renders every preview before anything is written, so a dataset whose file cannot be
     * previewed stops the build with the site left as it was.
     *
     * @throws ContentProblemsException listing each file that cannot be previewed
     */
    private static Map<String, List<PreviewImage>> prepareThumbnails(List<Dataset> datasets, Path dataRoot, Path cache,
                                                                    ThumbnailWriter thumbnails) {
        Map<String, List<PreviewImage>> out = new java.util.concurrent.ConcurrentHashMap<>(datasets.size() * 4 / 3 + 16);
        List<ContentProblem> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        datasets.parallelStream().forEach(d -> {
            try {
                out.put(d.id(), thumbnails.prepare(d, dataRoot, cache));
            } catch (ThumbnailWriter.PreviewException e) {
                problems.add(new ContentProblem(d.source(), lineOf(d.source(), e.file().path()), ContentProblem.Severity.ERROR, e.getMessage()));
            }
        });
        if (!problems.isEmpty()) {
            throw new ContentProblemsException(problems);
        }
        return out;
    }

    /**
     * The real path of a local file of {@code dataset}, through the traversal guard the checks and
     * the API use: what is copied into the site or read for its previews.
     *
     * @throws ContentProblemsException naming the file's line, when the guard refuses it (such as
     *                                  a file replaced by a link out of the data root since it was checked)
     */
    static Path guarded(Path dataRoot, Dataset dataset, DataFile file) {
        try {
            return SafePaths.fileUnder(dataRoot, file.path());
        } catch (SafePaths.Refused e) {
            throw new ContentProblemsException(List.of(new ContentProblem(dataset.source(), lineOf(dataset.source(), file.path()),
                    ContentProblem.Severity.ERROR, "file '" + file.path() + "' " + e.getMessage())));
        }
    }

    /** The line of a dataset's source that names {@code filePath}, for pointing curators at it; 1 when not found. */
    private static int lineOf(Path source, String filePath) {
        try {
            List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("path:") && lines.get(i).contains(filePath)) {
                    return i + 1;
                }
            }
        } catch (IOException e) {
            // The line is a courtesy; the message names the file anyway.
        }
        return 1;
    }

    /** Problems found while baking (files that cannot be published or previewed), reported like content problems. */
    public static final class ContentProblemsException extends RuntimeException {
        private final List<ContentProblem> problems;

        ContentProblemsException(List<ContentProblem> problems) {
            super(problems.size() + " dataset file(s) cannot be published or previewed");
            this.problems = List.copyOf(problems);
        }

        public List<ContentProblem> problems() {
            return problems;
        }
    }

    /**
     * Adds to {@code listings} the index of one kind of facet and the page of each of its values.
     * Spellings of one value that make the same address ("X-ray", "x ray") share a page, named
     * by the first of them in alphabetical order; a dataset is on it once, in collection order.
     */
    private void writeFacet(List<Runnable> listings, OutputTree out, Map<String, Object> siteView, List<Dataset> datasets,
                            Map<String, Map<String, Object>> byId, Map<String, byte[]> rowKeys, String dir, String title,
                            Function<Dataset, List<String>> values) {
        // Thousands of datasets share a few values: each distinct value's slug is made once.
        Map<String, String> slugOf = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Map<String, List<Map<String, Object>>> views = new HashMap<>();
        for (Dataset d : datasets) {
            Set<String> onPages = new HashSet<>();
            for (String v : values.apply(d)) {
                String slug = slugOf.computeIfAbsent(v, Links::slug);
                if (!onPages.add(slug)) {
                    continue;
                }
                names.merge(slug, v, (first, other) -> String.CASE_INSENSITIVE_ORDER.compare(first, other) <= 0 ? first : other);
                views.computeIfAbsent(slug, k -> new ArrayList<>()).add(byId.get(d.id()));
            }
        }
        List<String> slugs = new ArrayList<>(names.keySet());
        slugs.sort(Comparator.comparing((String slug) -> names.get(slug), String.CASE_INSENSITIVE_ORDER).thenComparing(Comparator.naturalOrder()));
        List<Map<String, Object>> index = new ArrayList<>();
        for (String slug : slugs) {
            String name = names.get(slug);
            index.add(Map.of("name", name, "href", dir + "/" + slug + "/", "count", String.valueOf(views.get(slug).size())));
            listings.add(() -> page(out, "facet.ftlh", dir + "/" + slug + "/index.html", siteView,
                    Map.of("facet", Map.of("kind", title, "name", name, "datasets", views.get(slug))),
                    title + ": " + name, name, views.get(slug), rowKeys));
        }
        listings.add(() -> page(out, "facets.ftlh", dir + "/index.html", siteView, Map.of("facet", Map.of("kind", title, "values", index)), title));
    }

    /**
     * Writes a listing page unless the previous build wrote it from the same model: after one
     * dataset changed, only the listings that show it are rendered again.
     */
    private void page(OutputTree out, String template, String path, Map<String, Object> siteView, Map<String, Object> content, String title) {
        page(out, template, path, siteView, content, title, canonical(content), List.of(), Map.of());
    }

    /**
     * As above, for a listing of datasets: keyed by {@code contentKey} (what it shows besides its
     * rows) and its rows' {@link #rowKeys keys}, rather than by its whole model of thousands of rows.
     * The site view needs no key of its own: it is made of what the fingerprint covers.
     */
    private void page(OutputTree out, String template, String path, Map<String, Object> siteView, Map<String, Object> content,
                      String title, String contentKey, List<Map<String, Object>> rows, Map<String, byte[]> rowKeys) {
        ContentHash key = new ContentHash().add(fingerprint + '\n' + template + '\n' + title + '\n' + contentKey + '\n');
        for (Map<String, Object> row : rows) {
            key.add(rowKeys.get((String) row.get("id")));
        }
        if (!out.isFresh(path, key.hex())) {
            out.write(path, render(template, path, siteView, content, title));
        }
    }

    /**
     * Each dataset's part of the key of a listing that shows it: its id and 64 bits of a digest of
     * its row, the summary view that is all a listing shows of it. An edit that no listing shows
     * (the description past its summary, parameters, authors, files) then renders no listing
     * again. Remembered by view key: after one edit, one row is digested.
     */
    private static Map<String, byte[]> rowKeys(List<Map<String, Object>> summaryViews, Map<String, String> viewKeys, OutputTree out) {
        Map<String, byte[]> keys = new java.util.concurrent.ConcurrentHashMap<>(summaryViews.size() * 4 / 3 + 16);
        // Each row is digested apart: on a first build, ten thousand digests on both cores.
        summaryViews.parallelStream().forEach(row -> {
            String id = (String) row.get("id");
            String digest = out.memo("row:" + viewKeys.get(id), () -> {
                // The summary view's entries are made in one order, and its values are text or flags.
                StringBuilder text = new StringBuilder(512);
                row.forEach((name, value) -> text.append(name).append('\u0000').append(value).append('\u0000'));
                return ContentHash.of(text.toString()).substring(0, 16);
            });
            keys.put(id, (id + ':' + digest + '\n').getBytes(StandardCharsets.UTF_8));
        });
        return keys;
    }

    /** Map-order-independent text of a view model, for cache keys. */
    private static String canonical(Object model) {
        try {
            return CANONICAL.writeValueAsString(model);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper CANONICAL = new com.fasterxml.jackson.databind.ObjectMapper()
            .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private String render(String template, String path, Map<String, Object> siteView, Map<String, Object> content, String title) {
        Map<String, Object> model = new HashMap<>(content);
        model.put("site", siteView);
        model.put("root", Links.rootFrom(path));
        model.put("path", path.endsWith("index.html") ? path.substring(0, path.length() - "index.html".length()) : path);
        model.put("title", title);
        return renderer.render(template, model);
    }

    private static Map<String, Object> siteView(SiteConfig site, List<Page> pages) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", site.title());
        m.put("description", site.description());
        m.put("baseUrl", site.baseUrl());
        m.put("facility", site.facility() == null ? "" : site.facility());
        m.put("contactUrl", site.contactUrl() == null ? "" : site.contactUrl());
        m.put("apiUrl", site.apiUrl() == null ? "" : site.apiUrl());
        m.put("pages", pages.stream().map(p -> Map.of("title", p.title(), "href", p.slug() + "/")).toList());
        return m;
    }

    private static Map<String, Object> counts(List<Dataset> datasets) {
        return Map.of(
                "datasets", String.valueOf(datasets.size()),
                "techniques", String.valueOf(datasets.stream().filter(d -> d.technique() != null).map(d -> d.technique().id()).distinct().count()),
                "facilities", String.valueOf(datasets.stream().map(Dataset::facility).distinct().count()),
                "files", String.valueOf(datasets.stream().mapToLong(d -> d.files().size()).sum()));
    }

    /**
     * The feed's update time: the newest release date, or SOURCE_DATE_EPOCH when no dataset has
     * one — never the clock, so builds stay reproducible.
     */
    private static String updated(List<Dataset> datasets) {
        LocalDate newest = datasets.stream().map(Dataset::released).filter(d -> d != null).max(Comparator.naturalOrder()).orElse(null);
        if (newest != null) {
            return newest + "T00:00:00Z";
        }
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        long seconds = epoch == null || epoch.isBlank() ? 0 : Long.parseLong(epoch.strip());
        return Instant.ofEpochSecond(seconds).atOffset(ZoneOffset.UTC).toString();
    }

    /** A digest of everything every page depends on besides its dataset: templates, site settings, navigation, code. */
    private String fingerprint(SiteConfig site, List<Page> pages) {
        StringBuilder sb = new StringBuilder(site.toString()).append('\n').append(CodeStamp.of(SiteBuilder.class));
        pages.forEach(p -> sb.append('\n').append(p.slug()).append('\t').append(p.title()));
        try (Stream<Path> files = Files.walk(templates)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                sb.append('\n').append(templates.relativize(f)).append('\t').append(ContentHash.of(Files.readAllBytes(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read templates in " + templates, e);
        }
        return ContentHash.of(sb.toString());
    }

}

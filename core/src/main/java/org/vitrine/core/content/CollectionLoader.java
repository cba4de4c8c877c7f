package org.vitrine.core.content;

import org.vitrine.core.model.Collection;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.Page;
import org.vitrine.core.model.SiteConfig;
import org.vitrine.core.model.Visibility;
import org.vitrine.core.techniques.PaNet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads a content folder into a {@link Collection}: {@code site.yaml}, {@code datasets/*.md} and
 * {@code pages/*.md}, then reads every referenced local file through {@link FileInspector}.
 * The single entry from curated content into the model; every output starts from its result.
 */
public final class CollectionLoader {

    public static final String SITE_FILE = "site.yaml";
    private static final Set<String> SITE_FIELDS = Set.of("title", "description", "base_url", "facility", "contact",
            "api_url", "license", "data_root", "publisher", "preview_budget_dataset", "preview_budget_site");
    private static final java.util.regex.Pattern BYTES = java.util.regex.Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(B|kB|MB|GB)?");

    private final PaNet panet;
    private final Visibility visibility;
    private final FileInspector inspector;
    private final Path cacheFile;

    /**
     * @param panet      technique ontology
     * @param visibility decides embargo against its date
     * @param inspector  reads the referenced files; null skips file reading (metadata-only checks)
     * @param cacheFile  where to remember loaded datasets between runs (outside the site), or null
     */
    public CollectionLoader(PaNet panet, Visibility visibility, FileInspector inspector, Path cacheFile) {
        this.panet = panet;
        this.visibility = visibility;
        this.inspector = inspector;
        this.cacheFile = cacheFile;
    }

    /**
     * The outcome of loading: the collection (null when the site file is unusable), every problem
     * found, and by dataset id the digest of each dataset's whole record (remembered from an
     * earlier run or computed while reading), the same in every run for the same content; a
     * loader without a cache file (a check, which bakes nothing) digests nothing.
     */
    public record Result(Collection collection, Path dataRoot, List<ContentProblem> problems, Map<String, String> digests) {
        public boolean hasErrors() {
            return problems.stream().anyMatch(ContentProblem::isError);
        }
    }

    /**
     * Sets up what reading content needs and a new JVM takes a tenth of a second or more to set
     * up: the YAML reader and the content cache's codec. For a caller with other work meanwhile
     * (a command line to parse), on a thread of its own; loading starts once it has finished.
     */
    public static void prepare() {
        try {
            FrontMatter.parse(Path.of("prepare.md"), "---\nid: prepare\ntitle: A title\nreleased: 2024-01-01\n---\nText.\n");
        } catch (FrontMatter.Invalid e) {
            throw new IllegalStateException(e);
        }
        ContentCache.prepare();
    }

    public Result load(Path contentDir) {
        Problems problems = new Problems();
        Path siteFile = contentDir.resolve(SITE_FILE);
        SiteConfig site = readSite(siteFile, problems);
        if (site == null) {
            return new Result(null, null, problems.all(), Map.of());
        }
        Path dataRoot = contentDir.resolve(site.dataRoot()).normalize();

        DatasetReader reader = new DatasetReader(site, panet);
        ContentCache cache = new ContentCache(cacheFile, site + "|" + (inspector != null));
        List<SourceFile> sources = markdownFiles(contentDir.resolve("datasets"), problems);
        Map<String, String> digests = new java.util.concurrent.ConcurrentHashMap<>(sources.size() * 4 / 3 + 16);
        List<Dataset> datasets = sources.parallelStream()
                .map(source -> readDataset(source, reader, dataRoot, cache, problems, digests))
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(Dataset::id))
                .toList();
        cache.save();
        checkUniqueIds(datasets, problems);

        List<Page> pages = new ArrayList<>();
        for (SourceFile source : markdownFiles(contentDir.resolve("pages"), problems)) {
            FrontMatter fm = frontMatter(source.path(), problems);
            if (fm != null) {
                MarkdownLimits.checkNesting(fm, problems);
                pages.add(readPage(fm, problems));
            }
        }
        pages.sort(Comparator.comparingInt(Page::order).thenComparing(Page::slug));
        return new Result(new Collection(site, datasets, pages, visibility), dataRoot, problems.all(), Map.copyOf(digests));
    }

    /** Reads one dataset file, or takes what an earlier run read when nothing it depends on changed. */
    private Dataset readDataset(SourceFile source, DatasetReader reader, Path dataRoot, ContentCache cache, Problems problems,
                                Map<String, String> digests) {
        Path file = source.path();
        ContentCache.Entry cached = cache.lookup(file, source.stamp(), dataRoot);
        if (cached != null) {
            cached.problems().forEach(p -> problems.add(file, p.line(), p.severity(), p.message()));
            if (cached.dataset() != null) {
                digests.put(cached.dataset().id(), cached.digest());
            }
            return cached.dataset();
        }
        Problems own = new Problems();
        FrontMatter fm = frontMatter(file, own);
        if (fm != null) {
            MarkdownLimits.checkNesting(fm, own);
        }
        Dataset dataset = fm == null ? null : reader.read(fm, own);
        if (dataset != null && inspector != null) {
            dataset = inspector.inspect(dataset, fm, dataRoot, own);
        }
        List<ContentProblem> found = fm == null ? own.all() : ExpectedWarnings.mark(fm, own.all());
        ContentCache.Entry entry = cache.remember(file, source.stamp(), dataRoot, dataset, found);
        if (entry != null && dataset != null) {
            digests.put(dataset.id(), entry.digest());
        }
        problems.addAll(found);
        return dataset;
    }

    private static void checkUniqueIds(List<Dataset> datasets, Problems problems) {
        Map<String, Dataset> seen = new HashMap<>();
        for (Dataset d : datasets) {
            Dataset first = seen.putIfAbsent(d.id(), d);
            if (first != null) {
                problems.error(d.source(), 1, "duplicate id '" + d.id() + "': also used by " + first.source().getFileName());
            }
        }
    }

    private SiteConfig readSite(Path file, Problems problems) {
        if (!Files.isRegularFile(file)) {
            problems.error(file, 1, "missing site configuration " + SITE_FILE + " (title, base_url, facility, …)");
            return null;
        }
        FrontMatter fm;
        try {
            fm = FrontMatter.yamlFile(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (FrontMatter.Invalid e) {
            problems.error(file, e.line(), e.getMessage());
            return null;
        } catch (IOException e) {
            problems.error(file, 1, "cannot read: " + e.getMessage());
            return null;
        }
        for (Iterator<String> it = fm.data().fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!SITE_FIELDS.contains(name)) {
                problems.warning(file, fm.lineOf("/" + name), "unknown site setting '" + name + "' is ignored");
            }
        }
        String title = fm.data().path("title").asText("").strip();
        if (title.isEmpty()) {
            problems.error(file, fm.lineOf("/title"), "missing required setting 'title'");
        }
        String baseUrl = fm.data().path("base_url").asText("").strip();
        if (baseUrl.isEmpty()) {
            baseUrl = "http://localhost:7070/";
        } else if (!UrlPolicy.WEB.allows(baseUrl)) {
            problems.error(file, fm.lineOf("/base_url"), "base_url '" + baseUrl + "' must be " + UrlPolicy.WEB.description()
                    + ", such as https://owner.github.io/repo/");
        }
        if (!baseUrl.endsWith("/")) {
            baseUrl += "/";
        }
        String license = text(fm, "license");
        if (license != null && !Identifiers.isSpdx(license)) {
            problems.error(file, fm.lineOf("/license"), "'" + license + "' is not an SPDX licence id");
        }
        String apiUrl = text(fm, "api_url");
        if (apiUrl != null && !UrlPolicy.WEB.allows(apiUrl)) {
            problems.error(file, fm.lineOf("/api_url"), "api_url '" + apiUrl + "' must be " + UrlPolicy.WEB.description()
                    + ", such as https://api.example.org/");
        }
        if (apiUrl != null && !apiUrl.endsWith("/")) {
            apiUrl += "/";
        }
        String facility = text(fm, "facility");
        String facilityProblem = facility == null ? null : PublishedNames.listedValueProblem("facility", facility);
        if (facilityProblem != null) {
            problems.error(file, fm.lineOf("/facility"), facilityProblem);
        }
        SiteConfig site = new SiteConfig(title, Objects.requireNonNullElse(text(fm, "description"), ""), baseUrl, facility,
                text(fm, "contact"), apiUrl, license, Objects.requireNonNullElse(text(fm, "data_root"), "data"),
                Objects.requireNonNullElse(text(fm, "publisher"), facility),
                bytes(fm, "preview_budget_dataset", SiteConfig.DEFAULT_PREVIEW_DATASET_BYTES, problems),
                bytes(fm, "preview_budget_site", SiteConfig.DEFAULT_PREVIEW_SITE_BYTES, problems));
        if (site.contact() != null && !UrlPolicy.CONTACT.allows(site.contactUrl())) {
            problems.error(file, fm.lineOf("/contact"), "contact '" + site.contact() + "' must be " + UrlPolicy.CONTACT.description()
                    + ", such as curator@example.org or https://example.org/contact");
        }
        return site;
    }

    /** A size setting: bytes, or a number with B, kB, MB or GB (decimal, as file sizes are shown). */
    private static long bytes(FrontMatter fm, String field, long fallback, Problems problems) {
        String s = text(fm, field);
        if (s == null) {
            return fallback;
        }
        java.util.regex.Matcher m = BYTES.matcher(s);
        if (!m.matches()) {
            problems.error(fm.file(), fm.lineOf("/" + field), field + " must be a size such as 50 MB or 50000000, got '" + s + "'");
            return fallback;
        }
        long unit = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "kB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            default -> 1L;
        };
        return (long) (Double.parseDouble(m.group(1)) * unit);
    }

    private static String text(FrontMatter fm, String field) {
        String s = fm.data().path(field).asText("").strip();
        return s.isEmpty() ? null : s;
    }

    private static Page readPage(FrontMatter fm, Problems problems) {
        String name = fm.file().getFileName().toString();
        String slug = name.substring(0, name.length() - 3);
        String slugProblem = PublishedNames.slugProblem(slug);
        if (slugProblem != null) {
            problems.error(fm.file(), 1, slugProblem);
        }
        String title = fm.data().path("title").asText("").strip();
        if (title.isEmpty()) {
            problems.error(fm.file(), fm.lineOf("/title"), "missing required field 'title'");
            title = slug;
        }
        int order = fm.data().path("order").asInt(100);
        return new Page(slug, title, order, fm.body(), fm.file());
    }

    private static FrontMatter frontMatter(Path file, Problems problems) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            return FrontMatter.parse(file, text);
        } catch (FrontMatter.Invalid e) {
            problems.error(file, e.line(), e.getMessage());
        } catch (CharacterCodingException e) {
            problems.error(file, 1, "not UTF-8 text: save the file as UTF-8");
        } catch (IOException e) {
            problems.error(file, 1, "cannot read: " + e.getMessage());
        }
        return null;
    }

    /** A markdown file and its {@link ContentCache#stamp stamp}, found in one lookup. */
    private record SourceFile(Path path, String stamp) {
    }

    /** The markdown files of {@code dir}, sorted by name; one over {@link MarkdownLimits#MAX_BYTES} is reported and left out. */
    private static List<SourceFile> markdownFiles(Path dir, Problems problems) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
        // One stat per file tells both that it is a file and whether it changed: on a site of
        // ten thousand datasets, that lookup is much of a rebuild's cost.
        return files.parallelStream().map(p -> {
            try {
                BasicFileAttributes attributes = Files.readAttributes(p, BasicFileAttributes.class);
                String tooLarge = attributes.isRegularFile() ? MarkdownLimits.sizeProblem(attributes.size()) : null;
                if (tooLarge != null) {
                    problems.error(p, 1, tooLarge);
                    return null;
                }
                return attributes.isRegularFile() ? new SourceFile(p, ContentCache.stamp(attributes)) : null;
            } catch (IOException e) {
                return null; // Gone since it was listed.
            }
        }).filter(Objects::nonNull).toList();
    }
}

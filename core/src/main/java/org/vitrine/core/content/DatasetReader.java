package org.vitrine.core.content;

import com.fasterxml.jackson.databind.JsonNode;
import org.vitrine.core.model.Author;
import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.model.Parameter;
import org.vitrine.core.model.PreviewOptions;
import org.vitrine.core.model.Provenance;
import org.vitrine.core.model.Publication;
import org.vitrine.core.model.Sample;
import org.vitrine.core.model.SiteConfig;
import org.vitrine.core.model.Status;
import org.vitrine.core.model.Technique;
import org.vitrine.core.techniques.PaNet;
import org.vitrine.core.units.UnitTable;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one dataset's front matter into a {@link Dataset}, checking every field on the way. Each
 * problem names the line it was written on. Reading never stops at the first problem, so a
 * curator sees all of them at once.
 */
public final class DatasetReader {

    private static final Pattern QUANTITY = Pattern.compile("^\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*(\\S.*)?$");
    private static final Set<String> FIELDS = Set.of("id", "title", "doi", "related", "authors", "license", "released",
            "status", "technique", "facility", "instrument", "sample", "keywords", "parameters", "files", "synthetic",
            ExpectedWarnings.FIELD);
    private static final Set<String> AUTHOR_FIELDS = Set.of("name", "type", "orcid", "affiliation", "role");
    private static final Set<String> FILE_FIELDS = Set.of("path", "url", "name", "role", "dataset", "kind", "preview");
    private static final Set<String> PREVIEW_FIELDS = Set.of("frame", "axis", "colormap", "scale", "far_field");
    private static final Set<String> COLORMAPS = Set.of("gray", "viridis", "inferno", "magma", "cividis");
    private static final Set<String> SCALES = Set.of("linear", "log", "sqrt");

    private final SiteConfig site;
    private final PaNet panet;

    public DatasetReader(SiteConfig site, PaNet panet) {
        this.site = site;
        this.panet = panet;
    }

    /** Reads a dataset; problems go to {@code problems}. Returns null when it is unusable (no id or title). */
    public Dataset read(FrontMatter fm, Problems problems) {
        Fields f = new Fields(fm, problems);
        JsonNode d = fm.data();
        for (Iterator<String> it = d.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                f.warn("/" + name, "unknown field '" + name + "' is ignored (known: " + String.join(", ", new java.util.TreeSet<>(FIELDS)) + ")");
            }
        }

        String id = f.requiredText("/id");
        if (id != null && !PublishedNames.ID.matcher(id).matches()) {
            f.error("/id", "id '" + id + "' must be lower-case letters, digits, '.', '_' or '-' (at most 80)");
        }
        String title = f.requiredText("/title");

        String doi = Identifiers.bareDoi(f.text("/doi"));
        if (doi != null && !Identifiers.isDoi(doi)) {
            f.error("/doi", "'" + doi + "' is not a DOI such as 10.5281/zenodo.17899482");
        }

        List<Publication> related = new ArrayList<>();
        for (int i : f.indices("/related")) {
            String p = "/related/" + i;
            String rdoi = Identifiers.bareDoi(f.text(p + "/doi"));
            String citation = f.text(p + "/citation");
            if (rdoi != null && !Identifiers.isDoi(rdoi)) {
                f.error(p + "/doi", "'" + rdoi + "' is not a DOI such as 10.1038/s41586-020-2649-2");
            }
            if (rdoi == null && citation == null) {
                f.error(p, "a related publication needs a doi or a citation");
            }
            related.add(new Publication(rdoi, citation));
        }

        List<Author> authors = new ArrayList<>();
        List<Integer> authorEntries = f.indices("/authors");
        for (int i : authorEntries) {
            Author author = readAuthor(f, "/authors/" + i);
            if (author != null) {
                authors.add(author);
            }
        }
        if (authorEntries.isEmpty()) {
            f.error("/authors", "at least one author is required");
        }

        String license = f.text("/license");
        if (license == null) {
            license = site.defaultLicense();
            if (license == null) {
                f.error("/license", "missing required field 'license' (an SPDX id such as CC-BY-4.0), and the site names no default");
            }
        } else if (!Identifiers.isSpdx(license)) {
            f.error("/license", "'" + license + "' is not an SPDX licence id (for example CC-BY-4.0, CC0-1.0, MIT)");
        }

        LocalDate released = null;
        String releasedText = f.requiredText("/released");
        if (releasedText != null) {
            try {
                released = LocalDate.parse(releasedText);
            } catch (DateTimeParseException e) {
                f.error("/released", "'" + releasedText + "' is not a date: write YYYY-MM-DD");
            }
        }

        Status status = Status.PUBLISHED;
        String statusText = f.text("/status");
        if (statusText != null) {
            switch (statusText.toLowerCase(Locale.ROOT)) {
                case "published" -> status = Status.PUBLISHED;
                case "draft" -> status = Status.DRAFT;
                default -> f.error("/status", "status must be 'published' or 'draft', not '" + statusText + "'");
            }
        }

        Technique technique = null;
        String techniqueId = f.requiredText("/technique");
        if (techniqueId != null) {
            technique = panet.technique(techniqueId).orElse(null);
            if (technique == null) {
                f.error("/technique", "'" + techniqueId + "' is not a PaNET technique id (for example PaNET01212 for ptychography)");
            }
        }

        String facility = f.text("/facility");
        if (facility == null) {
            facility = site.facility();
            if (facility == null) {
                f.error("/facility", "missing required field 'facility'");
            }
        } else {
            f.errorIf("/facility", PublishedNames.listedValueProblem("facility", facility));
        }

        Sample sample = null;
        if (d.has("sample")) {
            if (d.get("sample").isTextual()) {
                sample = new Sample(d.get("sample").asText(), null);
            } else {
                sample = new Sample(f.requiredText("/sample/name"), f.text("/sample/description"));
            }
        }

        List<String> keywords = new ArrayList<>();
        for (int i : f.indices("/keywords")) {
            String k = f.text("/keywords/" + i);
            if (k != null && keywords.stream().anyMatch(k::equalsIgnoreCase)) {
                f.warn("/keywords/" + i, "keyword '" + k + "' is listed twice; it is kept once");
            } else if (k != null) {
                f.errorIf("/keywords/" + i, PublishedNames.listedValueProblem("keyword", k));
                keywords.add(k);
            }
        }

        List<Parameter> parameters = readParameters(f);
        List<DataFile> files = readFiles(f);
        boolean synthetic = d.path("synthetic").asBoolean(false);

        if (id == null || title == null) {
            return null;
        }
        return new Dataset(id, title, doi, related, authors, license, released, status, technique, facility,
                f.text("/instrument"), sample, keywords, parameters, files, Map.of(), synthetic, fm.body(), fm.file());
    }

    private List<Parameter> readParameters(Fields f) {
        List<Parameter> out = new ArrayList<>();
        JsonNode params = f.fm.data().get("parameters");
        if (params == null || params.isNull()) {
            return out;
        }
        if (!params.isObject()) {
            f.error("/parameters", "parameters must be a mapping such as 'photon_energy: 8.7 keV'");
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = "/parameters/" + e.getKey();
            JsonNode v = e.getValue();
            if (v.isNumber()) {
                out.add(new Parameter(e.getKey(), v.asDouble(), "", Provenance.CURATED));
            } else if (v.isTextual()) {
                Matcher m = QUANTITY.matcher(v.asText());
                if (m.matches()) {
                    out.add(new Parameter(e.getKey(), Double.parseDouble(m.group(1)), m.group(2) == null ? "" : m.group(2).strip(), Provenance.CURATED));
                } else {
                    f.error(p, "'" + v.asText() + "' is not a number with a unit, such as '8.7 keV'");
                    continue;
                }
            } else if (v.isObject() && v.path("value").isNumber()) {
                out.add(new Parameter(e.getKey(), v.get("value").asDouble(), v.path("unit").asText(""), Provenance.CURATED));
            } else {
                f.error(p, "parameter '" + e.getKey() + "' needs a value: write '8.7 keV' or {value: 8.7, unit: keV}");
                continue;
            }
            checkUnit(f, p, e.getKey(), out.get(out.size() - 1).unit());
        }
        return out;
    }

    /**
     * Warns of a unit that search cannot convert, or that does not measure what the parameter's
     * name says (viewers read the wavelength, distances and sizes, and would misread them).
     */
    private static void checkUnit(Fields f, String pointer, String name, String unit) {
        Optional<UnitTable.Unit> known = UnitTable.find(unit);
        if (known.isPresent() && UnitTable.fits(name, known.get())) {
            return;
        }
        Optional<UnitTable.Quantity> expected = UnitTable.quantityOf(name);
        String units = String.join(", ", expected.map(UnitTable::symbolsOf).orElseGet(UnitTable::knownSymbols));
        if (known.isEmpty()) {
            // Shown as written, but search cannot compare it with other units.
            List<String> meant = UnitTable.sameButForCase(unit);
            f.warn(pointer, "unit '" + unit + "' of parameter '" + name + "' is not known"
                    + (meant.isEmpty() ? "" : " (did you mean '" + String.join("' or '", meant) + "'?)")
                    + ", so range searches will not find it; " + (expected.isPresent() ? "write one of " : "known units: ") + units);
        } else {
            String measured = expected.orElseThrow().noun();
            f.warn(pointer, unit.isBlank()
                    ? "parameter '" + name + "' measures " + measured + " but has no unit: write one of " + units
                    : "parameter '" + name + "' measures " + measured + ", but '" + unit + "' measures "
                            + known.get().quantity().noun() + ": write one of " + units);
        }
    }

    private List<DataFile> readFiles(Fields f) {
        List<DataFile> out = new ArrayList<>();
        // One file listed twice (to preview two of its datasets) is one published file.
        Map<String, Map.Entry<String, String>> publishedAt = new java.util.HashMap<>();
        for (int i : f.indices("/files")) {
            String p = "/files/" + i;
            JsonNode node = f.fm.data().at(p);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!FILE_FIELDS.contains(name)) {
                    f.warn(p + "/" + name, "unknown file field '" + name + "' is ignored");
                }
            }
            String path = f.text(p + "/path");
            String url = f.text(p + "/url");
            if (path == null && url == null) {
                f.error(p, "a file needs a 'path' under the data root or a public 'url'");
            }
            String pathProblem = path == null ? null : SafePaths.relativeProblem(path);
            if (pathProblem != null) {
                f.error(p + "/path", "file path '" + path + "' " + pathProblem);
                path = null;
            }
            if (url != null && !UrlPolicy.WEB.allows(url)) {
                f.error(p + "/url", "url '" + url + "' must be " + UrlPolicy.WEB.description() + ", such as https://zenodo.org/records/1234");
            }
            String name = f.text(p + "/name");
            if ((path != null || name != null) && !publishable(f, p, path, url, name, publishedAt)) {
                path = null;
            }
            String dataset = f.text(p + "/dataset");
            FileKind kind = FileKind.NONE;
            String kindText = f.text(p + "/kind");
            if (kindText != null) {
                try {
                    kind = FileKind.valueOf(kindText.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    f.error(p + "/kind", "kind must be diffraction, volume, image or none, not '" + kindText + "'");
                }
            } else if (dataset != null) {
                f.error(p + "/kind", "say how to preview '" + dataset + "': kind: diffraction, volume or image");
            }
            if (kind != FileKind.NONE && dataset == null) {
                f.error(p + "/dataset", "a previewed file needs 'dataset', the HDF5 path to preview");
            }
            out.add(new DataFile(path, url, name, f.text(p + "/role"), dataset, kind, readPreview(f, p + "/preview", kind)));
        }
        return out;
    }

    /**
     * Whether the file of entry {@code p} can be published under its name (its {@code name}, else
     * its path's last part): a name a site and the API can serve, which no other local file of
     * the dataset takes; reports why not. A local file's name makes a file of the site and a name
     * in the API.
     *
     * @param publishedAt the names taken so far, as file systems that ignore case compare them, to
     *                    the path and entry that took each
     */
    private static boolean publishable(Fields f, String p, String path, String url, String name,
                                       Map<String, Map.Entry<String, String>> publishedAt) {
        String published = name != null ? name : DataFile.defaultName(path, url);
        String namedAt = p + (name != null ? "/name" : "/path");
        String problem = PublishedNames.fileNameProblem(published);
        if (problem != null) {
            f.error(namedAt, "file '" + published + "' cannot be published under that name: " + problem
                    + (name == null ? "; give it another with 'name:'" : ""));
            return false;
        }
        Map.Entry<String, String> first = path == null ? null
                : publishedAt.putIfAbsent(published.toLowerCase(Locale.ROOT), Map.entry(path, namedAt));
        if (first != null && !first.getKey().equals(path)) {
            f.error(namedAt, "two files would be published as '" + published + "' (also line " + f.fm.lineOf(first.getValue())
                    + "): give one of them another name with 'name:'");
            return false;
        }
        return true;
    }

    /** One entry of {@code authors}: a person (the default) or an organization; null when it has no usable name. */
    private static Author readAuthor(Fields f, String p) {
        JsonNode node = f.fm.data().at(p);
        if (!node.isObject()) {
            f.error(p, "an author is a mapping with at least a name (  - name: Ada Lovelace)");
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!AUTHOR_FIELDS.contains(name)) {
                f.warn(p + "/" + name, "unknown author field '" + name + "' is ignored (known: " + String.join(", ", new java.util.TreeSet<>(AUTHOR_FIELDS)) + ")");
            }
        }
        String name = f.requiredText(p + "/name");
        String type = f.text(p + "/type");
        String orcid = Identifiers.bareOrcid(f.text(p + "/orcid"));
        String affiliation = f.text(p + "/affiliation");
        String role = f.text(p + "/role");
        if (type != null && !type.equals("person") && !type.equals("organization")) {
            f.error(p + "/type", "author type must be person or organization, not '" + type + "'");
            return null;
        }
        if ("organization".equals(type)) {
            if (orcid != null) {
                f.error(p + "/orcid", "an ORCID iD identifies a person: an organization has none");
            }
            return name == null ? null : Author.organization(name, affiliation, role);
        }
        if (orcid != null && !Identifiers.isOrcid(orcid)) {
            f.error(p + "/orcid", "'" + orcid + "' is not a valid ORCID iD (format 0000-0000-0000-000X, ISO 7064 check digit)");
        }
        if (name == null) {
            return null;
        }
        int comma = name.indexOf(',');
        if (comma >= 0 && (name.indexOf(',', comma + 1) >= 0 || name.substring(0, comma).isBlank())) {
            // "Family, Given" has one comma, with the family name before it.
            f.error(p + "/name", "write a person's name as 'Given Family' or 'Family, Given', not '" + name
                    + "'; for a collaboration or team, add 'type: organization'");
            return null;
        }
        return Author.person(name, orcid, affiliation, role);
    }

    private PreviewOptions readPreview(Fields f, String p, FileKind kind) {
        JsonNode node = f.fm.data().at(p);
        if (node.isMissingNode() || node.isNull()) {
            return PreviewOptions.DEFAULT;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!PREVIEW_FIELDS.contains(name)) {
                f.warn(p + "/" + name, "unknown preview option '" + name + "' is ignored (known: frame, axis, colormap, scale, far_field)");
            }
        }
        Integer frame = f.nonNegativeInt(p + "/frame");
        Integer axis = f.nonNegativeInt(p + "/axis");
        if (axis != null && axis > 2) {
            f.error(p + "/axis", "axis must be 0, 1 or 2");
        }
        String colormap = f.text(p + "/colormap");
        if (colormap != null && !COLORMAPS.contains(colormap)) {
            f.error(p + "/colormap", "colormap must be one of " + new java.util.TreeSet<>(COLORMAPS) + ", not '" + colormap + "'");
        }
        String scale = f.text(p + "/scale");
        if (scale != null && !SCALES.contains(scale)) {
            f.error(p + "/scale", "scale must be linear, log or sqrt, not '" + scale + "'");
        }
        Boolean farField = f.bool(p + "/far_field");
        if (farField != null && kind != FileKind.DIFFRACTION && kind != FileKind.IMAGE) {
            f.warn(p + "/far_field", "far_field says whether diffraction frames or images are far-field patterns; "
                    + "it means nothing for kind " + kind.name().toLowerCase(Locale.ROOT) + " and is ignored");
            farField = null;
        }
        return new PreviewOptions(frame, axis, colormap, scale, farField);
    }

    /** Typed access to front matter values that reports type errors at their line. */
    private static final class Fields {
        final FrontMatter fm;
        final Problems problems;

        Fields(FrontMatter fm, Problems problems) {
            this.fm = fm;
            this.problems = problems;
        }

        void error(String pointer, String message) {
            problems.error(fm.file(), fm.lineOf(pointer), message);
        }

        /** Reports {@code message} as an error at {@code pointer}, unless it is null (no problem). */
        void errorIf(String pointer, String message) {
            if (message != null) {
                error(pointer, message);
            }
        }

        void warn(String pointer, String message) {
            problems.warning(fm.file(), fm.lineOf(pointer), message);
        }

        String text(String pointer) {
            JsonNode n = fm.data().at(pointer);
            if (n.isMissingNode() || n.isNull()) {
                return null;
            }
            if (n.isContainerNode()) {
                error(pointer, "'" + pointer.substring(pointer.lastIndexOf('/') + 1) + "' must be a single value, not a list or mapping");
                return null;
            }
            String s = n.asText().strip();
            return s.isEmpty() ? null : s;
        }

        String requiredText(String pointer) {
            String s = text(pointer);
            if (s == null && !fm.data().at(pointer).isContainerNode()) {
                error(pointer, "missing required field '" + pointer.substring(pointer.lastIndexOf('/') + 1) + "'");
            }
            return s;
        }

        Integer nonNegativeInt(String pointer) {
            JsonNode n = fm.data().at(pointer);
            if (n.isMissingNode() || n.isNull()) {
                return null;
            }
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 0) {
                error(pointer, "'" + n.asText() + "' must be a whole number ≥ 0");
                return null;
            }
            return n.asInt();
        }

        /** A YAML boolean ({@code true} or {@code false}), or null when absent or (an error) anything else. */
        Boolean bool(String pointer) {
            JsonNode n = fm.data().at(pointer);
            if (n.isMissingNode() || n.isNull()) {
                return null;
            }
            if (!n.isBoolean()) {
                error(pointer, "'" + pointer.substring(pointer.lastIndexOf('/') + 1) + "' must be true or false, not '" + n.asText() + "'");
                return null;
            }
            return n.booleanValue();
        }

        /** Indices of the list at {@code pointer}; a missing list is empty, a non-list is an error. */
        List<Integer> indices(String pointer) {
            JsonNode n = fm.data().at(pointer);
            if (n.isMissingNode() || n.isNull()) {
                return List.of();
            }
            if (!n.isArray()) {
                error(pointer, "'" + pointer.substring(1) + "' must be a list (lines starting with '- ')");
                return List.of();
            }
            List<Integer> out = new ArrayList<>();
            for (int i = 0; i < n.size(); i++) {
                out.add(i);
            }
            return out;
        }
    }
}

package org.vitrine.generator.site;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.vitrine.core.content.Identifiers;
import org.vitrine.core.fair.Citation;
import org.vitrine.core.fair.DataCite;
import org.vitrine.core.model.Author;
import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileFacts;
import org.vitrine.core.model.FileKind;
import org.vitrine.core.model.PreviewOptions;
import org.vitrine.core.units.UnitTable;
import org.vitrine.core.volume.PreviewVolumes;
import org.vitrine.core.model.Parameter;
import org.vitrine.core.model.Provenance;
import org.vitrine.core.model.Publication;
import org.vitrine.core.model.SiteConfig;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A dataset as templates see it: plain maps of display-ready strings, links relative to the site
 * root. Templates stay free of formatting logic, and every value they print is escaped by
 * FreeMarker's HTML output format except the body, which {@link MarkdownRenderer} sanitized.
 */
final class DatasetView {

    /** The downloads are indented for people; the JSON-LD in each page is read by machines. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper COMPACT = new ObjectMapper();

    private DatasetView() {
    }

    /** The summary used in lists, tables, feeds and the home page. */
    static Map<String, Object> summary(Dataset d, String summaryText, List<PreviewImage> thumbs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("title", d.title());
        m.put("href", Links.dataset(d.id()));
        m.put("released", d.released() == null ? "" : d.released().toString());
        m.put("year", d.released() == null ? "" : String.valueOf(d.released().getYear()));
        m.put("technique", d.technique() == null ? "" : d.technique().label());
        m.put("techniqueHref", d.technique() == null ? "" : Links.technique(d.technique().label()));
        m.put("facility", d.facility());
        m.put("facilityHref", Links.facility(d.facility()));
        m.put("summary", summaryText);
        m.put("synthetic", d.synthetic());
        PreviewImage first = thumbs.isEmpty() ? null : thumbs.get(0);
        m.put("thumbnail", first == null ? "" : Links.dataset(d.id()) + first.small());
        m.put("thumbnailAlt", first == null ? "" : first.alt());
        return m;
    }

    /** Everything the dataset page shows. */
    static Map<String, Object> full(Dataset d, SiteConfig site, String bodyHtml, String summaryText, List<PreviewImage> thumbs) {
        String landing = site.baseUrl() + Links.dataset(d.id());
        Map<String, Object> m = summary(d, summaryText, thumbs);
        m.put("doi", d.doi() == null ? "" : d.doi());
        m.put("doiUrl", d.doi() == null ? "" : d.doiUrl());
        m.put("landingUrl", landing);
        m.put("citeAs", d.doi() != null ? d.doiUrl() : landing);
        m.put("license", d.license());
        m.put("licenseUrl", Identifiers.spdxUrl(d.license()));
        m.put("techniqueId", d.technique() == null ? "" : d.technique().id());
        m.put("techniqueIri", d.technique() == null ? "" : d.technique().iri());
        m.put("instrument", d.instrument() == null ? "" : d.instrument());
        m.put("sampleName", d.sample() == null || d.sample().name() == null ? "" : d.sample().name());
        m.put("sampleDescription", d.sample() == null || d.sample().description() == null ? "" : d.sample().description());
        m.put("keywords", d.keywords().stream().map(k -> Map.of("name", k, "href", Links.keyword(k))).toList());
        m.put("authors", d.authors().stream().map(DatasetView::author).toList());
        m.put("parameters", d.parameters().stream().map(DatasetView::parameter).toList());
        List<Map<String, Object>> files = d.files().stream().map(f -> file(d, f)).toList();
        m.put("files", files);
        List<Map<String, Object>> downloads = files.stream().filter(f -> !(Boolean) f.get("link")).toList();
        m.put("downloads", downloads);
        m.put("downloadColumns", columns(downloads));
        m.put("links", files.stream().filter(f -> (Boolean) f.get("link")).toList());
        m.put("dataSummary", dataSummary(d));
        m.put("related", d.related().stream().map(DatasetView::publication).toList());
        String page = Links.dataset(d.id());
        m.put("thumbnails", thumbs.stream().map(t -> t.view(page)).toList());
        // A file's viewer shows its thumbnail until it is ready (and without JavaScript); the other
        // thumbnails are shown on their own.
        Map<Integer, PreviewImage> thumbOf = thumbs.stream().collect(Collectors.toMap(PreviewImage::file, t -> t, (a, b) -> a));
        List<Map<String, Object>> viewers = new java.util.ArrayList<>();
        for (int i = 0; i < d.files().size(); i++) {
            DataFile f = d.files().get(i);
            if (viewable(d, f)) {
                Map<String, Object> v = viewer(d, f);
                PreviewImage t = thumbOf.remove(i);
                v.put("thumbnail", t == null ? Map.of() : t.view(page));
                viewers.add(v);
            }
        }
        m.put("viewers", viewers);
        m.put("previews", thumbOf.values().stream().sorted(java.util.Comparator.comparingInt(PreviewImage::file))
                .map(t -> t.view(page)).toList());
        m.put("body", bodyHtml);
        m.put("citation", Citation.text(d, site, landing));
        m.put("jsonLd", scriptSafe(compact(DataCite.schemaOrg(d, site, landing, summaryText))));
        return m;
    }

    /** File names of the downloads written beside each dataset page. */
    static final List<String> EXPORTS = List.of("citation.bib", "citation.ris", "datacite.json");

    /** The downloads written beside the page, named as in {@link #EXPORTS}: name → UTF-8 content. */
    static Map<String, byte[]> exports(Dataset d, SiteConfig site) {
        String landing = site.baseUrl() + Links.dataset(d.id());
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("citation.bib", Citation.bibtex(d, site, landing).getBytes(StandardCharsets.UTF_8));
        out.put("citation.ris", Citation.ris(d, site, landing).getBytes(StandardCharsets.UTF_8));
        try {
            // Encoded by Jackson straight to bytes: the file is all that is made of it.
            byte[] json = JSON.writeValueAsBytes(DataCite.json(d, site, landing));
            byte[] file = Arrays.copyOf(json, json.length + 1);
            file[json.length] = '\n';
            out.put("datacite.json", file);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** True when the in-page viewer can show {@code f}: a previewable file published as a volume. */
    private static boolean viewable(Dataset d, DataFile f) {
        FileFacts facts = d.factsOf(f);
        if (!PreviewVolumes.isPreviewable(f) || facts == null || facts.shape() == null || facts.dtype() == null) {
            return false;
        }
        try {
            PreviewVolumes.of(d, f, facts.shape().stream().mapToLong(Long::longValue).toArray(), facts.dtype());
            return true;
        } catch (IllegalArgumentException notAVolume) {
            return false;
        }
    }

    /**
     * What a viewer needs: where its volume is (logical name for the API, path beside the page for
     * the static tree), how to show it first, and the geometry for q and resolution read-outs in SI
     * units ("" when unknown).
     */
    private static Map<String, Object> viewer(Dataset d, DataFile f) {
        PreviewOptions o = f.preview() == null ? PreviewOptions.DEFAULT : f.preview();
        boolean frames = f.kind() == FileKind.DIFFRACTION;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("kind", f.kind() == FileKind.VOLUME ? "volume" : "frames");
        m.put("logicalName", d.logicalName(f));
        m.put("precomputed", PreviewVolumeBake.pathOnPage(f));
        m.put("dataset", f.dataset());
        m.put("colormap", o.colormap() != null ? o.colormap() : frames ? "inferno" : "gray");
        m.put("scale", o.scale() != null ? o.scale() : frames ? "log" : "linear");
        m.put("frame", o.frame() == null ? "" : String.valueOf(o.frame()));
        m.put("mask", frames);
        m.put("farField", f.isFarField(d.technique()));
        Double wavelength = si(d, "wavelength");
        Double energy = si(d, "photon_energy");
        if (wavelength == null && energy != null && energy > 0) {
            // λ = h c / E
            wavelength = 6.62607015e-34 * 299792458.0 / energy;
        }
        m.put("wavelengthM", wavelength == null ? "" : String.valueOf(wavelength));
        m.put("distanceM", si(d, "detector_distance") == null ? "" : String.valueOf(si(d, "detector_distance")));
        m.put("pixelM", si(d, f.kind() == FileKind.VOLUME ? "voxel_size" : "pixel_size") == null ? ""
                : String.valueOf(si(d, f.kind() == FileKind.VOLUME ? "voxel_size" : "pixel_size")));
        Double beamX = pixels(d, "beam_center_x");
        Double beamY = pixels(d, "beam_center_y");
        m.put("beamCentre", beamX == null || beamY == null ? "" : beamX + "," + beamY);
        return m;
    }

    /**
     * A beam-centre coordinate in pixels: as the file gives it, or from a length and the pixel
     * size; null when neither works.
     */
    private static Double pixels(Dataset d, String name) {
        for (Parameter p : d.parameters()) {
            if (p.name().equals(name)) {
                if (p.unit().equals("pixel")) {
                    return p.value();
                }
                Double length = si(d, name);
                Double pixel = si(d, "pixel_size");
                return length == null || pixel == null || pixel <= 0 ? null : length / pixel;
            }
        }
        return null;
    }

    /**
     * The parameter {@code name} in SI units, or null when absent or in a unit that is unknown or
     * does not measure what the name says (the check warned of it; a viewer would misread it).
     */
    private static Double si(Dataset d, String name) {
        for (Parameter p : d.parameters()) {
            if (p.name().equals(name) && UnitTable.find(p.unit()).filter(u -> UnitTable.fits(name, u)).isPresent()) {
                return UnitTable.toSi(p.value(), p.unit()).value();
            }
        }
        return null;
    }

    private static Map<String, Object> author(Author a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("orcid", a.orcid() == null ? "" : a.orcid());
        m.put("orcidUrl", a.orcid() == null ? "" : a.orcidUrl());
        m.put("affiliation", a.affiliation() == null ? "" : a.affiliation());
        m.put("role", a.role() == null ? "" : a.role());
        return m;
    }

    private static Map<String, Object> parameter(Parameter p) {
        return Map.of("label", p.label(), "name", p.name(), "value", number(p.value()), "unit", p.unit(),
                "fromFile", p.provenance() == Provenance.FILE);
    }

    private static Map<String, Object> publication(Publication p) {
        return Map.of("doi", p.doi() == null ? "" : p.doi(), "doiUrl", p.doi() == null ? "" : p.doiUrl(),
                "citation", p.citation() == null ? "" : p.citation());
    }

    private static Map<String, Object> file(Dataset d, DataFile f) {
        FileFacts facts = d.factsOf(f);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("role", f.role() == null ? "" : f.role());
        m.put("href", f.url() != null ? f.url() : f.pathOnPage());
        m.put("external", f.url() != null);
        m.put("dataset", f.dataset() == null ? "" : f.dataset());
        m.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
        m.put("size", facts == null ? "" : humanSize(facts.size()));
        m.put("bytes", facts == null ? "" : String.valueOf(facts.size()));
        m.put("sha256", facts == null || facts.sha256() == null ? "" : facts.sha256());
        m.put("format", f.format(facts));
        m.put("mediaType", f.mediaType() == null ? "" : f.mediaType());
        m.put("link", f.isLink());
        // CXI writes its version as an integer: 160 is version 1.6.
        m.put("formatVersion", facts == null || facts.cxiVersion() == null ? ""
                : facts.cxiVersion() / 100 + "." + facts.cxiVersion() % 100 / 10);
        m.put("shape", facts == null || facts.shape() == null ? ""
                : facts.shape().stream().map(String::valueOf).collect(Collectors.joining(" × ")));
        m.put("dtype", facts == null || facts.dtype() == null ? "" : facts.dtype());
        m.put("recorded", facts == null ? List.of() : recorded(facts.recorded()));
        return m;
    }

    /** The columns of the files table that some file has a value in (its name always), by the file views' keys. */
    private static Map<String, Boolean> columns(List<Map<String, Object>> files) {
        Map<String, Boolean> shown = new LinkedHashMap<>();
        for (String column : List.of("role", "format", "size", "dataset", "shape", "dtype", "sha256")) {
            shown.put(column, files.stream().anyMatch(f -> !String.valueOf(f.get(column)).isEmpty()));
        }
        return shown;
    }

    /**
     * What the dataset's files come to: "1 file, 2.76 MB", "3 files, 1.20 GB in total", "3 files:
     * 1.20 GB and 1 of unknown size" (linked files are not read); empty when it has only links.
     */
    static String dataSummary(Dataset d) {
        long count = 0;
        long bytes = 0;
        long unknown = 0;
        for (DataFile f : d.files()) {
            if (f.isLink()) {
                continue;
            }
            count++;
            FileFacts facts = d.factsOf(f);
            if (facts == null) {
                unknown++;
            } else {
                bytes += facts.size();
            }
        }
        if (count == 0) {
            return "";
        }
        String files = count + (count == 1 ? " file" : " files");
        if (unknown == count) {
            return files;
        }
        if (unknown > 0) {
            return files + ": " + humanSize(bytes) + " and " + unknown + " of unknown size";
        }
        return files + ", " + humanSize(bytes) + (count > 1 ? " in total" : "");
    }

    private static final Map<String, String> RECORDED_LABELS = Map.of("title", "Title", "experiment_identifier", "Experiment",
            "start_time", "Start", "end_time", "End");

    /** What the file's NeXus entry records as text, labelled, in a fixed order. */
    private static List<Map<String, Object>> recorded(Map<String, String> texts) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (String field : List.of("title", "experiment_identifier", "start_time", "end_time")) {
            if (texts.containsKey(field)) {
                out.add(Map.of("label", RECORDED_LABELS.get(field), "value", texts.get(field)));
            }
        }
        return out;
    }

    /** Up to 6 significant digits, no exponent for everyday magnitudes, no trailing zeros. */
    static String number(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e7) {
            return new BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        }
        String s = String.format(Locale.ROOT, "%.5e", v);
        String[] parts = s.split("e");
        String mantissa = parts[0].replaceAll("0+$", "").replaceAll("\\.$", "");
        return mantissa + " × 10^" + Integer.parseInt(parts[1]);
    }

    /** Decimal (SI) units, as file browsers show them. */
    static String humanSize(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double v = bytes;
        int u = -1;
        do {
            v /= 1000;
            u++;
        } while (v >= 1000 && u < units.length - 1);
        return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    static String write(Object json) {
        return write(JSON, json);
    }

    private static String compact(Object json) {
        return write(COMPACT, json);
    }

    private static String write(ObjectMapper mapper, Object json) {
        try {
            return mapper.writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** JSON inside a script element must not contain "</script" or "<!--"; escaping '<' is enough. */
    static String scriptSafe(String json) {
        return json.replace("<", "\\u003c");
    }
}

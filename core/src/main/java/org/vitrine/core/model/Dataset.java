package org.vitrine.core.model;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One curated dataset: the curator's front matter and markdown body, completed with what was
 * read from its files. Whether it may be shown is decided by {@link Visibility}, never here.
 *
 * @param id           stable identifier, also the page's URL segment
 * @param title        title
 * @param doi          dataset DOI ({@code 10.1234/abc}), or null
 * @param related      related publications
 * @param authors      creators, in citation order
 * @param license      SPDX licence id
 * @param released     release date; a future date embargoes the dataset
 * @param status       published or draft
 * @param technique    the PaNET technique, label resolved from the ontology
 * @param facility     facility name
 * @param instrument   instrument or beamline, or null
 * @param sample       the sample, or null
 * @param keywords     free keywords
 * @param parameters   experimental parameters, curated and read from files
 * @param files        files, in the curator's order
 * @param facts        what was read from each local file, by {@link DataFile#path()}
 * @param synthetic    true when the data are simulated and not measured
 * @param body         markdown body (description, methods, notes)
 * @param source       the content file this dataset was written in
 */
public record Dataset(
        String id,
        String title,
        String doi,
        List<Publication> related,
        List<Author> authors,
        String license,
        LocalDate released,
        Status status,
        Technique technique,
        String facility,
        String instrument,
        Sample sample,
        List<String> keywords,
        List<Parameter> parameters,
        List<DataFile> files,
        Map<String, FileFacts> facts,
        boolean synthetic,
        String body,
        Path source) {

    public Dataset {
        related = List.copyOf(related);
        authors = List.copyOf(authors);
        keywords = List.copyOf(keywords);
        parameters = List.copyOf(parameters);
        files = List.copyOf(files);
        // Sorted, so a dataset prints the same way in every run (build cache keys rely on it).
        facts = Collections.unmodifiableMap(new TreeMap<>(facts));
    }

    public String doiUrl() {
        return doi == null ? null : "https://doi.org/" + doi;
    }

    /** The first file with a preview, or null. */
    public DataFile previewFile() {
        return files.stream().filter(f -> f.isLocal() && f.kind() != FileKind.NONE && f.dataset() != null)
                .findFirst().orElse(null);
    }

    /**
     * The name the API serves {@code file} of this dataset under, {@code <id>/<published name>}:
     * the same name whose bytes the site publishes beside the dataset's page.
     */
    public String logicalName(DataFile file) {
        return id + "/" + file.name();
    }

    /** Facts read from {@code file}, or null when it was not read. */
    public FileFacts factsOf(DataFile file) {
        return file.path() == null ? null : facts.get(file.path());
    }

    /** A copy with the given parameters and file facts (used once files have been read). */
    public Dataset withFileData(List<Parameter> parameters, Map<String, FileFacts> facts) {
        return new Dataset(id, title, doi, related, authors, license, released, status, technique, facility,
                instrument, sample, keywords, parameters, files, facts, synthetic, body, source);
    }
}

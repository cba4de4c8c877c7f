package org.vitrine.core.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vitrine.core.model.Author;
import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileFacts;
import org.vitrine.core.model.Parameter;
import org.vitrine.core.model.Publication;
import org.vitrine.core.units.UnitTable;

import java.util.Locale;

/**
 * A dataset's metadata as JSON: the one record that {@code /api/datasets/{id}} answers and that
 * the static site publishes beside the dataset page. Keys are in a fixed order and absent values
 * are left out, so the output is deterministic. Paths of this machine (the content file) are never
 * included.
 */
public final class DatasetJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DatasetJson() {
    }

    /** The record as a JSON tree. */
    public static ObjectNode of(Dataset d, DatasetLinks links) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", d.id());
        o.put("title", d.title());
        putIfSet(o, "doi", d.doi());
        putIfSet(o, "doiUrl", d.doiUrl());
        putIfSet(o, "released", d.released() == null ? null : d.released().toString());
        putIfSet(o, "license", d.license());
        if (d.technique() != null) {
            ObjectNode t = o.putObject("technique");
            t.put("id", d.technique().id());
            t.put("label", d.technique().label());
            t.put("iri", d.technique().iri());
            ArrayNode a = t.putArray("ancestors");
            d.technique().ancestors().forEach(a::add);
        }
        putIfSet(o, "facility", d.facility());
        putIfSet(o, "instrument", d.instrument());
        if (d.sample() != null) {
            ObjectNode s = o.putObject("sample");
            putIfSet(s, "name", d.sample().name());
            putIfSet(s, "description", d.sample().description());
        }
        ArrayNode keywords = o.putArray("keywords");
        d.keywords().forEach(keywords::add);
        ArrayNode authors = o.putArray("authors");
        for (Author a : d.authors()) {
            ObjectNode n = authors.addObject();
            n.put("name", a.name());
            putIfSet(n, "orcid", a.orcid());
            putIfSet(n, "orcidUrl", a.orcidUrl());
            putIfSet(n, "affiliation", a.affiliation());
            putIfSet(n, "role", a.role());
        }
        ArrayNode related = o.putArray("related");
        for (Publication p : d.related()) {
            ObjectNode n = related.addObject();
            putIfSet(n, "doi", p.doi());
            putIfSet(n, "doiUrl", p.doiUrl());
            putIfSet(n, "citation", p.citation());
        }
        ArrayNode parameters = o.putArray("parameters");
        for (Parameter p : d.parameters()) {
            ObjectNode n = parameters.addObject();
            n.put("name", p.name());
            n.put("label", p.label());
            n.put("value", p.value());
            n.put("unit", p.unit());
            UnitTable.find(p.unit()).ifPresent(u -> {
                UnitTable.SiValue si = UnitTable.toSi(p.value(), p.unit());
                n.put("siValue", si.value());
                n.put("siUnit", si.unit());
            });
            if (p.provenance() != null) {
                n.put("provenance", p.provenance().name().toLowerCase(Locale.ROOT));
            }
        }
        ArrayNode files = o.putArray("files");
        for (DataFile f : d.files()) {
            ObjectNode n = files.addObject();
            n.put("name", f.name());
            putIfSet(n, "path", f.path());
            putIfSet(n, "url", f.url());
            putIfSet(n, "role", f.role());
            putIfSet(n, "dataset", f.dataset());
            if (f.kind() != null) {
                n.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
            }
            FileFacts facts = d.factsOf(f);
            if (facts != null) {
                n.put("size", facts.size());
                putIfSet(n, "sha256", facts.sha256());
                putIfSet(n, "format", facts.format());
                if (facts.shape() != null) {
                    ArrayNode shape = n.putArray("shape");
                    facts.shape().forEach(shape::add);
                }
                putIfSet(n, "dtype", facts.dtype());
                if (facts.cxiVersion() != null) {
                    n.put("cxiVersion", facts.cxiVersion());
                }
            }
        }
        o.put("synthetic", d.synthetic());
        putIfSet(o, "description", d.body());
        o.put("url", links.page(d));
        putIfSet(o, "thumbnail", links.thumbnail(d));
        return o;
    }

    /** The record as compact JSON, UTF-8 encoded (as the index stores it and the API sends it). */
    public static byte[] toJson(Dataset d, DatasetLinks links) {
        try {
            return MAPPER.writeValueAsBytes(of(d, links));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write dataset " + d.id() + " as JSON", e);
        }
    }

    private static void putIfSet(ObjectNode o, String key, String value) {
        if (value != null && !value.isEmpty()) {
            o.put(key, value);
        }
    }
}

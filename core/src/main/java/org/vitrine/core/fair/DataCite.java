package org.vitrine.core.fair;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vitrine.core.content.Identifiers;
import org.vitrine.core.model.Author;
import org.vitrine.core.model.DataFile;
import org.vitrine.core.model.Dataset;
import org.vitrine.core.model.FileFacts;
import org.vitrine.core.model.Parameter;
import org.vitrine.core.model.Publication;
import org.vitrine.core.model.SiteConfig;

/**
 * DataCite Metadata Schema 4.5 in its JSON form (as the DataCite REST API and content
 * negotiation return it), and schema.org {@code Dataset} JSON-LD for search engines.
 */
public final class DataCite {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DataCite() {
    }

    /** DataCite JSON attributes of the dataset. */
    public static ObjectNode json(Dataset d, SiteConfig site, String landingUrl) {
        ObjectNode o = JSON.createObjectNode();
        if (d.doi() != null) {
            o.put("doi", d.doi());
            ArrayNode ids = o.putArray("identifiers");
            ids.addObject().put("identifier", d.doiUrl()).put("identifierType", "DOI");
        }
        ArrayNode creators = o.putArray("creators");
        for (Author a : d.authors()) {
            ObjectNode c = creators.addObject();
            c.put("name", a.citationName());
            c.put("nameType", a.organization() ? "Organizational" : "Personal");
            putNameParts(c, a);
            if (a.orcid() != null) {
                c.putArray("nameIdentifiers").addObject()
                        .put("nameIdentifier", a.orcidUrl())
                        .put("nameIdentifierScheme", "ORCID")
                        .put("schemeUri", "https://orcid.org");
            }
            if (a.affiliation() != null) {
                c.putArray("affiliation").addObject().put("name", a.affiliation());
            }
        }
        o.putArray("titles").addObject().put("title", d.title());
        if (site.publisher() != null) {
            o.putObject("publisher").put("name", site.publisher());
        }
        if (d.released() != null) {
            o.put("publicationYear", d.released().getYear());
            o.putArray("dates").addObject().put("date", d.released().toString()).put("dateType", "Available");
        }
        o.putObject("types").put("resourceTypeGeneral", "Dataset").put("resourceType", d.technique() == null ? "Dataset" : d.technique().label());
        ArrayNode subjects = o.putArray("subjects");
        if (d.technique() != null) {
            subjects.addObject().put("subject", d.technique().label())
                    .put("subjectScheme", "PaNET").put("schemeUri", "http://purl.org/pan-science/PaNET/")
                    .put("valueUri", d.technique().iri());
        }
        d.keywords().forEach(k -> subjects.addObject().put("subject", k));
        if (d.license() != null) {
            o.putArray("rightsList").addObject()
                    .put("rights", d.license())
                    .put("rightsUri", Identifiers.spdxUrl(d.license()))
                    .put("rightsIdentifier", d.license())
                    .put("rightsIdentifierScheme", "SPDX");
        }
        ArrayNode related = o.putArray("relatedIdentifiers");
        for (Publication p : d.related()) {
            if (p.doi() != null) {
                related.addObject().put("relatedIdentifier", p.doi()).put("relatedIdentifierType", "DOI")
                        .put("relationType", "IsSupplementTo");
            }
        }
        ArrayNode sizes = o.putArray("sizes");
        ArrayNode formats = o.putArray("formats");
        for (DataFile f : d.files()) {
            FileFacts facts = d.factsOf(f);
            if (facts != null) {
                sizes.add(facts.size() + " bytes");
            }
        }
        d.files().stream().map(DataFile::mediaType).filter(java.util.Objects::nonNull).distinct().forEach(formats::add);
        ArrayNode descriptions = o.putArray("descriptions");
        if (d.sample() != null && d.sample().name() != null) {
            descriptions.addObject().put("description", "Sample: " + d.sample().name()
                    + (d.sample().description() == null ? "" : ". " + d.sample().description()))
                    .put("descriptionType", "Other");
        }
        if (d.instrument() != null || d.facility() != null) {
            descriptions.addObject().put("description", "Measured at " + join(d.facility(), d.instrument()))
                    .put("descriptionType", "Methods");
        }
        o.put("url", landingUrl);
        o.put("schemaVersion", "http://datacite.org/schema/kernel-4");
        return o;
    }

    /** schema.org {@code Dataset} JSON-LD, as Google Dataset Search reads it. */
    public static ObjectNode schemaOrg(Dataset d, SiteConfig site, String landingUrl, String description) {
        ObjectNode o = JSON.createObjectNode();
        o.put("@context", "https://schema.org/");
        o.put("@type", "Dataset");
        o.put("@id", d.doi() != null ? d.doiUrl() : landingUrl);
        o.put("name", d.title());
        o.put("description", description.length() >= 50 ? description
                : (description + " " + d.title() + " (" + (d.technique() == null ? "dataset" : d.technique().label()) + ").").strip());
        o.put("url", landingUrl);
        o.put("identifier", d.doi() != null ? d.doiUrl() : landingUrl);
        if (d.released() != null) {
            o.put("datePublished", d.released().toString());
        }
        if (d.license() != null) {
            o.put("license", Identifiers.spdxUrl(d.license()));
        }
        o.put("isAccessibleForFree", true);
        ArrayNode creators = o.putArray("creator");
        for (Author a : d.authors()) {
            ObjectNode c = creators.addObject();
            c.put("@type", a.organization() ? "Organization" : "Person");
            c.put("name", a.name());
            putNameParts(c, a);
            if (a.orcid() != null) {
                c.put("@id", a.orcidUrl());
                c.put("identifier", a.orcidUrl());
            }
            if (a.affiliation() != null) {
                c.putObject("affiliation").put("@type", "Organization").put("name", a.affiliation());
            }
        }
        if (site.publisher() != null) {
            o.putObject("publisher").put("@type", "Organization").put("name", site.publisher());
        }
        ArrayNode keywords = o.putArray("keywords");
        if (d.technique() != null) {
            keywords.add(d.technique().label());
            o.putObject("measurementTechnique").put("@type", "DefinedTerm")
                    .put("name", d.technique().label()).put("termCode", d.technique().id())
                    .put("url", d.technique().iri()).put("inDefinedTermSet", "http://purl.org/pan-science/PaNET/PaNET.owl");
        }
        d.keywords().stream().filter(k -> d.technique() == null || !k.equalsIgnoreCase(d.technique().label())).forEach(keywords::add);
        ArrayNode variables = o.putArray("variableMeasured");
        for (Parameter p : d.parameters()) {
            ObjectNode v = variables.addObject();
            v.put("@type", "PropertyValue").put("name", p.label()).put("value", p.value());
            if (!p.unit().isEmpty()) {
                v.put("unitText", p.unit());
            }
        }
        ArrayNode dist = JSON.createArrayNode();
        for (DataFile f : d.files()) {
            if (f.isLink()) {
                continue; // a portal or record page is no download
            }
            ObjectNode dl = dist.addObject();
            dl.put("@type", "DataDownload").put("name", f.name());
            if (f.mediaType() != null) {
                dl.put("encodingFormat", f.mediaType());
            }
            dl.put("contentUrl", f.url() != null ? f.url() : landingUrl + f.pathOnPage());
            FileFacts facts = d.factsOf(f);
            if (facts != null) {
                dl.put("contentSize", facts.size() + " B");
                dl.put("sha256", facts.sha256());
            }
        }
        if (!dist.isEmpty()) {
            o.set("distribution", dist);
        }
        if (!d.related().isEmpty()) {
            ArrayNode citations = o.putArray("citation");
            d.related().forEach(p -> citations.add(p.doi() != null ? p.doiUrl() : p.citation()));
        }
        o.putObject("includedInDataCatalog").put("@type", "DataCatalog").put("name", site.title()).put("url", site.baseUrl());
        return o;
    }

    /** A person's given and family names, as both DataCite and schema.org call them. */
    private static void putNameParts(ObjectNode creator, Author a) {
        if (a.givenName() != null) {
            creator.put("givenName", a.givenName());
        }
        if (a.familyName() != null) {
            creator.put("familyName", a.familyName());
        }
    }

    private static String join(String facility, String instrument) {
        if (facility == null) {
            return instrument;
        }
        return instrument == null ? facility : facility + ", " + instrument;
    }
}

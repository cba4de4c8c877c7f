package org.vitrine.core.techniques;

import org.vitrine.core.model.Technique;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The PaNET technique ontology (ExPaNDS, CC-BY-4.0), bundled as its OWL release. Resolves an id
 * such as {@code PaNET01212} to its label and every broader technique, so a search for
 * "coherent diffraction imaging" also finds ptychography.
 */
public final class PaNet {

    private static final String RESOURCE = "PaNET.owl";
    private static final String IRI_PREFIX = "http://purl.org/pan-science/PaNET/";
    private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static final String RDFS = "http://www.w3.org/2000/01/rdf-schema#";
    private static final String OWL = "http://www.w3.org/2002/07/owl#";

    private static final PaNet BUNDLED = new PaNet(PaNet::readBundled);

    /** The ontology's terms: labels by id, and each id's direct parents. */
    private record Terms(Map<String, String> labels, Map<String, List<String>> parents) {
    }

    private final java.util.function.Supplier<Terms> source;
    private final Map<String, Optional<Technique>> techniques = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Terms terms;

    private PaNet(java.util.function.Supplier<Terms> source) {
        this.source = source;
    }

    /**
     * The ontology shipped with Vitrine. It is parsed on first use, once: a rebuild whose
     * datasets were all remembered from the previous run never needs it.
     */
    public static PaNet bundled() {
        return BUNDLED;
    }

    private static Terms readBundled() {
        try (InputStream in = PaNet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("PaNET ontology resource missing: " + RESOURCE);
            }
            return parse(in).terms();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Terms terms() {
        Terms t = terms;
        if (t == null) {
            synchronized (this) {
                if (terms == null) {
                    terms = source.get();
                }
                t = terms;
            }
        }
        return t;
    }

    /** Parses a PaNET OWL (RDF/XML) document: class labels and their {@code rdfs:subClassOf} parents. */
    public static PaNet parse(InputStream owl) {
        Map<String, String> labels = new HashMap<>();
        Map<String, List<String>> parents = new HashMap<>();
        try {
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            XMLStreamReader xml = factory.createXMLStreamReader(owl);
            // Only top-level owl:Class elements name PaNET terms; nested ones are anonymous restrictions.
            Deque<String> classStack = new ArrayDeque<>();
            int depth = 0;
            int classDepth = -1;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String ns = xml.getNamespaceURI();
                    String local = xml.getLocalName();
                    if (OWL.equals(ns) && "Class".equals(local) && classDepth < 0) {
                        String about = xml.getAttributeValue(RDF, "about");
                        if (about != null && about.startsWith(IRI_PREFIX)) {
                            classStack.push(about.substring(IRI_PREFIX.length()));
                            classDepth = depth;
                        }
                    } else if (classDepth >= 0 && depth == classDepth + 1 && RDFS.equals(ns)) {
                        String id = classStack.peek();
                        if ("subClassOf".equals(local)) {
                            String parent = xml.getAttributeValue(RDF, "resource");
                            if (parent != null && parent.startsWith(IRI_PREFIX)) {
                                parents.computeIfAbsent(id, k -> new ArrayList<>()).add(parent.substring(IRI_PREFIX.length()));
                            }
                        } else if ("label".equals(local)) {
                            labels.putIfAbsent(id, xml.getElementText().trim());
                            depth--;
                        }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if (depth == classDepth) {
                        classStack.pop();
                        classDepth = -1;
                    }
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("Cannot read the PaNET ontology: " + e.getMessage(), e);
        }
        Terms terms = new Terms(Map.copyOf(labels), Map.copyOf(parents));
        return new PaNet(() -> terms);
    }

    /** Number of techniques in the ontology. */
    public int size() {
        return terms().labels().size();
    }

    /** True when {@code id} (such as {@code PaNET01212}) is a term of the ontology. */
    public boolean contains(String id) {
        return terms().labels().containsKey(id);
    }

    /**
     * The technique with this id, with its label and the labels of all its ancestors (breadth
     * first, nearest first, each once), or empty when the id is unknown.
     */
    public Optional<Technique> technique(String id) {
        // Thousands of datasets share a few techniques: each one's ancestors are walked once.
        return techniques.computeIfAbsent(id, this::lookUp);
    }

    private Optional<Technique> lookUp(String id) {
        Map<String, String> labels = terms().labels();
        Map<String, List<String>> parents = terms().parents();
        String label = labels.get(id);
        if (label == null) {
            return Optional.empty();
        }
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(parents.getOrDefault(id, List.of()));
        while (!queue.isEmpty()) {
            String p = queue.poll();
            if (!p.equals(id) && seen.add(p)) {
                queue.addAll(parents.getOrDefault(p, List.of()));
            }
        }
        List<String> ancestorIds = seen.stream().filter(labels::containsKey).toList();
        return Optional.of(new Technique(id, label, ancestorIds.stream().map(labels::get).toList(), ancestorIds));
    }
}

package org.vitrine.core.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vitrine.core.model.Dataset;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The static index holds what the Lucene index holds, as the browser needs it, and nothing private. */
class StaticIndexWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every file of an index written into {@code site}, by path under the index folder. */
    static Map<String, byte[]> files(List<Dataset> datasets) {
        Map<String, byte[]> files = new TreeMap<>();
        StaticIndexWriter.write(datasets, DatasetLinks.DEFAULT, (path, bytes) -> {
            String inFolder = path.substring(StaticIndexWriter.FOLDER.length() + 1);
            assertTrue(files.put(inFolder, bytes) == null, "written twice: " + path);
        });
        return files;
    }

    static JsonNode read(Map<String, byte[]> files, String path) throws Exception {
        assertTrue(files.containsKey(path), "no " + path + " in " + files.keySet());
        return JSON.readTree(files.get(path));
    }

    /**
     * Every term of every field, with its postings and positions, as the static files state them
     * ("field term" → "doc:freq:norm@positions …").
     */
    static Map<String, String> staticPostings(Map<String, byte[]> files) throws Exception {
        Map<String, String> out = new TreeMap<>();
        JsonNode dictionaries = read(files, "index.json").get("dictionaries");
        for (Iterator<String> names = dictionaries.fieldNames(); names.hasNext(); ) {
            String dictionary = names.next();
            for (int n = 0; n < dictionaries.get(dictionary).size(); n++) {
                JsonNode terms = read(files, "t/" + dictionary + "/" + n + ".json");
                JsonNode positions = read(files, "p/" + dictionary + "/" + n + ".json");
                Map<String, JsonNode> positionsOf = new TreeMap<>();
                positions.forEach(e -> positionsOf.put(e.get(0).asText(), e.get(1)));
                assertEquals(dictionaries.get(dictionary).get(n).asText(), terms.get(0).get(0).asText(), "first key of " + n);
                for (JsonNode entry : terms) {
                    String term = entry.get(0).asText();
                    for (Iterator<Map.Entry<String, JsonNode>> fields = entry.get(1).fields(); fields.hasNext(); ) {
                        Map.Entry<String, JsonNode> f = fields.next();
                        if (f.getKey().equals("s")) {
                            continue;
                        }
                        assertEquals(dictionary, StaticIndexWriter.dictionaryOf(f.getKey()));
                        JsonNode p = f.getValue();
                        JsonNode gaps = positionsOf.get(term).get(f.getKey());
                        StringBuilder s = new StringBuilder();
                        int doc = 0;
                        int at = 0;
                        for (int i = 0; i < p.size(); i += 3) {
                            doc += p.get(i).asInt();
                            int freq = p.get(i + 1).asInt();
                            s.append(doc).append(':').append(freq).append(':').append(p.get(i + 2).asInt()).append('@');
                            int position = 0;
                            for (int k = 0; k < freq; k++) {
                                position += gaps.get(at++).asInt();
                                s.append(position).append(',');
                            }
                            s.append(' ');
                        }
                        assertEquals(gaps.size(), at, "positions of " + term);
                        out.put(f.getKey() + " " + term, s.toString());
                    }
                }
            }
        }
        return out;
    }

    /** The same read from a Lucene index of one segment. */
    static Map<String, String> lucenePostings(LeafReader reader) throws Exception {
        Map<String, String> out = new TreeMap<>();
        List<String> fields = new ArrayList<>(SearchSchema.FIELDS);
        fields.add(SearchSchema.ALL);
        for (String field : fields) {
            Terms terms = reader.terms(field);
            if (terms == null) {
                continue;
            }
            TermsEnum te = terms.iterator();
            for (BytesRef t = te.next(); t != null; t = te.next()) {
                NumericDocValues norms = reader.getNormValues(field);
                PostingsEnum pe = te.postings(null, PostingsEnum.POSITIONS);
                StringBuilder s = new StringBuilder();
                for (int doc = pe.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pe.nextDoc()) {
                    assertTrue(norms.advanceExact(doc));
                    s.append(doc).append(':').append(pe.freq()).append(':').append(norms.longValue() & 0xFF).append('@');
                    for (int k = 0; k < pe.freq(); k++) {
                        s.append(pe.nextPosition()).append(',');
                    }
                    s.append(' ');
                }
                out.put(field + " " + t.utf8ToString(), s.toString());
            }
        }
        return out;
    }

    @Test
    void holdsTheLuceneIndexsTermsPostingsPositionsNormsAndStatistics(@TempDir Path dir) throws Exception {
        List<Dataset> datasets = DemoCollection.collection().publicDatasets();
        Map<String, byte[]> files = files(datasets);
        SearchIndexWriter.write(datasets, dir, DatasetLinks.DEFAULT);
        try (FSDirectory fs = FSDirectory.open(dir); DirectoryReader reader = DirectoryReader.open(fs)) {
            LeafReader leaf = reader.leaves().get(0).reader();
            assertEquals(1, reader.leaves().size());
            Map<String, String> lucene = lucenePostings(leaf);
            assertTrue(lucene.size() > 500, "terms: " + lucene.size());
            assertEquals(lucene, staticPostings(files));

            JsonNode index = read(files, "index.json");
            assertEquals(reader.numDocs(), index.get("docs").asInt());
            JsonNode fields = index.get("fields");
            for (FieldInfo info : leaf.getFieldInfos()) {
                Terms terms = leaf.terms(info.name);
                if (terms != null && (SearchSchema.FIELDS.contains(info.name) || info.name.equals(SearchSchema.ALL))) {
                    assertEquals(terms.getDocCount(), fields.get(info.name).get(0).asInt(), info.name);
                    assertEquals(terms.getSumTotalTermFreq(), fields.get(info.name).get(1).asLong(), info.name);
                }
            }
        }
    }

    @Test
    void mapsWordsAsWrittenToTheirTermsIncludingPluralsTheCollectionDoesNotWrite() throws Exception {
        Map<String, String> surfaces = new TreeMap<>();
        Map<String, byte[]> files = files(DemoCollection.collection().publicDatasets());
        JsonNode any = read(files, "index.json").get("dictionaries").get(StaticIndexWriter.ANY);
        for (int n = 0; n < any.size(); n++) {
            read(files, "t/any/" + n + ".json").forEach(e -> {
                if (e.get(1).has("s")) {
                    surfaces.put(e.get(0).asText(), e.get(1).get("s").asText());
                }
            });
        }
        assertEquals("detector", surfaces.get("detectors"), "written in the collection");
        assertEquals("microcrystal", surfaces.get("microcrystals"));
        assertEquals("protein", surfaces.get("proteins"), "a plural the collection does not write");
        assertEquals("laser", surfaces.get("lasers"));
        assertFalse(surfaces.containsKey("protein"), "a word indexed as written needs no entry");
        assertFalse(surfaces.containsKey("ptychography"));
    }

    @Test
    void neverMentionsEmbargoedOrDraftDatasets() {
        Map<String, byte[]> files = files(DemoCollection.collection().publicDatasets());
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String text = new String(f.getValue(), StandardCharsets.UTF_8);
            for (String secret : List.of("embargoed-zeolite", "zeolite", "Quasicrystalline", "quasicrystalline", "draft-notes",
                    "draftonly", "MAX IV", "P06")) {
                assertFalse(text.contains(secret), secret + " in " + f.getKey());
            }
        }
    }

    @Test
    void isDeterministic(@TempDir Path dir) throws Exception {
        List<Dataset> shuffled = new ArrayList<>(DemoCollection.collection().publicDatasets());
        StaticIndexWriter.write(shuffled, DatasetLinks.DEFAULT, dir.resolve("a"));
        Collections.shuffle(shuffled, new java.util.Random(7));
        StaticIndexWriter.write(shuffled, DatasetLinks.DEFAULT, dir.resolve("b"));
        List<Path> a;
        try (Stream<Path> walk = Files.walk(dir.resolve("a"))) {
            a = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(a.size() > 10, "files: " + a.size());
        for (Path file : a) {
            Path other = dir.resolve("b").resolve(dir.resolve("a").relativize(file));
            assertEquals(Files.readString(file), Files.readString(other), file.toString());
        }
        try (Stream<Path> walk = Files.walk(dir.resolve("b"))) {
            assertEquals(a.size(), walk.filter(Files::isRegularFile).count());
        }
    }
}

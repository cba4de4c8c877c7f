package org.vitrine.api.search;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link SearchResult} as JSON bytes, field by field: the same text Jackson's databind
 * writes for the records, without its reflective bean serializers, which cost a noticeable share
 * of a search request.
 */
final class SearchResultJson {

    private static final JsonFactory FACTORY = new JsonFactory();
    /** Enough for a default page of hits with snippets and all facets, so the buffer rarely grows. */
    private static final int INITIAL_BYTES = 8 * 1024;

    private SearchResultJson() {
    }

    static byte[] write(SearchResult result) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(INITIAL_BYTES);
        try (JsonGenerator json = FACTORY.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeNumberField("total", result.total());
            json.writeNumberField("page", result.page());
            json.writeNumberField("size", result.size());
            json.writeArrayFieldStart("hits");
            for (SearchResult.Hit hit : result.hits()) {
                json.writeStartObject();
                json.writeStringField("id", hit.id());
                json.writeStringField("title", hit.title());
                json.writeStringField("url", hit.url());
                json.writeStringField("thumbnail", hit.thumbnail());
                json.writeStringField("snippet", hit.snippet());
                json.writeStringField("technique", hit.technique());
                json.writeStringField("facility", hit.facility());
                json.writeStringField("released", hit.released());
                json.writeNumberField("score", hit.score());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("facets");
            for (Map.Entry<String, List<SearchResult.FacetValue>> dim : result.facets().entrySet()) {
                json.writeArrayFieldStart(dim.getKey());
                for (SearchResult.FacetValue v : dim.getValue()) {
                    json.writeStartObject();
                    json.writeStringField("value", v.value());
                    json.writeNumberField("count", v.count());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeObjectFieldStart("more");
            for (Map.Entry<String, Integer> dim : result.more().entrySet()) {
                json.writeNumberField(dim.getKey(), dim.getValue());
            }
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}

package org.vitrine.core.content;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A content file split into its YAML front matter (fenced by {@code ---} lines, the Jekyll/Hugo
 * convention) and its markdown body. Every value remembers the line it was written on, so
 * checks can point curators at {@code file:line}.
 */
public final class FrontMatter {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Path file;
    private final ObjectNode data;
    private final Map<String, Integer> lines;
    private final String body;
    private final int bodyLine;

    private FrontMatter(Path file, ObjectNode data, Map<String, Integer> lines, String body, int bodyLine) {
        this.file = file;
        this.data = data;
        this.lines = lines;
        this.body = body;
        this.bodyLine = bodyLine;
    }

    /** Thrown when a file has no usable front matter; carries the line of the problem. */
    public static final class Invalid extends Exception {
        private final int line;

        Invalid(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /**
     * Splits and parses {@code text}, the content of {@code file}.
     *
     * @throws Invalid when the fence is missing or the YAML is malformed or not a mapping
     */
    public static FrontMatter parse(Path file, String text) throws Invalid {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.indexOf('\r') >= 0) {
            text = text.replace("\r\n", "\n");
        }
        int end = lineEnd(text, 0);
        if (!text.substring(0, end).strip().equals("---")) {
            throw new Invalid(1, "missing front matter: the file must start with a '---' line, then YAML, then '---'");
        }
        int yamlStart = Math.min(end + 1, text.length());
        int close = -1;
        int yamlEnd = -1;
        int bodyStart = -1;
        // Line by line (index i) to the closing fence, without splitting the whole file.
        for (int i = 1, start = end + 1; start <= text.length(); i++, start = end + 1) {
            end = lineEnd(text, start);
            String s = text.substring(start, end).stripTrailing();
            if (s.equals("---") || s.equals("...")) {
                close = i;
                yamlEnd = start;
                bodyStart = Math.min(end + 1, text.length());
                break;
            }
        }
        if (close < 0) {
            throw new Invalid(1, "front matter is not closed: add a '---' line after the YAML");
        }
        String yaml = text.substring(yamlStart, yamlEnd);
        String body = text.substring(bodyStart);
        // YAML line 1 is file line 2: the opening fence comes first.
        Map<String, Integer> lines = new HashMap<>();
        ObjectNode data = readMapping(yaml, 1, lines);
        return new FrontMatter(file, data, Map.copyOf(lines), body, close + 2);
    }

    /** Where the line starting at {@code start} ends: its '\n' or the end of the text. */
    private static int lineEnd(String text, int start) {
        int n = text.indexOf('\n', start);
        return n < 0 ? text.length() : n;
    }

    /**
     * Parses a plain YAML file (no fences, no body), such as the site configuration, keeping the
     * line of every value.
     */
    public static FrontMatter yamlFile(Path file, String text) throws Invalid {
        Map<String, Integer> lines = new HashMap<>();
        ObjectNode data = readMapping(text, 0, lines);
        return new FrontMatter(file, data, Map.copyOf(lines), "", 1);
    }

    private static ObjectNode readMapping(String yaml, int offset, Map<String, Integer> lines) throws Invalid {
        ObjectNode data;
        try (JsonParser p = YAML.createParser(yaml)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                data = NODES.objectNode();
            } else if (first != JsonToken.START_OBJECT) {
                throw new Invalid(offset + line(p), "YAML must be a mapping of fields (key: value)");
            } else {
                data = (ObjectNode) read(p, "", lines, offset);
            }
        } catch (JsonProcessingException e) {
            throw malformed(e, offset);
        } catch (IOException e) {
            throw new Invalid(1, "cannot read YAML: " + e.getMessage());
        }
        lines.put("", 1);
        return data;
    }

    /**
     * The YAML parser's own account of a problem: what is wrong, on the line where it is (a tab
     * used to indent, a missing bracket), and where the construct it was reading began.
     */
    private static Invalid malformed(JsonProcessingException e, int offset) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null && yaml.getProblemMark() != null) {
            String problem = yaml.getProblem().strip();
            Mark start = yaml.getContextMark();
            String context = yaml.getContext() == null || start == null ? ""
                    : " (" + yaml.getContext().strip() + " from line " + (offset + start.getLine() + 1) + ")";
            return new Invalid(offset + yaml.getProblemMark().getLine() + 1, "malformed YAML: " + problem + context);
        }
        JsonLocation loc = e.getLocation();
        int at = loc == null ? 1 : offset + Math.max(loc.getLineNr(), 1);
        return new Invalid(at, "malformed YAML: " + e.getOriginalMessage().lines().findFirst().orElse("").strip());
    }

    private static int line(JsonParser p) {
        return Math.max(p.currentTokenLocation().getLineNr(), 1);
    }

    private static JsonNode read(JsonParser p, String pointer, Map<String, Integer> lines, int offset)
            throws IOException, Invalid {
        lines.putIfAbsent(pointer, offset + line(p));
        if (p instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            // The parser gives an alias as the name of its anchor, which would pass for the value.
            throw new Invalid(offset + line(p), "YAML aliases (*" + p.getText() + ") are not supported: write the value out");
        }
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                ObjectNode obj = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    int keyLine = offset + line(p);
                    if (obj.has(name)) {
                        throw new Invalid(keyLine, "duplicate key '" + name + "'");
                    }
                    String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                    lines.put(child, keyLine);
                    p.nextToken();
                    obj.set(name, read(p, child, lines, offset));
                }
                return obj;
            }
            case START_ARRAY -> {
                ArrayNode arr = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    arr.add(read(p, pointer + "/" + i++, lines, offset));
                }
                return arr;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(p.getBooleanValue());
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new Invalid(offset + line(p), "unsupported YAML value");
        }
    }

    public Path file() {
        return file;
    }

    /** The front matter as a tree. */
    public ObjectNode data() {
        return data;
    }

    /** The markdown after the closing fence. */
    public String body() {
        return body;
    }

    /** File line where the body starts. */
    public int bodyLine() {
        return bodyLine;
    }

    /**
     * File line of the value at a JSON pointer ({@code /files/0/path}); for a pointer that was not
     * written, the line of its nearest written parent.
     */
    public int lineOf(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return 1;
            }
            p = p.substring(0, slash);
        }
    }
}

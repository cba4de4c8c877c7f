package org.vitrine.core.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A content file split into its YAML front matter (fenced by {@code ---} lines, the Jekyll/Hugo
 * convention) and its markdown body. Every value remembers the line it was written on, so
 * checks can point curators at {@code file:line}.
 */
public final class FrontMatter {

    // SnakeYAML's events are read directly: the tree is built here anyway, with the line of
    // every value, and Jackson's YAML reader in between made a resolver of its own per file.
    private static final LoaderOptions LOADING = new LoaderOptions();
    /** Only read after it is made, which SnakeYAML's resolver allows from any thread. */
    private static final Resolver RESOLVER = new Resolver();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The tags of YAML 1.1's types ("!!int"); any other tag leaves a value text. */
    private static final String YAML_TAG = "tag:yaml.org,2002:";

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
        try {
            Parser p = new ParserImpl(new StreamReader(yaml), LOADING);
            p.getEvent(); // the stream's start
            if (p.checkEvent(Event.ID.StreamEnd)) {
                data = NODES.objectNode(); // nothing but comments
            } else {
                p.getEvent(); // the document's start
                Event first = p.peekEvent();
                if (!(first instanceof MappingStartEvent)) {
                    throw new Invalid(offset + line(first), "YAML must be a mapping of fields (key: value)");
                }
                data = (ObjectNode) read(p, "", lines, offset);
                p.getEvent(); // the document's end
                if (!p.checkEvent(Event.ID.StreamEnd)) {
                    throw new Invalid(offset + line(p.peekEvent()), "a second YAML document: write one mapping of fields");
                }
            }
        } catch (MarkedYAMLException e) {
            throw malformed(e, offset);
        } catch (YAMLException e) {
            throw new Invalid(1, "malformed YAML: " + e.getMessage().lines().findFirst().orElse("").strip());
        }
        lines.put("", 1);
        return data;
    }

    /**
     * The YAML parser's own account of a problem: what is wrong, on the line where it is (a tab
     * used to indent, a missing bracket), and where the construct it was reading began.
     */
    private static Invalid malformed(MarkedYAMLException yaml, int offset) {
        String problem = yaml.getProblem() == null ? yaml.getMessage() : yaml.getProblem();
        Mark at = yaml.getProblemMark() != null ? yaml.getProblemMark() : yaml.getContextMark();
        Mark start = yaml.getContextMark();
        String context = yaml.getContext() == null || start == null ? ""
                : " (" + yaml.getContext().strip() + " from line " + (offset + start.getLine() + 1) + ")";
        return new Invalid(at == null ? 1 : offset + at.getLine() + 1,
                "malformed YAML: " + problem.lines().findFirst().orElse("").strip() + context);
    }

    private static int line(Event e) {
        return e.getStartMark().getLine() + 1;
    }

    private static JsonNode read(Parser p, String pointer, Map<String, Integer> lines, int offset) throws Invalid {
        Event e = p.getEvent();
        lines.putIfAbsent(pointer, offset + line(e));
        if (e instanceof MappingStartEvent) {
            ObjectNode obj = NODES.objectNode();
            while (!p.checkEvent(Event.ID.MappingEnd)) {
                Event key = p.peekEvent();
                if (!(key instanceof ScalarEvent k)) {
                    throw new Invalid(offset + line(key), "a key must be plain text");
                }
                String name = k.getValue();
                int keyLine = offset + line(k);
                if (obj.has(name)) {
                    throw new Invalid(keyLine, "duplicate key '" + name + "'");
                }
                p.getEvent();
                String child = pointer + "/" + name.replace("~", "~0").replace("/", "~1");
                lines.put(child, keyLine);
                obj.set(name, read(p, child, lines, offset));
            }
            p.getEvent();
            return obj;
        }
        if (e instanceof SequenceStartEvent) {
            ArrayNode arr = NODES.arrayNode();
            int i = 0;
            while (!p.checkEvent(Event.ID.SequenceEnd)) {
                arr.add(read(p, pointer + "/" + i++, lines, offset));
            }
            p.getEvent();
            return arr;
        }
        if (e instanceof ScalarEvent scalar) {
            return scalar(scalar);
        }
        if (e instanceof AliasEvent alias) {
            throw new Invalid(offset + line(e), "YAML aliases (*" + alias.getAnchor() + ") are not supported: write the value out");
        }
        throw new Invalid(offset + line(e), "unsupported YAML value");
    }

    /**
     * A scalar typed as YAML 1.1 (and Jackson's YAML reader) types it: a quoted value is text; a
     * plain one is null, a boolean ("yes", "off"), an integer, a decimal or else text (dates
     * included), unless a "!!" tag says which.
     */
    private static JsonNode scalar(ScalarEvent e) {
        String value = e.getValue();
        String tag = e.getTag();
        String type;
        if (tag == null || tag.equals("!")) {
            type = e.getImplicit().canOmitTagInPlainScalar() ? plainType(value) : "str";
        } else if (tag.startsWith(YAML_TAG)) {
            type = tag.substring(YAML_TAG.length());
        } else {
            type = "str";
        }
        switch (type) {
            case "null" -> {
                return NODES.nullNode();
            }
            case "bool" -> {
                Boolean b = bool(value);
                return b == null ? NODES.textNode(value) : NODES.booleanNode(b);
            }
            case "int" -> {
                Long n = integer(value);
                return n == null ? NODES.textNode(value) : NODES.numberNode(n);
            }
            case "float" -> {
                Double d = decimal(value);
                return d == null ? NODES.textNode(value) : NODES.numberNode(d);
            }
            default -> {
                return NODES.textNode(value);
            }
        }
    }

    /**
     * The YAML 1.1 type of a plain scalar: "str" or the name of its tag. Only a value made of the
     * characters of numbers, booleans and nulls is handed to SnakeYAML's resolver, whose patterns
     * (tried for every value that starts like a number) cost more than the rest of the parse.
     */
    private static String plainType(String value) {
        if (value.isEmpty()) {
            return "null";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
                    || c == '.' || c == '-' || c == '+' || c == '_' || c == ':' || c == '~')) {
                return "str";
            }
            // A sign inside is no number's but an exponent's: dates and ORCID iDs are text.
            if (i > 0 && (c == '-' || c == '+') && value.charAt(i - 1) != 'e' && value.charAt(i - 1) != 'E') {
                return "str";
            }
        }
        Tag tag = RESOLVER.resolve(NodeId.scalar, value, true);
        return tag.getValue().startsWith(YAML_TAG) ? tag.getValue().substring(YAML_TAG.length()) : "str";
    }

    private static Boolean bool(String value) {
        return switch (value) {
            case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", "y", "Y" -> true;
            case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", "n", "N" -> false;
            default -> null;
        };
    }

    /** A YAML 1.1 integer ("1_000", "0x1F", "0b101", "017" octal, signed); null when it does not fit a long. */
    private static Long integer(String value) {
        String v = value.replace("_", "");
        boolean negative = v.startsWith("-");
        if (negative || v.startsWith("+")) {
            v = v.substring(1);
        }
        int radix = 10;
        if (v.startsWith("0x") || v.startsWith("0X")) {
            radix = 16;
            v = v.substring(2);
        } else if (v.startsWith("0b") || v.startsWith("0B")) {
            radix = 2;
            v = v.substring(2);
        } else if (v.length() > 1 && v.startsWith("0")) {
            radix = 8;
            v = v.substring(1);
        }
        try {
            return Long.parseLong(negative ? "-" + v : v, radix);
        } catch (NumberFormatException tooLargeOrSexagesimal) {
            return null;
        }
    }

    /**
     * A YAML 1.1 decimal ("1.5e3", "1_000.5"); null for one no JSON can hold (".inf", ".nan") and
     * one Java cannot read (sexagesimal), which stay text for the checks to point at.
     */
    private static Double decimal(String value) {
        try {
            double d = Double.parseDouble(value.replace("_", ""));
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException infinityOrSexagesimal) {
            return null;
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

package org.vitrine.core.hdf5;

import io.jhdf.CommittedDatatype;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.links.ExternalLink;

import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An open HDF5 file: the only door to jHDF. Answers what is at a path (groups, datasets, links,
 * attributes), reads scalars and attributes as plain Java values, and hands out
 * {@link Hdf5Dataset}s for hyperslab reads. Every failure is an {@link Hdf5Exception} whose
 * message names the file and the path.
 *
 * <p>Obtain one with {@link #open(Path)} for a one-off read, or from {@link Hdf5Files} to share
 * opened files and decoded chunks between requests. Close it when done; it is safe to use from
 * several threads until then.
 */
public final class Hdf5File implements AutoCloseable {

    private final OpenFile file;
    private final Runnable onClose;
    private boolean closed;

    Hdf5File(OpenFile file, Runnable onClose) {
        this.file = file;
        this.onClose = onClose;
    }

    /**
     * Opens a file on its own, with a small private chunk cache.
     *
     * @throws Hdf5Exception FILE_NOT_FOUND, or NOT_READABLE for an empty, truncated, corrupt or non-HDF5 file
     */
    public static Hdf5File open(Path path) {
        OpenFile f = OpenFile.open(path, OpenFile.Stamp.of(path), Hdf5Files.reader(new ChunkCache(64L << 20)));
        f.acquire();
        f.retire();
        return new Hdf5File(f, f::release);
    }

    /** The file's path on disk. */
    public Path path() {
        return file.path();
    }

    /** The file's name, as messages use it. */
    public String name() {
        return file.name();
    }

    /** True when something is at {@code path}, following links; false for a broken link. */
    public boolean exists(String path) {
        try {
            Node node = resolve(locate(path), path);
            return node != null;
        } catch (Hdf5Exception e) {
            if (e.kind() == Hdf5Exception.Kind.PATH_NOT_FOUND || e.kind() == Hdf5Exception.Kind.BROKEN_LINK) {
                return false;
            }
            throw e;
        }
    }

    /** True when {@code path} leads (through links) to a dataset. */
    public boolean isDataset(String path) {
        return exists(path) && resolve(locate(path), path) instanceof Dataset;
    }

    /**
     * The dataset at {@code path}, following links.
     *
     * @throws Hdf5Exception PATH_NOT_FOUND, BROKEN_LINK, or WRONG_KIND when it is not a dataset
     */
    public Hdf5Dataset dataset(String path) {
        String p = normalize(path);
        return file.dataset(p, key -> {
            Node node = resolve(locate(key), key);
            if (!(node instanceof Dataset d)) {
                throw new Hdf5Exception(Hdf5Exception.Kind.WRONG_KIND, key + " in " + name() + " is a group, not a dataset");
            }
            return guard(key, () -> new Hdf5Dataset(file, d, key));
        });
    }

    /**
     * Describes the object at {@code path} as h5grove does: links are described as links or
     * followed according to {@code links}.
     *
     * @throws Hdf5Exception PATH_NOT_FOUND ({@code … is not a valid path in …}), or BROKEN_LINK
     *                       ({@code Cannot resolve …}) with {@link LinkResolution#ALL}
     */
    public Hdf5Entity entity(String path, LinkResolution links) {
        String p = normalize(path);
        Node node = locate(p);
        String name = p.equals("/") ? "" : p.substring(p.lastIndexOf('/') + 1);
        return guard(p, () -> {
            Node target = node;
            if (node instanceof Link link) {
                boolean valid = isResolvable(link);
                if (links == LinkResolution.NONE || (!valid && links == LinkResolution.ONLY_VALID)) {
                    return describeLink(name, p, link);
                }
                if (!valid) {
                    throw new Hdf5Exception(Hdf5Exception.Kind.BROKEN_LINK, "Cannot resolve " + linkLabel(link) + " at " + p + " of " + name());
                }
                target = link.getTarget();
            }
            List<Hdf5Entity.Attribute> attributes = attributesOf(target);
            if (target instanceof Dataset d) {
                return new Hdf5Dataset(file, d, p).describe(name, attributes);
            }
            if (target instanceof Group g) {
                return new Hdf5Entity.Group(name, p, attributes, childNames(g));
            }
            if (target instanceof CommittedDatatype t) {
                return new Hdf5Entity.Datatype(name, p, attributes, TypeDescriptor.of(t.getDataType()));
            }
            throw new Hdf5Exception(Hdf5Exception.Kind.UNSUPPORTED_TYPE, p + " in " + name() + " is an object of an unsupported kind");
        });
    }

    /** Paths of {@code path} and of every link below it, depth first in name order, without descending into links (h5py's {@code visit} order). */
    public List<String> paths(String path) {
        String p = normalize(path);
        Node node = resolve(locate(p), p);
        List<String> out = new ArrayList<>();
        out.add(p);
        if (node instanceof Group g) {
            guard(p, () -> {
                visit(g, p, out, new HashSet<>());
                return null;
            });
        }
        return out;
    }

    private void visit(Group group, String prefix, List<String> out, Set<Long> seen) {
        if (!seen.add(group.getAddress())) {
            return;
        }
        Map<String, Node> children = group.getChildren();
        for (String child : childNames(group)) {
            String p = prefix.equals("/") ? "/" + child : prefix + "/" + child;
            out.add(p);
            Node n = children.get(child);
            if (n instanceof Group g && !n.isLink()) {
                visit(g, p, out, seen);
            }
        }
    }

    /**
     * Attribute values of the object at {@code path} (following links): all of them, or those
     * named in {@code names}. Values are as {@link #attribute} returns them.
     *
     * @throws Hdf5Exception PATH_NOT_FOUND, including for a name that is not an attribute
     */
    public Map<String, Object> attributes(String path, List<String> names) {
        String p = normalize(path);
        Node node = resolve(locate(p), p);
        return guard(p, () -> {
            Map<String, Attribute> all = node.getAttributes();
            Map<String, Object> out = new LinkedHashMap<>();
            List<String> keys = names == null || names.isEmpty() ? new ArrayList<>(all.keySet()) : names;
            for (String key : keys) {
                Attribute a = all.get(key);
                if (a == null) {
                    throw new Hdf5Exception(Hdf5Exception.Kind.PATH_NOT_FOUND, key + " is not a valid attribute of " + p + " in " + name());
                }
                out.put(key, valueOf(a));
            }
            return out;
        });
    }

    /**
     * One attribute's value: a Number (Long for integers, Double for floats) or a String for a
     * scalar; a Java array for an array attribute; null when the object has no such attribute
     * or the attribute is empty.
     */
    public Object attribute(String path, String name) {
        String p = normalize(path);
        Node node = resolve(locate(p), p);
        return guard(p, () -> {
            Attribute a = node.getAttribute(name);
            return a == null ? null : valueOf(a);
        });
    }

    /** An attribute as a Number (a one-element array counts), or null when absent or not numeric. */
    public Number attributeNumber(String path, String name) {
        return asNumber(attribute(path, name));
    }

    /** An attribute as a String (a one-element array counts), or null when absent or not text. */
    public String attributeString(String path, String name) {
        Object v = single(attribute(path, name));
        return v instanceof String s ? s : null;
    }

    /**
     * The value of a dataset holding one element (scalar or any shape of size 1): a Number
     * (Long, or Double for floats) or a String.
     *
     * @throws Hdf5Exception PATH_NOT_FOUND, WRONG_KIND for a group or a dataset of more than one element
     */
    public Object readScalar(String path) {
        Hdf5Dataset d = dataset(path);
        if (d.size() != 1) {
            throw new Hdf5Exception(Hdf5Exception.Kind.WRONG_KIND, d.path() + " in " + name() + " holds " + d.size() + " values, not one");
        }
        Selection all = Selection.all(d.shape());
        if (d.isNumeric()) {
            Slab s = d.read(all);
            return d.numericType().isFloat() ? (Number) s.getDouble(0) : (Number) d.numericType().getLong(s.bytes(), 0);
        }
        return normalizeValue(single(d.readValues(all)));
    }

    /** {@link #readScalar} as a Number, or null when the dataset holds text. */
    public Number readNumber(String path) {
        return asNumber(readScalar(path));
    }

    /** {@link #readScalar} as a String, or null when the dataset holds a number. */
    public String readString(String path) {
        Object v = readScalar(path);
        return v instanceof String s ? s : null;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            onClose.run();
        }
    }

    // --- lookup ---------------------------------------------------------------------------------

    static String normalize(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return "/";
        }
        String p = path.startsWith("/") ? path : "/" + path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** The node at {@code path}, links in the middle followed, the last one not. */
    private Node locate(String path) {
        String p = normalize(path);
        return guard(p, () -> {
            Node node = file.jhdf();
            if (p.equals("/")) {
                return node;
            }
            String[] segments = p.substring(1).split("/");
            for (int i = 0; i < segments.length; i++) {
                if (segments[i].isEmpty()) {
                    continue;
                }
                if (node instanceof Link link) {
                    node = isResolvable(link) ? link.getTarget() : null;
                }
                Node child = node instanceof Group g ? g.getChildren().get(segments[i]) : null;
                if (child == null) {
                    throw notFound(p);
                }
                node = child;
            }
            return node;
        });
    }

    private Node resolve(Node node, String path) {
        if (node instanceof Link link) {
            if (!isResolvable(link)) {
                throw new Hdf5Exception(Hdf5Exception.Kind.BROKEN_LINK, "Cannot resolve " + linkLabel(link) + " at " + normalize(path) + " of " + name());
            }
            return guard(path, link::getTarget);
        }
        return node;
    }

    private Hdf5Exception notFound(String path) {
        return new Hdf5Exception(Hdf5Exception.Kind.PATH_NOT_FOUND, path + " is not a valid path in " + name());
    }

    /**
     * External links are followed only to files beside this one or below its folder, so a file
     * cannot make the server open files elsewhere.
     */
    private boolean isResolvable(Link link) {
        if (link instanceof ExternalLink) {
            String target = externalFile(link);
            Path t = Path.of(target);
            if (t.isAbsolute() || target.contains("..") || target.contains("\\")) {
                return false;
            }
        }
        try {
            return !link.isBrokenLink();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** jHDF gives an external link's target as {@code file:/path}. */
    private static String externalFile(Link link) {
        String t = link.getTargetPath();
        int colon = t.lastIndexOf(":/");
        return colon < 0 ? "" : t.substring(0, colon);
    }

    private static String targetPath(Link link) {
        String t = link.getTargetPath();
        if (!(link instanceof ExternalLink)) {
            return t;
        }
        int colon = t.lastIndexOf(":/");
        return colon < 0 ? t : t.substring(colon + 1);
    }

    private static String linkLabel(Link link) {
        if (link instanceof ExternalLink) {
            return "<ExternalLink to \"" + targetPath(link) + "\" in file \"" + externalFile(link) + "\">";
        }
        return "<SoftLink to \"" + link.getTargetPath() + "\">";
    }

    private Hdf5Entity describeLink(String name, String path, Link link) {
        if (link instanceof ExternalLink) {
            return new Hdf5Entity.ExternalLink(name, path, externalFile(link), targetPath(link));
        }
        return new Hdf5Entity.SoftLink(name, path, link.getTargetPath());
    }

    private static List<String> childNames(Group g) {
        List<String> names = new ArrayList<>(g.getChildren().keySet());
        if (!g.isLinkCreationOrderTracked()) {
            names.sort(null);
        }
        return names;
    }

    private static List<Hdf5Entity.Attribute> attributesOf(Node node) {
        List<String> names = new ArrayList<>(node.getAttributes().keySet());
        names.sort(null);
        List<Hdf5Entity.Attribute> out = new ArrayList<>();
        for (String n : names) {
            Attribute a = node.getAttributes().get(n);
            out.add(new Hdf5Entity.Attribute(n, a.isEmpty() && a.getDataSpace().getType() == 2 ? null : a.getDimensionsAsLong(),
                    TypeDescriptor.of(a.getDataType())));
        }
        return out;
    }

    private static Object valueOf(Attribute a) {
        if (a.isEmpty()) {
            return null;
        }
        Object data = a.getData();
        return a.isScalar() ? normalizeValue(single(data)) : data;
    }

    private static Object single(Object v) {
        while (v != null && v.getClass().isArray() && Array.getLength(v) == 1) {
            v = Array.get(v, 0);
        }
        return v;
    }

    private static Object normalizeValue(Object v) {
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Byte || v instanceof Short || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        return v;
    }

    private static Number asNumber(Object v) {
        Object s = normalizeValue(single(v));
        return s instanceof Number n ? n : null;
    }

    /** Runs jHDF work, turning its failures into one-line errors naming the file and path. */
    private <T> T guard(String path, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw Hdf5Errors.translate(e, path + " in " + name());
        }
    }
}

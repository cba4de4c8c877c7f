package org.vitrine.core.hdf5;

import io.jhdf.object.message.LinkMessage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An open HDF5 file: the project's one door to HDF5. Answers what is at a path (groups,
 * datasets, links, attributes), reads scalars and attributes as plain Java values, and hands out
 * {@link Hdf5Dataset}s for hyperslab reads. Every failure is an {@link Hdf5Exception} whose
 * message names the file and the path; an object that cannot be read fails only the questions
 * about it, never its neighbours.
 *
 * <p>External links are followed to files beside this one or below its folder, opened through
 * the same door (and its caches); links elsewhere are described but not followed.
 *
 * <p>Obtain one with {@link #open(Path)} for a one-off read, or from {@link Hdf5Files} to share
 * opened files and decoded chunks between requests. Close it when done; it is safe to use from
 * several threads until then.
 */
public final class Hdf5File implements AutoCloseable {

    /** More links followed for one path than any sane file needs: a loop of links ends here. */
    private static final int MAX_HOPS = 32;

    private final OpenFile file;
    private final Runnable onClose;
    private final List<Hdf5File> linked = new ArrayList<>();
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
        OpenFile f = OpenFile.open(path, OpenFile.Stamp.of(path), Hdf5Files.reader(new ChunkCache(64L << 20)), Hdf5File::open);
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

    // --- questions ------------------------------------------------------------------------------

    /** True when something is at {@code path}, following links; false for a broken link. */
    public boolean exists(String path) {
        try {
            return follow(locate(path), 0) != null;
        } catch (Hdf5Exception e) {
            if (e.kind() == Hdf5Exception.Kind.PATH_NOT_FOUND || e.kind() == Hdf5Exception.Kind.BROKEN_LINK) {
                return false;
            }
            throw e;
        }
    }

    /** True when {@code path} leads (through links) to a dataset. */
    public boolean isDataset(String path) {
        return exists(path) && follow(locate(path), 0).object().kind() == StoredObject.Kind.DATASET;
    }

    /**
     * The dataset at {@code path}, following links.
     *
     * @throws Hdf5Exception PATH_NOT_FOUND, BROKEN_LINK, or WRONG_KIND when it is not a dataset
     */
    public Hdf5Dataset dataset(String path) {
        String p = normalize(path);
        Place place = follow(locate(p), 0);
        if (place.object().kind() != StoredObject.Kind.DATASET) {
            throw new Hdf5Exception(Hdf5Exception.Kind.WRONG_KIND, p + " in " + name() + " is a "
                    + place.object().kind().name().toLowerCase(java.util.Locale.ROOT) + ", not a dataset");
        }
        OpenFile owner = place.in().file;
        return guard(p, () -> owner.dataset(place.object(), p));
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
        String name = p.equals("/") ? "" : p.substring(p.lastIndexOf('/') + 1);
        Place place = locate(p);
        StoredObject.Link link = place.link();
        if (link != null && link.type() != LinkMessage.LinkType.HARD) {
            if (links == LinkResolution.NONE) {
                return describeLink(name, p, link);
            }
            Place target;
            try {
                target = follow(place, 0);
            } catch (Hdf5Exception e) {
                if (links == LinkResolution.ONLY_VALID) {
                    return describeLink(name, p, link);
                }
                throw new Hdf5Exception(Hdf5Exception.Kind.BROKEN_LINK, "Cannot resolve " + linkLabel(link) + " at " + p
                        + " of " + name(), e);
            }
            return describe(target, name, p);
        }
        return describe(place, name, p);
    }

    private Hdf5Entity describe(Place place, String name, String p) {
        StoredObject o = place.object();
        OpenFile owner = place.in().file;
        return guard(p, () -> {
            List<Hdf5Entity.Attribute> attributes = attributesOf(o);
            return switch (o.kind()) {
                case DATASET -> owner.dataset(o, p).describe(name, attributes);
                case GROUP -> new Hdf5Entity.Group(name, p, attributes, o.links().stream().map(StoredObject.Link::name).toList());
                case DATATYPE -> new Hdf5Entity.Datatype(name, p, attributes, TypeDescriptor.of(o.messages().datatype()));
            };
        });
    }

    /**
     * Paths of {@code path} and of every link below it, depth first in name order, without
     * descending into soft or external links (h5py's {@code visit} order).
     */
    public List<String> paths(String path) {
        String p = normalize(path);
        Place place = follow(locate(p), 0);
        List<String> out = new ArrayList<>();
        out.add(p);
        if (place.object().kind() == StoredObject.Kind.GROUP) {
            guard(p, () -> {
                visit(place.object(), place.in().file, p, out, new HashSet<>());
                return null;
            });
        }
        return out;
    }

    private void visit(StoredObject group, OpenFile owner, String prefix, List<String> out, Set<Long> seen) {
        if (!seen.add(group.address())) {
            return;
        }
        for (StoredObject.Link link : group.linksByName()) {
            String p = prefix.equals("/") ? "/" + link.name() : prefix + "/" + link.name();
            out.add(p);
            if (link.type() == LinkMessage.LinkType.HARD) {
                StoredObject child = owner.object(link.address());
                if (child.kind() == StoredObject.Kind.GROUP) {
                    visit(child, owner, p, out, seen);
                }
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
        Place place = follow(locate(p), 0);
        return guard(p, () -> {
            Map<String, Object> out = new LinkedHashMap<>();
            if (names == null || names.isEmpty()) {
                for (StoredObject.Attribute a : place.object().attributes()) {
                    out.put(a.name(), valueOf(place.in(), a));
                }
                return out;
            }
            for (String key : names) {
                StoredObject.Attribute a = place.object().attribute(key);
                if (a == null) {
                    throw new Hdf5Exception(Hdf5Exception.Kind.PATH_NOT_FOUND, key + " is not a valid attribute of " + p + " in " + name());
                }
                out.put(key, valueOf(place.in(), a));
            }
            return out;
        });
    }

    /**
     * One attribute's value, or null when there is none by that name: a single value for a
     * scalar attribute (Long, Double, Boolean, String, a List for a compound), nested Lists for
     * an array, null for an empty attribute.
     */
    public Object attribute(String path, String name) {
        String p = normalize(path);
        Place place = follow(locate(p), 0);
        return guard(p, () -> {
            StoredObject.Attribute a = place.object().attribute(name);
            return a == null ? null : normalizeValue(valueOf(place.in(), a));
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
            linked.forEach(Hdf5File::close);
            linked.clear();
            onClose.run();
        }
    }

    // --- lookup ---------------------------------------------------------------------------------

    /**
     * Where a path leads: an object, the handle of the file that holds it (this one, or one
     * reached through an external link), and the link the last segment named (null for the
     * root), not yet followed when it is soft or external.
     */
    private record Place(Hdf5File in, StoredObject object, StoredObject.Link link, String path) {
    }

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

    private Place root() {
        return new Place(this, guard("/", () -> file.object(file.rootAddress())), null, "/");
    }

    /** The place at {@code path}: links in the middle followed, the last one not. */
    private Place locate(String path) {
        return locate(path, 0);
    }

    private Place locate(String path, int hops) {
        String p = normalize(path);
        Place place = root();
        if (p.equals("/")) {
            return place;
        }
        String at = "";
        String[] segments = p.substring(1).split("/");
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            Place group = follow(place, hops);
            if (group.object().kind() != StoredObject.Kind.GROUP) {
                throw notFound(p);
            }
            StoredObject.Link link = guard(at + "/" + segment, () -> group.object().link(segment));
            if (link == null) {
                throw notFound(p);
            }
            at = at + "/" + segment;
            String here = at;
            StoredObject target = link.type() == LinkMessage.LinkType.HARD
                    ? group.in().guard(here, () -> group.in().file.object(link.address())) : null;
            place = new Place(group.in(), target, link, at);
        }
        return place;
    }

    /** The object a place's soft or external link leads to; the place itself otherwise. */
    private Place follow(Place place, int hops) {
        StoredObject.Link link = place.link();
        if (link == null || link.type() == LinkMessage.LinkType.HARD) {
            return place;
        }
        if (hops >= MAX_HOPS) {
            throw new Hdf5Exception(Hdf5Exception.Kind.BROKEN_LINK, "Cannot resolve " + linkLabel(link) + " at " + place.path()
                    + " of " + name() + ": links lead in a loop");
        }
        Hdf5File owner = place.in();
        if (link.type() == LinkMessage.LinkType.SOFT) {
            String target = link.targetPath();
            if (!target.startsWith("/")) {
                String parent = place.path().substring(0, place.path().lastIndexOf('/'));
                target = parent + "/" + target;
            }
            try {
                return owner.follow(owner.locate(target, hops + 1), hops + 1);
            } catch (Hdf5Exception e) {
                throw broken(link, place, e);
            }
        }
        Path target = besideFile(owner.path(), link.targetFile());
        if (target == null) {
            throw new Hdf5Exception(Hdf5Exception.Kind.BROKEN_LINK, "Cannot resolve " + linkLabel(link) + " at " + place.path()
                    + " of " + name() + ": only files beside it or below its folder are followed");
        }
        try {
            Hdf5File other = owner.linkedFile(target);
            return other.follow(other.locate(link.targetPath(), hops + 1), hops + 1);
        } catch (Hdf5Exception e) {
            throw broken(link, place, e);
        }
    }

    private Hdf5Exception broken(StoredObject.Link link, Place place, Hdf5Exception cause) {
        if (cause.kind() == Hdf5Exception.Kind.BROKEN_LINK) {
            return cause;
        }
        return new Hdf5Exception(Hdf5Exception.Kind.BROKEN_LINK, "Cannot resolve " + linkLabel(link) + " at " + place.path()
                + " of " + name() + ": " + cause.getMessage(), cause);
    }

    /** A handle on a file reached through an external link, kept open as long as this one. */
    private synchronized Hdf5File linkedFile(Path target) {
        for (Hdf5File f : linked) {
            if (f.path().equals(target)) {
                return f;
            }
        }
        Hdf5File f = file.opener().open(target);
        linked.add(f);
        return f;
    }

    /**
     * A file named by an external link or a virtual dataset, relative to {@code file}'s folder:
     * null when the name is absolute or climbs out of that folder, so a file cannot make the
     * server open files elsewhere.
     */
    static Path besideFile(Path file, String name) {
        if (name == null || name.isEmpty() || name.contains("\\") || name.startsWith("/")) {
            return null;
        }
        Path folder = file.toAbsolutePath().getParent();
        Path target = folder.resolve(name).normalize();
        return target.startsWith(folder) && !target.equals(folder) ? target : null;
    }

    private Hdf5Exception notFound(String path) {
        return new Hdf5Exception(Hdf5Exception.Kind.PATH_NOT_FOUND, path + " is not a valid path in " + name());
    }

    /** A link as h5py prints it, for messages. */
    private static String linkLabel(StoredObject.Link link) {
        if (link.type() == LinkMessage.LinkType.EXTERNAL) {
            return "<ExternalLink to \"" + link.targetPath() + "\" in file \"" + link.targetFile() + "\">";
        }
        return "<SoftLink to \"" + link.targetPath() + "\">";
    }

    private static Hdf5Entity describeLink(String name, String path, StoredObject.Link link) {
        if (link.type() == LinkMessage.LinkType.EXTERNAL) {
            return new Hdf5Entity.ExternalLink(name, path, link.targetFile(), link.targetPath());
        }
        return new Hdf5Entity.SoftLink(name, path, link.targetPath());
    }

    private static List<Hdf5Entity.Attribute> attributesOf(StoredObject o) {
        List<StoredObject.Attribute> sorted = new ArrayList<>(o.attributes());
        sorted.sort(java.util.Comparator.comparing(StoredObject.Attribute::name));
        List<Hdf5Entity.Attribute> out = new ArrayList<>();
        for (StoredObject.Attribute a : sorted) {
            out.add(new Hdf5Entity.Attribute(a.name(), a.shape(), TypeDescriptor.of(a.type())));
        }
        return out;
    }

    private static Object valueOf(Hdf5File in, StoredObject.Attribute a) {
        if (a.shape() == null) {
            return null;
        }
        return new Values(in.file.storage()).decode(a.type(), a.data(), a.shape());
    }

    private static Object single(Object v) {
        while (v instanceof List<?> l && l.size() == 1) {
            v = l.get(0);
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

    /** Runs a read, turning failures into one-line errors naming the file and path. */
    private <T> T guard(String path, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw Hdf5Errors.translate(e, path + " in " + name());
        }
    }
}

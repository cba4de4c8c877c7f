package org.vitrine.api.h5grove;

import org.vitrine.core.hdf5.Hdf5Entity;
import org.vitrine.core.hdf5.Hdf5Exception;
import org.vitrine.core.hdf5.Hdf5File;
import org.vitrine.core.hdf5.LinkResolution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Entity metadata in h5grove's JSON shape (keys as h5grove sorts them). */
final class EntityJson {

    private EntityJson() {
    }

    /** The {@code /meta} answer: groups list their children, each without its own children. */
    static Map<String, Object> meta(Hdf5File file, String path, LinkResolution links) {
        Hdf5Entity entity = file.entity(path, links);
        Map<String, Object> m = describe(entity);
        if (entity instanceof Hdf5Entity.Group g) {
            List<Object> children = new ArrayList<>();
            String prefix = g.path().equals("/") ? "/" : g.path() + "/";
            for (String child : g.children()) {
                children.add(child(file, prefix + child, child));
            }
            Map<String, Object> sorted = new LinkedHashMap<>();
            sorted.put("attributes", m.get("attributes"));
            sorted.put("children", children);
            sorted.put("kind", m.get("kind"));
            sorted.put("name", m.get("name"));
            return sorted;
        }
        return m;
    }

    /**
     * A child as the group's listing shows it; one that cannot be read is listed by name as
     * h5grove's "other" kind (asking for it gives the reason), so it never hides its siblings.
     */
    private static Map<String, Object> child(Hdf5File file, String path, String name) {
        try {
            return describe(file.entity(path, LinkResolution.ONLY_VALID));
        } catch (Hdf5Exception e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", "other");
            m.put("name", name);
            return m;
        }
    }

    /** One entity without children. */
    static Map<String, Object> describe(Hdf5Entity entity) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (entity instanceof Hdf5Entity.Group g) {
            m.put("attributes", attributes(g.attributes()));
            m.put("kind", "group");
            m.put("name", g.name());
        } else if (entity instanceof Hdf5Entity.Dataset d) {
            m.put("attributes", attributes(d.attributes()));
            m.put("chunks", d.chunks());
            m.put("filters", d.filters() == null ? null : d.filters().stream()
                    .map(f -> Map.<String, Object>of("id", f.id(), "name", f.name())).toList());
            m.put("kind", "dataset");
            m.put("name", d.name());
            m.put("shape", d.shape());
            m.put("type", d.type().toMap());
        } else if (entity instanceof Hdf5Entity.Datatype t) {
            m.put("attributes", attributes(t.attributes()));
            m.put("kind", "datatype");
            m.put("name", t.name());
            m.put("type", t.type().toMap());
        } else if (entity instanceof Hdf5Entity.SoftLink l) {
            m.put("kind", "soft_link");
            m.put("name", l.name());
            m.put("target_path", l.targetPath());
        } else if (entity instanceof Hdf5Entity.ExternalLink l) {
            m.put("kind", "external_link");
            m.put("name", l.name());
            m.put("target_file", l.targetFile());
            m.put("target_path", l.targetPath());
        }
        return m;
    }

    private static List<Object> attributes(List<Hdf5Entity.Attribute> attributes) {
        List<Object> out = new ArrayList<>();
        for (Hdf5Entity.Attribute a : attributes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            m.put("shape", a.shape());
            m.put("type", a.type().toMap());
            out.add(m);
        }
        return out;
    }
}

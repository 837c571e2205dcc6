package dev.flinkspipeline.ingest.json;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells a key given twice in one object, as Jackson's {@code STRICT_DUPLICATE_DETECTION} does, for a parser
 * reading one document. Jackson's check allocates a HashSet per object of three keys or more (31.6 MB for the
 * 15 MB webhook of the edge attacks); this one reuses one list per nesting depth, and hashes only the keys of an
 * object past {@value #LINEAR} keys, so a crafted object of many keys costs no more than its own size.
 */
public final class DuplicateKeys {

    private static final int LINEAR = 16;

    /** Per nesting depth (the root object is 1): the keys of the object open at that depth. */
    private final List<List<String>> keys = new ArrayList<>();

    private final List<Set<String>> hashed = new ArrayList<>();

    /** An object opens at {@code depth}: it has no key yet. */
    public void objectStarts(int depth) {
        while (keys.size() <= depth) {
            keys.add(new ArrayList<>(LINEAR));
            hashed.add(null);
        }
        keys.get(depth).clear();
        hashed.set(depth, null);
    }

    /** Whether the object open at {@code depth} already has {@code key}; records it otherwise. */
    public boolean seenBefore(int depth, String key) {
        Set<String> set = hashed.get(depth);
        if (set != null) {
            return !set.add(key);
        }
        List<String> list = keys.get(depth);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).equals(key)) {
                return true;
            }
        }
        if (list.size() < LINEAR) {
            list.add(key);
        } else {
            set = new HashSet<>(list);
            set.add(key);
            hashed.set(depth, set);
        }
        return false;
    }
}

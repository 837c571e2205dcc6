package dev.flinkspipeline.ingest.json;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * JSON paths for problem details, in the form the mapping uses ({@code Accounts[0].Transactions[3].Debit}).
 * Keys are shown sanitised and shortened: a path names where a defect is, never a value.
 */
public final class JsonPaths {

    private static final int MAX_KEY_LENGTH = 64;

    private JsonPaths() {}

    /** {@code parent.key}, or {@code key} at the top level. */
    public static String child(String parent, String key) {
        String k = key(key);
        return parent == null || parent.isEmpty() ? k : parent + '.' + k;
    }

    /** {@code parent[index]}. */
    public static String element(String parent, int index) {
        return (parent == null ? "" : parent) + '[' + index + ']';
    }

    /** A key as it may appear in a detail: ASCII letters, digits, {@code _} and {@code -}, others as {@code ?}. */
    public static String key(String key) {
        StringBuilder clean = new StringBuilder();
        for (int i = 0; i < key.length() && clean.length() < MAX_KEY_LENGTH; i++) {
            char c = key.charAt(i);
            clean.append(c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '-') ? c : '?');
        }
        return clean.isEmpty() ? "''" : clean.toString();
    }

    /**
     * The path of the value a parser is in: every enclosing array index and object key. With
     * {@code includeCurrentKey} false the innermost object's key is left out (it is the previous key
     * when the parser fails on a new one).
     */
    public static String of(JsonStreamContext context, boolean includeCurrentKey) {
        Deque<JsonStreamContext> chain = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            chain.push(c);
        }
        String path = "";
        while (!chain.isEmpty()) {
            JsonStreamContext c = chain.pop();
            boolean innermost = chain.isEmpty();
            if (c.inArray()) {
                path = element(path, Math.max(0, c.getCurrentIndex()));
            } else if (c.inObject() && c.getCurrentName() != null && (!innermost || includeCurrentKey)) {
                path = child(path, c.getCurrentName());
            }
        }
        return path;
    }
}

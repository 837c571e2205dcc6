package dev.flinkspipeline.flinks.sandbox.api;

import dev.flinkspipeline.flinks.sandbox.data.GadOptions;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GAD 200 bodies ready as bytes, shared by every session of a login. The RequestId is the last field of
 * the body, so the cache keeps everything before its value and each answer appends the session's id:
 * byte-for-byte what {@link LoginDataGenerator#accountsDetailBytes} gives for that RequestId. Bounded by
 * total size (cleared when full; rebuilding is deterministic).
 */
final class AccountsDetailCache {

    private static final byte[] END = "\"}".getBytes(StandardCharsets.UTF_8);
    private static final long MAX_BYTES = 64L << 20;

    private record Key(String loginId, String username, GadOptions options) {
    }

    private final LoginDataGenerator generator;
    private final Map<Key, byte[]> prefixes = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    AccountsDetailCache(LoginDataGenerator generator) {
        this.generator = generator;
    }

    byte[] body(String loginId, String username, GadOptions options, String requestId) {
        Key key = new Key(loginId, username, options);
        byte[] prefix = prefixes.get(key);
        if (prefix == null) {
            byte[] full = generator.accountsDetailBytes(loginId, username, options, "");
            prefix = Arrays.copyOf(full, full.length - END.length);
            if (bytes.addAndGet(prefix.length) > MAX_BYTES) {
                prefixes.clear();
                bytes.set(prefix.length);
            }
            prefixes.put(key, prefix);
        }
        byte[] id = requestId.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(prefix, prefix.length + id.length + END.length);
        System.arraycopy(id, 0, out, prefix.length, id.length);
        System.arraycopy(END, 0, out, prefix.length + id.length, END.length);
        return out;
    }

    void clear() {
        prefixes.clear();
        bytes.set(0);
    }
}

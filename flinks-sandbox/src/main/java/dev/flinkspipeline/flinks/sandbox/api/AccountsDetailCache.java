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
 * total size ({@code SANDBOX_ACCOUNTS_DETAIL_CACHE_BYTES}; cleared when full, since rebuilding is
 * deterministic; 0 = no cache). Generating a body costs milliseconds of CPU, so a load test that switches
 * many logins to 200 at once can {@link #prepare} them beforehand, with a bound that holds them all.
 */
public final class AccountsDetailCache {

    private static final byte[] END = "\"}".getBytes(StandardCharsets.UTF_8);

    private record Key(String loginId, String username, GadOptions options) {}

    private final LoginDataGenerator generator;
    private final long maxBytes;
    private final Map<Key, byte[]> prefixes = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    public AccountsDetailCache(LoginDataGenerator generator, long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes < 0");
        }
        this.generator = generator;
        this.maxBytes = maxBytes;
    }

    byte[] body(String loginId, String username, GadOptions options, String requestId) {
        byte[] prefix = prefix(new Key(loginId, username, options));
        byte[] id = requestId.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(prefix, prefix.length + id.length + END.length);
        System.arraycopy(id, 0, out, prefix.length, id.length);
        System.arraycopy(END, 0, out, prefix.length + id.length, END.length);
        return out;
    }

    /**
     * Generates the login's body for these options now, so its first 200 is served from the cache.
     *
     * @return the body's size in bytes (without the RequestId)
     */
    public int prepare(String loginId, String username, GadOptions options) {
        return prefix(new Key(loginId, username, options)).length;
    }

    /** Bytes held now (bodies without their RequestId). */
    public long bytes() {
        return bytes.get();
    }

    public long maxBytes() {
        return maxBytes;
    }

    public void clear() {
        prefixes.clear();
        bytes.set(0);
    }

    private byte[] prefix(Key key) {
        byte[] prefix = prefixes.get(key);
        if (prefix != null) {
            return prefix;
        }
        byte[] full = generator.accountsDetailBytes(key.loginId(), key.username(), key.options(), "");
        prefix = Arrays.copyOf(full, full.length - END.length);
        if (prefix.length > maxBytes) {
            return prefix; // larger than the whole cache (or no cache): answer it, keep nothing
        }
        if (bytes.addAndGet(prefix.length) > maxBytes) {
            prefixes.clear();
            bytes.set(prefix.length);
        }
        if (prefixes.putIfAbsent(key, prefix) != null) {
            bytes.addAndGet(-prefix.length); // another thread cached it first
        }
        return prefix;
    }
}

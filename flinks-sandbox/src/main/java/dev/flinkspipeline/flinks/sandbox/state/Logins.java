package dev.flinkspipeline.flinks.sandbox.state;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Registry of the logins (connections) the sandbox knows. */
public final class Logins {

    private final Map<String, Login> logins = new ConcurrentHashMap<>();

    public Login get(String loginId) {
        return loginId == null ? null : logins.get(loginId.trim().toLowerCase(Locale.ROOT));
    }

    /** The existing login with this id, or a new one registered for the username. */
    public Login getOrCreate(String loginId, String username, long now) {
        return logins.computeIfAbsent(loginId.toLowerCase(Locale.ROOT), id -> new Login(id, username, now));
    }

    public Login replace(Login login) {
        logins.put(login.loginId(), login);
        return login;
    }

    public Collection<Login> all() {
        return logins.values();
    }

    public void clear() {
        logins.clear();
    }
}

package dev.flinkspipeline.flinks.sandbox.state;

import dev.flinkspipeline.flinks.sandbox.api.FlinksCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The FlinksCapital test users of the toolbox (flinks-api.md 1.2). Any other username with the toolbox
 * password also connects (without MFA), so tests can create as many distinct logins as they need.
 */
public final class ToolboxUsers {

    public static final String PASSWORD = "Everyday";
    public static final String GREATDAY = "Greatday";
    public static final String GREATDAY_NOMFA = "greatday_nomfa";
    public static final String DISABLED = "test_disabled_account";
    public static final String SERVICE_UNAVAILABLE = "test_service_unavailable";

    /** The Canadian security questions and their answers, in the order they are asked. */
    public static final Map<String, String> MFA_QUESTIONS;

    static {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("What city were you born in?", "Montreal");
        q.put("What is the best country on earth?", "Canada");
        q.put("What shape do people like most?", "Triangle");
        MFA_QUESTIONS = Collections.unmodifiableMap(q);
    }

    private ToolboxUsers() {}

    public static boolean hasMfa(String username) {
        return GREATDAY.equalsIgnoreCase(username);
    }

    /** The failure a username always gets when connecting, or null. */
    public static FlinksCode failure(String username) {
        String u = username.toLowerCase(Locale.ROOT);
        if (u.equals(DISABLED)) {
            return FlinksCode.DISABLED_LOGIN;
        }
        if (u.equals(SERVICE_UNAVAILABLE)) {
            return FlinksCode.RETRY_LATER;
        }
        return null;
    }

    public static List<String> preRegistered() {
        return List.of(GREATDAY, GREATDAY_NOMFA, DISABLED, SERVICE_UNAVAILABLE);
    }
}

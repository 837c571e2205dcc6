package dev.flinkspipeline.flinks.sandbox.admin.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code POST /sandbox/admin/logins} should create. Start from {@link #withoutWebhooks()} (a completed
 * login that the caller polls) or {@link #ofUser(String)} (a fresh login of a named toolbox user) and
 * refine with the {@code with*} methods.
 *
 * @param username   toolbox username, or null for a generated one
 * @param newLogin   true: a new loginId even for a username seen before
 * @param webhookUrl where this login's webhooks go, or null (the global webhook URL, if any)
 * @param fireWebhooks false: no webhook for this login
 * @param tag        the Connect tag the webhooks carry, or null
 * @param days       days of transactions (e.g. {@code "Days90"}, {@code "365"}), or null for the sandbox default
 * @param behaviour  behaviour overrides ({@code pendingPolls}, {@code pendingForever},
 *                   {@code authorizeFlinksCode}, {@code accountsDetailFlinksCode}, {@code mfaOnCachedAuthorize})
 */
public record NewLogin(
        String username,
        boolean newLogin,
        String webhookUrl,
        boolean fireWebhooks,
        String tag,
        String days,
        Map<String, Object> behaviour) {

    public NewLogin {
        behaviour = behaviour == null ? Map.of() : Map.copyOf(behaviour);
    }

    /** A login with a generated username that fires no webhook. */
    public static NewLogin withoutWebhooks() {
        return new NewLogin(null, false, null, false, null, null, Map.of());
    }

    /** A fresh login (new loginId) of toolbox user {@code username}, firing webhooks. */
    public static NewLogin ofUser(String username) {
        return new NewLogin(username, true, null, true, null, null, Map.of());
    }

    public NewLogin withWebhookUrl(String url) {
        return new NewLogin(username, newLogin, url, fireWebhooks, tag, days, behaviour);
    }

    public NewLogin withFireWebhooks(boolean fire) {
        return new NewLogin(username, newLogin, webhookUrl, fire, tag, days, behaviour);
    }

    public NewLogin withTag(String connectTag) {
        return new NewLogin(username, newLogin, webhookUrl, fireWebhooks, connectTag, days, behaviour);
    }

    public NewLogin withDays(String daysOfTransactions) {
        return new NewLogin(username, newLogin, webhookUrl, fireWebhooks, tag, daysOfTransactions, behaviour);
    }

    public NewLogin withBehaviour(Map<String, ?> overrides) {
        return new NewLogin(
                username,
                newLogin,
                webhookUrl,
                fireWebhooks,
                tag,
                days,
                overrides == null ? Map.of() : Map.copyOf(overrides));
    }

    /** The JSON body of the admin call. */
    Map<String, Object> toBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (username != null) {
            body.put("username", username);
            body.put("newLogin", newLogin);
        }
        body.put("fireWebhooks", fireWebhooks);
        if (webhookUrl != null) {
            body.put("webhookUrl", webhookUrl);
        }
        if (tag != null) {
            body.put("tag", tag);
        }
        if (days != null) {
            body.put("days", days);
        }
        if (!behaviour.isEmpty()) {
            body.put("behaviour", behaviour);
        }
        return body;
    }
}

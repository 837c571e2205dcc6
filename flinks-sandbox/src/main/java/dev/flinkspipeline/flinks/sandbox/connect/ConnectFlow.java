package dev.flinkspipeline.flinks.sandbox.connect;

import java.util.Map;

/** Where one Connect page session stands: the parameters it was opened with, and the login once connected. */
public final class ConnectFlow {

    public enum Step {
        INSTITUTION,
        CREDENTIALS,
        MFA,
        ACCOUNTS,
        DONE
    }

    private final String id;
    private final String redirectUrl;
    private final String tag;
    private final boolean demo;
    private final Map<String, String> params;
    private final long createdNanos;
    private volatile Step step = Step.INSTITUTION;
    private volatile String username;
    private volatile String loginId;

    ConnectFlow(
            String id, String redirectUrl, String tag, boolean demo, Map<String, String> params, long createdNanos) {
        this.id = id;
        this.redirectUrl = redirectUrl;
        this.tag = tag;
        this.demo = demo;
        this.params = Map.copyOf(params);
        this.createdNanos = createdNanos;
    }

    public String id() {
        return id;
    }

    public String redirectUrl() {
        return redirectUrl;
    }

    public String tag() {
        return tag;
    }

    public boolean demo() {
        return demo;
    }

    public String param(String name) {
        return params.get(name);
    }

    public long createdNanos() {
        return createdNanos;
    }

    public Step step() {
        return step;
    }

    public void step(Step s) {
        this.step = s;
    }

    public String username() {
        return username;
    }

    public void username(String u) {
        this.username = u;
    }

    public String loginId() {
        return loginId;
    }

    public void loginId(String id) {
        this.loginId = id;
    }
}

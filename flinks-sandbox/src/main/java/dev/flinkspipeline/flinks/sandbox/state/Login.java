package dev.flinkspipeline.flinks.sandbox.state;

import dev.flinkspipeline.flinks.sandbox.data.DaysOfTransactions;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A connection (loginId) known to the sandbox and the state of its background aggregation: after a new
 * connection the first GAD / Async calls answer 202 until {@code pendingPolls} such answers were given
 * and {@code readyAt} has passed (or forever when {@code pendingForever}).
 */
public final class Login {

    private final String loginId;
    private final String username;
    private volatile String tag;
    private volatile String webhookUrl;
    private volatile DaysOfTransactions webhookDays = DaysOfTransactions.Days90;
    private volatile LoginBehaviour behaviour = LoginBehaviour.NORMAL;
    private final AtomicInteger pendingPolls = new AtomicInteger();
    private volatile long readyAtNanos;
    private volatile boolean pendingForever;

    public Login(String loginId, String username, long now) {
        this.loginId = loginId;
        this.username = username;
        this.readyAtNanos = now;
    }

    public String loginId() {
        return loginId;
    }

    public String username() {
        return username;
    }

    public String tag() {
        return tag;
    }

    public void tag(String tag) {
        this.tag = tag;
    }

    public String webhookUrl() {
        return webhookUrl;
    }

    public void webhookUrl(String url) {
        this.webhookUrl = url;
    }

    public DaysOfTransactions webhookDays() {
        return webhookDays;
    }

    public void webhookDays(DaysOfTransactions days) {
        this.webhookDays = days;
    }

    public LoginBehaviour behaviour() {
        return behaviour;
    }

    public void behaviour(LoginBehaviour b) {
        this.behaviour = b == null ? LoginBehaviour.NORMAL : b;
    }

    public boolean pendingForever() {
        return pendingForever;
    }

    public void pendingForever(boolean v) {
        this.pendingForever = v;
    }

    public int pendingPolls() {
        return pendingPolls.get();
    }

    public void pendingPolls(int polls) {
        pendingPolls.set(Math.max(0, polls));
    }

    /** A new connection or refresh started: aggregation runs again. */
    public void startAggregation(int polls, long readyAtNanos) {
        this.pendingPolls.set(Math.max(0, polls));
        this.readyAtNanos = readyAtNanos;
    }

    /** True when data is ready; without consuming a pending poll (Attributes, admin views). */
    public boolean isReady(long now) {
        return !pendingForever && pendingPolls.get() <= 0 && now - readyAtNanos >= 0;
    }

    /** A GAD/Async call: true if data is ready, false (and one pending poll consumed) when it answers 202. */
    public boolean poll(long now) {
        if (pendingForever) {
            return false;
        }
        int remaining = pendingPolls.getAndUpdate(p -> p > 0 ? p - 1 : 0);
        return remaining <= 0 && now - readyAtNanos >= 0;
    }
}

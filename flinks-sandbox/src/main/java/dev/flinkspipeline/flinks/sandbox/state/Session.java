package dev.flinkspipeline.flinks.sandbox.state;

import dev.flinkspipeline.flinks.sandbox.api.Envelopes;
import dev.flinkspipeline.flinks.sandbox.data.GadOptions;

/**
 * One RequestId: opened by an Authorize, alive while used at least every idle timeout and at most the
 * processing cap. Keeps its 202 body ready as bytes so that polling costs next to nothing.
 */
public final class Session {

    public enum State {
        MFA_PENDING,
        AUTHORIZED
    }

    private final String requestId;
    private final Login login;
    private final String token;
    private final long createdNanos;
    private volatile long lastUsedNanos;
    private volatile State state;
    /** Whether the MFA round, once answered, starts a new aggregation (credentials / live refresh). */
    private final boolean newConnectionOnSuccess;

    private final byte[] pendingGad;
    private final byte[] pendingAsync;
    private volatile GadOptions lastOptions = GadOptions.defaults();

    public Session(String requestId, Login login, String token, State state, boolean newConnectionOnSuccess, long now) {
        this.requestId = requestId;
        this.login = login;
        this.token = token;
        this.state = state;
        this.newConnectionOnSuccess = newConnectionOnSuccess;
        this.createdNanos = now;
        this.lastUsedNanos = now;
        this.pendingGad = Envelopes.pending(requestId, "GetAccountsDetailAsync");
        this.pendingAsync = pendingGad;
    }

    public String requestId() {
        return requestId;
    }

    public Login login() {
        return login;
    }

    public String token() {
        return token;
    }

    public State state() {
        return state;
    }

    public void state(State s) {
        this.state = s;
    }

    public boolean newConnectionOnSuccess() {
        return newConnectionOnSuccess;
    }

    public long createdNanos() {
        return createdNanos;
    }

    public long lastUsedNanos() {
        return lastUsedNanos;
    }

    public void touch(long now) {
        this.lastUsedNanos = now;
    }

    public byte[] pendingGadBody() {
        return pendingGad;
    }

    public byte[] pendingAsyncBody() {
        return pendingAsync;
    }
    /** Options of the last GAD call: what GetAccountsDetailAsync answers with. */
    public GadOptions lastOptions() {
        return lastOptions;
    }

    public void lastOptions(GadOptions o) {
        this.lastOptions = o;
    }
}

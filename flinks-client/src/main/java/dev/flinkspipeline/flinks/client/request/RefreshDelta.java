package dev.flinkspipeline.flinks.client.request;

import java.util.Objects;

/** A {@code RefreshDelta} entry: only transactions newer than {@code transactionId} on {@code accountId}. */
public record RefreshDelta(String accountId, String transactionId) {
    public RefreshDelta {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(transactionId, "transactionId");
    }
}

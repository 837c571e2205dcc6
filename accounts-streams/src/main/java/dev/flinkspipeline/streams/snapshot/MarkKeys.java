package dev.flinkspipeline.streams.snapshot;

/**
 * Keys of the marks the application keeps. They start with the loginId: the input is keyed by loginId, so a login's
 * marks live in the state of the task that reads that login's partition.
 */
public final class MarkKeys {

    private MarkKeys() {}

    public static String account(String loginId, String accountId) {
        return loginId + '/' + accountId;
    }

    public static String transaction(String loginId, String accountId, String transactionKey) {
        return loginId + '/' + accountId + '/' + transactionKey;
    }
}

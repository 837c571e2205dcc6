package dev.flinkspipeline.streams.topology;

import dev.flinkspipeline.schemas.Topics;
import java.util.Objects;

/**
 * The topics of the application.
 *
 * @param accountsReady       input: AccountsReady, keyed by loginId
 * @param accountState        output: AccountState, keyed by accountId, compacted
 * @param accountTransactions output: AccountTransaction, keyed by accountId
 * @param deadLetter          AccountsReady records that cannot be split, as they were, with the reason
 */
public record StreamsTopics(String accountsReady, String accountState, String accountTransactions, String deadLetter) {

    public StreamsTopics {
        Objects.requireNonNull(accountsReady, "accountsReady");
        Objects.requireNonNull(accountState, "accountState");
        Objects.requireNonNull(accountTransactions, "accountTransactions");
        Objects.requireNonNull(deadLetter, "deadLetter");
    }

    /** The project's default topic names ({@link Topics}). */
    public static StreamsTopics defaults() {
        return new StreamsTopics(
                Topics.ACCOUNTS_READY,
                Topics.ACCOUNT_STATE,
                Topics.ACCOUNT_TRANSACTIONS,
                Topics.dlt(Topics.ACCOUNTS_READY));
    }
}

package dev.flinkspipeline.poller.flinks;

import dev.flinkspipeline.flinks.client.request.AccountsDetailRequest;
import dev.flinkspipeline.flinks.client.request.DaysOfTransactions;
import java.util.List;
import java.util.Objects;

/** What the poller asks GetAccountsDetail for. */
public record AccountsDetailOptions(
        boolean withKyc, boolean withAccountIdentity, boolean withTransactions, DaysOfTransactions daysOfTransactions) {

    public AccountsDetailOptions {
        Objects.requireNonNull(daysOfTransactions, "daysOfTransactions");
    }

    /** The request for session {@code requestId}, filtered to the accounts chosen in Connect when there are any. */
    public AccountsDetailRequest request(String requestId, List<String> accountIds) {
        AccountsDetailRequest.Builder b = AccountsDetailRequest.builder(requestId)
                .withKyc(withKyc)
                .withAccountIdentity(withAccountIdentity)
                .withTransactions(withTransactions)
                .daysOfTransactions(daysOfTransactions);
        if (accountIds != null && !accountIds.isEmpty()) {
            b.accountsFilter(accountIds);
        }
        return b.build();
    }
}

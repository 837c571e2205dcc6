package dev.flinkspipeline.streams;

import dev.flinkspipeline.events.Account;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.Balance;
import dev.flinkspipeline.events.Login;
import dev.flinkspipeline.events.Transaction;
import dev.flinkspipeline.schemas.EventIds;
import dev.flinkspipeline.schemas.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Test snapshots: AccountsReady records as the poller and ingest write them. */
public final class Snapshots {

    private Snapshots() {}

    /** A snapshot of {@code loginId} refreshed at {@code lastRefresh}, with its deterministic eventId. */
    public static AccountsReady of(String loginId, Instant lastRefresh, List<Account> accounts) {
        return AccountsReady.newBuilder()
                .setEventId(EventIds.forSnapshot(loginId, lastRefresh, null).toString())
                .setLoginId(loginId)
                .setRequestId("req-" + lastRefresh.getEpochSecond())
                .setSource(AccountsSource.POLL)
                .setInstitution("FlinksCapital")
                .setInstitutionId(14)
                .setLogin(Login.newBuilder()
                        .setId(loginId)
                        .setLastRefresh(lastRefresh)
                        .build())
                .setAccounts(accounts)
                .setReceivedAt(lastRefresh.plusSeconds(2))
                .build();
    }

    public static Account account(String id, String balance, Transaction... transactions) {
        return Account.newBuilder()
                .setId(id)
                .setTitle("Chequing")
                .setAccountNumber("7641238")
                .setCurrency("CAD")
                .setBalance(Balance.newBuilder()
                        .setCurrent(Money.of(new BigDecimal(balance)))
                        .build())
                .setTransactions(List.of(transactions))
                .build();
    }

    public static Transaction debit(String id, String date, String amount, String description) {
        return Transaction.newBuilder()
                .setId(id)
                .setDate(LocalDate.parse(date))
                .setDescription(description)
                .setDebit(Money.of(new BigDecimal(amount)))
                .build();
    }
}

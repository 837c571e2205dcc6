package dev.flinkspipeline.flinks.events;

import dev.flinkspipeline.events.Account;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.Balance;
import dev.flinkspipeline.events.Login;
import dev.flinkspipeline.events.Transaction;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.schemas.EventIds;
import dev.flinkspipeline.schemas.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one mapping of a GetAccountsDetail payload to {@link AccountsReady}, whichever channel delivered it
 * (webhook, poll, missing-webhook fallback): one payload gives one event, eventId included
 * ({@link EventIds#forSnapshot}). Nothing Flinks sends is dropped: fields the schema does not model go to
 * the {@code extra} maps as raw JSON. A value the event cannot hold exactly is refused with an
 * {@link UnmappablePayloadException} naming its path, never rounded, emptied or guessed.
 */
public final class AccountsReadyMapping {

    private AccountsReadyMapping() {}

    /**
     * @throws UnmappablePayloadException {@code missing-login-id} / {@code invalid-login-id} (see
     *         {@link FlinksValues#login}), {@code missing-request-id} when neither the payload nor the channel
     *         names the session, {@code invalid-payload} for an account without {@code Id} or an amount
     *         needing rounding
     */
    public static AccountsReady map(AccountsDetailResponse response, AccountsDelivery delivery) {
        Login login = FlinksValues.login(response.login(), delivery.loginId());
        String requestId = delivery.requestId() != null ? delivery.requestId() : response.requestId();
        if (requestId == null || requestId.isBlank()) {
            throw new UnmappablePayloadException(
                    UnmappablePayloadException.MISSING_REQUEST_ID, "A GetAccountsDetail payload must carry RequestId.");
        }
        List<dev.flinkspipeline.flinks.client.model.Account> accounts = response.accounts();
        List<Account> mapped = new ArrayList<>(accounts.size());
        for (int i = 0; i < accounts.size(); i++) {
            mapped.add(account(accounts.get(i), "Accounts[" + i + "]"));
        }
        return AccountsReady.newBuilder()
                .setEventId(EventIds.forSnapshot(login.getId(), login.getLastRefresh(), requestId)
                        .toString())
                .setLoginId(login.getId())
                .setRequestId(requestId)
                .setSource(delivery.source())
                .setRequestIdLastUsedAt(delivery.requestIdLastUsedAt())
                .setInstitution(response.institution() != null ? response.institution() : delivery.institution())
                .setInstitutionName(response.institutionName())
                .setInstitutionId(response.institutionId())
                .setTag(response.tag() != null ? response.tag() : delivery.tag())
                .setUserReference(delivery.userReference())
                .setLogin(login)
                .setAccounts(mapped)
                .setLoginReceivedAt(delivery.loginReceivedAt())
                .setFallback(delivery.fallback())
                .setReceivedAt(delivery.receivedAt())
                .setExtra(FlinksValues.extra(response.extra()))
                .build();
    }

    private static Account account(dev.flinkspipeline.flinks.client.model.Account a, String path) {
        // The id is how AccountsFilter and the Attributes AccountFilter name the account: "" would be a lie.
        if (a.id() == null || a.id().isBlank()) {
            throw UnmappablePayloadException.invalid(path + ".Id", "is missing");
        }
        Map<String, String> extra = FlinksValues.extra(a.extra());
        if (a.tag() != null) {
            extra = new HashMap<>(extra);
            extra.put("Tag", FlinksValues.quoted(a.tag()));
        }
        dev.flinkspipeline.flinks.client.model.Balance b = a.balance();
        return Account.newBuilder()
                .setId(a.id())
                .setTitle(a.title())
                .setAccountNumber(a.accountNumber())
                .setTransitNumber(a.transitNumber())
                .setInstitutionNumber(a.institutionNumber())
                .setLastFourDigits(a.lastFourDigits())
                .setOverdraftLimit(FlinksValues.money(a.overdraftLimit(), path + ".OverdraftLimit"))
                .setBalance(
                        b == null
                                ? null
                                : new Balance(
                                        FlinksValues.money(b.available(), path + ".Balance.Available"),
                                        FlinksValues.money(b.current(), path + ".Balance.Current"),
                                        FlinksValues.money(b.limit(), path + ".Balance.Limit")))
                .setCategory(a.category())
                .setType(a.type())
                .setCurrency(a.currency())
                .setHolder(FlinksValues.holder(a.holder()))
                .setAccountType(a.accountType())
                .setTransactions(transactions(a.transactions(), path + ".Transactions"))
                .setExtra(extra)
                .build();
    }

    private static List<Transaction> transactions(
            List<dev.flinkspipeline.flinks.client.model.Transaction> transactions, String path) {
        List<Transaction> mapped = new ArrayList<>(transactions.size());
        for (int i = 0; i < transactions.size(); i++) {
            dev.flinkspipeline.flinks.client.model.Transaction t = transactions.get(i);
            // The all-arguments constructor: a builder deep-copies defaults, which shows on years of transactions.
            mapped.add(new Transaction(
                    t.id(),
                    t.date(),
                    t.code(),
                    t.description(),
                    money(t.debit(), path, i, ".Debit"),
                    money(t.credit(), path, i, ".Credit"),
                    money(t.balance(), path, i, ".Balance"),
                    FlinksValues.extra(t.extra())));
        }
        return mapped;
    }

    /** The path is only built for a defect: a year of transactions would otherwise build one per amount. */
    private static BigDecimal money(BigDecimal amount, String path, int index, String field) {
        if (amount == null) {
            return null;
        }
        try {
            return Money.of(amount);
        } catch (Money.UnrepresentableMoneyException e) {
            throw UnmappablePayloadException.invalid(
                    path + "[" + index + "]" + field, "cannot be held exactly as decimal(22,4)");
        }
    }
}

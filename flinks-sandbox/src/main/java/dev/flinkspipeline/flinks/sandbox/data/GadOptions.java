package dev.flinkspipeline.flinks.sandbox.data;

import java.util.List;

/**
 * The GetAccountsDetail request options of flinks-api.md 4.1 that shape the answer. When a field is missing
 * from the request the sandbox uses: WithAccountIdentity false, WithKYC false, WithTransactions true,
 * Days90, no filter.
 *
 * @param accountsFilter account ids to keep, or null/empty for all accounts
 */
public record GadOptions(
        boolean withAccountIdentity,
        boolean withKyc,
        boolean withTransactions,
        DaysOfTransactions days,
        List<String> accountsFilter,
        boolean withStatements) {

    public GadOptions {
        accountsFilter = accountsFilter == null ? List.of() : List.copyOf(accountsFilter);
        days = days == null ? DaysOfTransactions.Days90 : days;
    }

    /** Everything: what a webhook carries and what most clients ask for. */
    public static GadOptions full(DaysOfTransactions days) {
        return new GadOptions(true, true, true, days, List.of(), false);
    }

    public static GadOptions defaults() {
        return new GadOptions(false, false, true, DaysOfTransactions.Days90, List.of(), false);
    }
}

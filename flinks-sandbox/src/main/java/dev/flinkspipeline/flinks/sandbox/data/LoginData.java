package dev.flinkspipeline.flinks.sandbox.data;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Everything the sandbox knows about one login's bank data: a pure value generated from (seed, loginId,
 * asOf). {@code lastRefresh} is UTC without offset, as Flinks writes it.
 */
public record LoginData(String loginId, Holder holder, List<Account> accounts, LocalDate asOf, String lastRefresh) {

    public Optional<Account> account(String accountId) {
        return accounts.stream().filter(a -> a.id().equals(accountId)).findFirst();
    }

    public List<String> accountIds() {
        return accounts.stream().map(Account::id).toList();
    }
}

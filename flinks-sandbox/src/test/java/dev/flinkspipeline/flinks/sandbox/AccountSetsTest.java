package dev.flinkspipeline.flinks.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flinkspipeline.flinks.sandbox.data.Account;
import dev.flinkspipeline.flinks.sandbox.data.LoginData;
import dev.flinkspipeline.flinks.sandbox.data.LoginDataGenerator;
import dev.flinkspipeline.flinks.sandbox.data.Transaction;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Logins of several account sets: the first set is the login as with one set, each further set has ids of its own. */
class AccountSetsTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);
    private static final String LOGIN = "5e0f5d1c-8f3a-4a0b-9a7e-1c2d3e4f5a6b";

    @Test
    void furtherSetsRepeatTheAccountsWithIdsOfTheirOwn() {
        LoginData one = new LoginDataGenerator(7, AS_OF).generate(LOGIN);
        LoginData three = new LoginDataGenerator(7, AS_OF, 3).generate(LOGIN);

        int n = one.accounts().size();
        assertThat(three.accounts()).hasSize(3 * n);
        assertThat(three.accounts().subList(0, n)).isEqualTo(one.accounts());
        assertThat(three.accounts()).extracting(Account::id).doesNotHaveDuplicates();
        List<String> transactionIds = three.accounts().stream()
                .flatMap(a -> a.transactions().stream())
                .map(Transaction::id)
                .toList();
        assertThat(transactionIds).doesNotHaveDuplicates();
        assertThat(three.accounts().get(n).transactions())
                .hasSameSizeAs(one.accounts().get(0).transactions());
    }
}

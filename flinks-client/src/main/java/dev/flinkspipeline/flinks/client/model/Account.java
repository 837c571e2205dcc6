package dev.flinkspipeline.flinks.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One account of a GetAccountsDetail answer.
 *
 * @param id                the account id (for {@code AccountsFilter} and the Attributes {@code AccountFilter})
 * @param transitNumber     with {@code WithAccountIdentity}
 * @param institutionNumber with {@code WithAccountIdentity}
 * @param accountNumber     with {@code WithAccountIdentity} (personal data)
 * @param category          {@code Operations}, {@code Credits}, {@code Products}, {@code Other}
 * @param type              e.g. {@code Chequing}, {@code Savings}
 * @param currency          {@code CAD} or {@code USD}
 * @param holder            with {@code WithKYC}
 * @param accountType       {@code Personal} or {@code Business}, may be null
 * @param transactions      with {@code WithTransactions}; empty when absent
 * @param extra             fields this model does not name (kept for the events)
 */
public record Account(
        String id,
        String title,
        String transitNumber,
        String institutionNumber,
        String accountNumber,
        String lastFourDigits,
        BigDecimal overdraftLimit,
        Balance balance,
        String category,
        String type,
        String currency,
        Holder holder,
        String accountType,
        String tag,
        List<Transaction> transactions,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

    public Account {
        transactions = Extras.list(transactions);
        extra = Extras.copy(extra);
    }

    @Override
    public String toString() {
        return "Account[id=" + id + ", type=" + type + ", category=" + category + ", currency=" + currency
                + ", transactions=" + transactions.size() + "]";
    }
}

package dev.flinkspipeline.flinks.client.model;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * One posted transaction. {@code debit} and {@code credit} are separate non-negative amounts (normally
 * only one is set); {@code balance} is the running balance after it.
 *
 * @param code  deprecated by Flinks, normally null
 * @param extra fields this model does not name (kept for the events)
 */
public record Transaction(
        String id,
        LocalDate date,
        String code,
        String description,
        BigDecimal debit,
        BigDecimal credit,
        BigDecimal balance,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> extra) {

    public Transaction {
        extra = Extras.copy(extra);
    }

    @Override
    public String toString() {
        // The description can name people (e-transfers): keep it out of logs.
        return "Transaction[id=" + id + ", date=" + date + "]";
    }
}

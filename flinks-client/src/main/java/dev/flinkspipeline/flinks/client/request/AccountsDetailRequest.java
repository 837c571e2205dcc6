package dev.flinkspipeline.flinks.client.request;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;

/**
 * A {@code POST /GetAccountsDetail} (flinks-api.md 4.1). Only {@code RequestId} is required; every option
 * is sent only when set, so Flinks' defaults apply otherwise.
 */
public final class AccountsDetailRequest {

    private final String requestId;
    private final Boolean withAccountIdentity;
    private final Boolean withKyc;
    private final Boolean withTransactions;
    private final DaysOfTransactions daysOfTransactions;
    private final List<String> accountsFilter;
    private final Boolean withDetailsAndBankingStatements;
    private final String numberOfBankingStatements;
    private final Boolean withBalance;
    private final LocalDate dateFrom;
    private final LocalDate dateTo;
    private final List<RefreshDelta> refreshDelta;
    private final Boolean mostRecentCached;

    private AccountsDetailRequest(Builder b) {
        this.requestId = b.requestId;
        this.withAccountIdentity = b.withAccountIdentity;
        this.withKyc = b.withKyc;
        this.withTransactions = b.withTransactions;
        this.daysOfTransactions = b.daysOfTransactions;
        this.accountsFilter = b.accountsFilter;
        this.withDetailsAndBankingStatements = b.withDetailsAndBankingStatements;
        this.numberOfBankingStatements = b.numberOfBankingStatements;
        this.withBalance = b.withBalance;
        this.dateFrom = b.dateFrom;
        this.dateTo = b.dateTo;
        this.refreshDelta = b.refreshDelta;
        this.mostRecentCached = b.mostRecentCached;
        if (dateFrom != null && dateTo != null && dateFrom.isAfter(dateTo)) {
            throw new IllegalArgumentException("DateFrom is after DateTo");
        }
    }

    public static Builder builder(String requestId) {
        return new Builder(requestId);
    }

    /** Just the RequestId: Flinks' defaults for everything else. */
    public static AccountsDetailRequest of(String requestId) {
        return builder(requestId).build();
    }

    /**
     * What the pipeline usually wants: identity, KYC and transactions for {@code days}, no PDF statements.
     */
    public static AccountsDetailRequest everything(String requestId, DaysOfTransactions days) {
        return builder(requestId)
                .withAccountIdentity(true)
                .withKyc(true)
                .withTransactions(true)
                .daysOfTransactions(days)
                .withDetailsAndBankingStatements(false)
                .build();
    }

    public String requestId() {
        return requestId;
    }

    /** The JSON body, PascalCase, unset options omitted. */
    public ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("RequestId", requestId);
        putIfSet(body, "WithAccountIdentity", withAccountIdentity);
        putIfSet(body, "WithKYC", withKyc);
        putIfSet(body, "WithTransactions", withTransactions);
        if (daysOfTransactions != null) {
            body.put("DaysOfTransactions", daysOfTransactions.wireValue());
        }
        if (accountsFilter != null) {
            ArrayNode ids = body.putArray("AccountsFilter");
            accountsFilter.forEach(ids::add);
        }
        putIfSet(body, "WithDetailsAndBankingStatements", withDetailsAndBankingStatements);
        if (numberOfBankingStatements != null) {
            body.put("NumberOfBankingStatements", numberOfBankingStatements);
        }
        putIfSet(body, "WithBalance", withBalance);
        if (dateFrom != null) {
            body.put("DateFrom", dateFrom.toString());
        }
        if (dateTo != null) {
            body.put("DateTo", dateTo.toString());
        }
        if (refreshDelta != null) {
            ArrayNode deltas = body.putArray("RefreshDelta");
            refreshDelta.forEach(
                    d -> deltas.addObject().put("AccountId", d.accountId()).put("TransactionId", d.transactionId()));
        }
        putIfSet(body, "MostRecentCached", mostRecentCached);
        return body;
    }

    private static void putIfSet(ObjectNode body, String name, Boolean value) {
        if (value != null) {
            body.put(name, value);
        }
    }

    @Override
    public String toString() {
        return "AccountsDetailRequest" + toJson();
    }

    public static final class Builder {
        private final String requestId;
        private Boolean withAccountIdentity;
        private Boolean withKyc;
        private Boolean withTransactions;
        private DaysOfTransactions daysOfTransactions;
        private List<String> accountsFilter;
        private Boolean withDetailsAndBankingStatements;
        private String numberOfBankingStatements;
        private Boolean withBalance;
        private LocalDate dateFrom;
        private LocalDate dateTo;
        private List<RefreshDelta> refreshDelta;
        private Boolean mostRecentCached;

        private Builder(String requestId) {
            if (requestId == null || requestId.isBlank()) {
                throw new IllegalArgumentException("requestId is required");
            }
            this.requestId = requestId;
        }

        /** Transit, institution and account numbers. */
        public Builder withAccountIdentity(Boolean value) {
            this.withAccountIdentity = value;
            return this;
        }

        /** Holder identity (name, address, email, phone). */
        public Builder withKyc(Boolean value) {
            this.withKyc = value;
            return this;
        }

        public Builder withTransactions(Boolean value) {
            this.withTransactions = value;
            return this;
        }

        public Builder daysOfTransactions(DaysOfTransactions value) {
            this.daysOfTransactions = value;
            return this;
        }

        /** Only these account ids (e.g. those chosen in Connect's account selector). */
        public Builder accountsFilter(List<String> accountIds) {
            this.accountsFilter = accountIds == null ? null : List.copyOf(accountIds);
            return this;
        }

        /** Also return PDF statements (Base64; can be large). */
        public Builder withDetailsAndBankingStatements(Boolean value) {
            this.withDetailsAndBankingStatements = value;
            return this;
        }

        /** e.g. {@code MostRecent}. */
        public Builder numberOfBankingStatements(String value) {
            this.numberOfBankingStatements = value;
            return this;
        }

        public Builder withBalance(Boolean value) {
            this.withBalance = value;
            return this;
        }

        /** Sent as {@code yyyy-MM-dd}. */
        public Builder dateFrom(LocalDate value) {
            this.dateFrom = value;
            return this;
        }

        /** Sent as {@code yyyy-MM-dd}. */
        public Builder dateTo(LocalDate value) {
            this.dateTo = value;
            return this;
        }

        /** Only transactions newer than the given one, per account. */
        public Builder refreshDelta(List<RefreshDelta> value) {
            this.refreshDelta = value == null ? null : List.copyOf(value);
            return this;
        }

        public Builder mostRecentCached(Boolean value) {
            this.mostRecentCached = value;
            return this;
        }

        public AccountsDetailRequest build() {
            return new AccountsDetailRequest(this);
        }
    }
}

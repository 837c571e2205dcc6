package dev.flinkspipeline.schemas;

import dev.flinkspipeline.events.Account;
import dev.flinkspipeline.events.AccountState;
import dev.flinkspipeline.events.AccountTransaction;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.Address;
import dev.flinkspipeline.events.AttributeKind;
import dev.flinkspipeline.events.AttributeValue;
import dev.flinkspipeline.events.AttributesReady;
import dev.flinkspipeline.events.Balance;
import dev.flinkspipeline.events.FailureStage;
import dev.flinkspipeline.events.Holder;
import dev.flinkspipeline.events.KycReceived;
import dev.flinkspipeline.events.Login;
import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.events.PipelineFailed;
import dev.flinkspipeline.events.PollScheduled;
import dev.flinkspipeline.events.Transaction;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Events with every optional field set ("full") and with only the required ones ("minimal"). */
public final class SampleEvents {

    public static final String LOGIN_ID = "5e0f8a5c-1c5e-4bde-9a2b-0b3c4d5e6f70";
    public static final String REQUEST_ID = "a1b2c3d4-0000-4000-8000-000000000001";
    public static final Instant AT = Instant.parse("2026-01-21T20:47:47.145Z");
    /** Flinks' "2020-04-15T22:46:03.1690585" (UTC, 7 fractional digits). */
    public static final Instant LAST_REFRESH = Instant.parse("2020-04-15T22:46:03.1690585Z");

    private SampleEvents() {}

    public static List<SpecificRecord> all() {
        return List.of(
                loginReceivedFull(),
                loginReceivedMinimal(),
                kycReceivedFull(),
                kycReceivedMinimal(),
                accountsReadyFull(),
                accountsReadyMinimal(),
                attributesReadyFull(),
                attributesReadyMinimal(),
                pipelineFailedFull(),
                pipelineFailedMinimal(),
                pollScheduledFull(),
                pollScheduledMinimal(),
                accountStateFull(),
                accountStateMinimal(),
                accountTransactionFull(),
                accountTransactionMinimal());
    }

    public static LoginReceived loginReceivedFull() {
        return LoginReceived.newBuilder()
                .setEventId(EventIds.forEvent(LOGIN_ID, null, "LoginReceived").toString())
                .setLoginId(LOGIN_ID)
                .setInstitution("FlinksCapital")
                .setTag("u=42.n=abc.sig=xyz")
                .setUserReference("user-42")
                .setAccountIds(List.of("acc-1", "acc-2"))
                .setVia(LoginSource.CONNECT_EVENT)
                .setReceivedAt(AT)
                .build();
    }

    public static LoginReceived loginReceivedMinimal() {
        return LoginReceived.newBuilder()
                .setEventId(EventIds.forEvent(LOGIN_ID, null, "LoginReceived").toString())
                .setLoginId(LOGIN_ID)
                .setInstitution("FlinksCapital")
                .setVia(LoginSource.REDIRECT_URL)
                .setReceivedAt(AT)
                .build();
    }

    public static Holder holderFull() {
        return Holder.newBuilder()
                .setName("Jane Doe")
                .setAddress(Address.newBuilder()
                        .setCivicAddress("25 York St")
                        .setCity("Toronto")
                        .setProvince("ON")
                        .setPostalCode("M5J 2V5")
                        .setPoBox("PO 12")
                        .setCountry("CA")
                        .build())
                .setEmail("jane@example.com")
                .setPhoneNumber("4165550100")
                .build();
    }

    public static Holder holderMinimal() {
        return Holder.newBuilder().setName("John Roe").setEmail("").build();
    }

    public static Login loginFull() {
        return Login.newBuilder()
                .setId(LOGIN_ID)
                .setUsername("Greatday")
                .setIsScheduledRefresh(false)
                .setLastRefresh(LAST_REFRESH)
                .setType("Personal")
                .build();
    }

    public static Login loginMinimal() {
        return Login.newBuilder().setId(LOGIN_ID).build();
    }

    public static KycReceived kycReceivedFull() {
        return KycReceived.newBuilder()
                .setEventId(
                        EventIds.forPayload("KycReceived", new byte[] {1, 2, 3}).toString())
                .setLoginId(LOGIN_ID)
                .setRequestId(REQUEST_ID)
                .setInstitution("FlinksCapital")
                .setTag("userId=123")
                .setHolders(List.of(holderFull(), holderMinimal()))
                .setLogin(loginFull())
                .setReceivedAt(AT)
                .build();
    }

    public static KycReceived kycReceivedMinimal() {
        return KycReceived.newBuilder()
                .setEventId(EventIds.forPayload("KycReceived", new byte[] {4}).toString())
                .setLoginId(LOGIN_ID)
                .setHolders(List.of())
                .setReceivedAt(AT)
                .build();
    }

    public static Account accountFull() {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("NewFlinksField", "{\"a\":[1,2.50]}");
        return Account.newBuilder()
                .setId("27a9ffa0-0000-4000-8000-000000000001")
                .setTitle("Chequing Account")
                .setAccountNumber("7641238")
                .setTransitNumber("12347")
                .setInstitutionNumber("777")
                .setLastFourDigits("1234")
                .setOverdraftLimit(Money.of(new BigDecimal("0")))
                .setBalance(Balance.newBuilder()
                        .setAvailable(Money.of(new BigDecimal("5405.50")))
                        .setCurrent(Money.of(new BigDecimal("5105.5")))
                        .setLimit(Money.of(new BigDecimal("-0.01")))
                        .build())
                .setCategory("Operations")
                .setType("Chequing")
                .setCurrency("CAD")
                .setHolder(holderFull())
                .setAccountType("Personal")
                .setTransactions(
                        List.of(transactionFull(), Transaction.newBuilder().build()))
                .setExtra(extra)
                .build();
    }

    public static Transaction transactionFull() {
        return Transaction.newBuilder()
                .setId("94584aed-0000-4000-8000-000000000001")
                .setDate(LocalDate.of(2025, 1, 31))
                .setCode("0")
                .setDescription("PAYROLL ACME")
                .setDebit(Money.of(new BigDecimal("0.01")))
                .setCredit(Money.of(new BigDecimal("1500.25")))
                .setBalance(Money.of(new BigDecimal("999999999999999999.9999")))
                .setExtra(Map.of("Status", "\"POSTED\""))
                .build();
    }

    public static AccountsReady accountsReadyFull() {
        return AccountsReady.newBuilder()
                .setEventId(
                        EventIds.forEvent(LOGIN_ID, REQUEST_ID, "AccountsReady").toString())
                .setLoginId(LOGIN_ID)
                .setRequestId(REQUEST_ID)
                .setSource(AccountsSource.POLL)
                .setRequestIdLastUsedAt(AT.plusSeconds(5))
                .setInstitution("FlinksCapital")
                .setInstitutionName("Flinks Capital")
                .setInstitutionId(14)
                .setTag("userId=123")
                .setLogin(loginFull())
                .setAccounts(List.of(
                        accountFull(), Account.newBuilder().setId("acc-min").build()))
                .setLoginReceivedAt(AT.minusSeconds(60))
                .setReceivedAt(AT)
                .setExtra(Map.of("Links", "[{\"rel\":\"AccountsDetail\"}]"))
                .build();
    }

    public static AccountState accountStateFull() {
        Account account = accountFull();
        String snapshot = accountsReadyFull().getEventId();
        return AccountState.newBuilder()
                .setEventId(EventIds.forEvent(
                                LOGIN_ID, null, "AccountState", "snapshot=" + snapshot + "|account=" + account.getId())
                        .toString())
                .setLoginId(LOGIN_ID)
                .setAccountId(account.getId())
                .setSnapshotEventId(snapshot)
                .setRequestId(REQUEST_ID)
                .setLastRefresh(LAST_REFRESH)
                .setSnapshotReceivedAt(AT)
                .setInstitution("FlinksCapital")
                .setInstitutionId(14)
                .setAccount(
                        Account.newBuilder(account).setTransactions(List.of()).build())
                .setTransactionCount(account.getTransactions().size())
                .build();
    }

    public static AccountState accountStateMinimal() {
        return AccountState.newBuilder()
                .setEventId("state-min")
                .setLoginId(LOGIN_ID)
                .setAccountId("acc-min")
                .setSnapshotEventId("snapshot-min")
                .setRequestId(REQUEST_ID)
                .setSnapshotReceivedAt(AT)
                .setAccount(Account.newBuilder().setId("acc-min").build())
                .setTransactionCount(0)
                .build();
    }

    public static AccountTransaction accountTransactionFull() {
        Transaction transaction = transactionFull();
        String accountId = accountFull().getId();
        return AccountTransaction.newBuilder()
                .setEventId(EventIds.forEvent(
                                LOGIN_ID,
                                null,
                                "AccountTransaction",
                                "account=" + accountId + "|transaction=" + transaction.getId() + "|revision=1")
                        .toString())
                .setLoginId(LOGIN_ID)
                .setAccountId(accountId)
                .setTransactionKey(transaction.getId())
                .setRevision(1)
                .setSnapshotEventId(accountsReadyFull().getEventId())
                .setRequestId(REQUEST_ID)
                .setLastRefresh(LAST_REFRESH)
                .setSnapshotReceivedAt(AT)
                .setCurrency("CAD")
                .setTransaction(transaction)
                .build();
    }

    public static AccountTransaction accountTransactionMinimal() {
        return AccountTransaction.newBuilder()
                .setEventId("transaction-min")
                .setLoginId(LOGIN_ID)
                .setAccountId("acc-min")
                .setTransactionKey("derived:00000000-0000-5000-8000-000000000000")
                .setRevision(2)
                .setSnapshotEventId("snapshot-min")
                .setRequestId(REQUEST_ID)
                .setSnapshotReceivedAt(AT)
                .setTransaction(Transaction.newBuilder().build())
                .build();
    }

    public static AccountsReady accountsReadyMinimal() {
        return AccountsReady.newBuilder()
                .setEventId(
                        EventIds.forEvent(LOGIN_ID, REQUEST_ID, "AccountsReady").toString())
                .setLoginId(LOGIN_ID)
                .setRequestId(REQUEST_ID)
                .setSource(AccountsSource.WEBHOOK)
                .setLogin(loginMinimal())
                .setAccounts(List.of())
                .setReceivedAt(AT)
                .build();
    }

    public static AttributesReady attributesReadyFull() {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        attributes.put(
                "sum_credits_12m",
                AttributeValue.newBuilder()
                        .setKind(AttributeKind.NUMBER)
                        .setNumber("1234.560000000000000001")
                        .build());
        attributes.put(
                "payday_loan",
                AttributeValue.newBuilder()
                        .setKind(AttributeKind.STRING)
                        .setText("NONE_DETECTED")
                        .build());
        attributes.put(
                "has_nsf",
                AttributeValue.newBuilder()
                        .setKind(AttributeKind.BOOLEAN)
                        .setBool(true)
                        .build());
        attributes.put(
                "income_sources",
                AttributeValue.newBuilder()
                        .setKind(AttributeKind.OBJECT)
                        .setJson("{\"payroll\":1500.25}")
                        .build());
        attributes.put(
                "lenders",
                AttributeValue.newBuilder()
                        .setKind(AttributeKind.ARRAY)
                        .setJson("[\"A\",\"B\"]")
                        .build());
        attributes.put(
                "unknown",
                AttributeValue.newBuilder().setKind(AttributeKind.NULL).build());
        return AttributesReady.newBuilder()
                .setEventId(EventIds.forEvent(LOGIN_ID, REQUEST_ID, "AttributesReady", "UserAnalysis")
                        .toString())
                .setLoginId(LOGIN_ID)
                .setRequestId(REQUEST_ID)
                .setAttributeSet("UserAnalysis")
                .setAttributes(attributes)
                .setDetails("{\"sum_credits_12m\":[{\"TransactionId\":\"t1\"}]}")
                .setRequestIdReused(true)
                .setComputedAt(AT)
                .build();
    }

    public static AttributesReady attributesReadyMinimal() {
        return AttributesReady.newBuilder()
                .setEventId(EventIds.forEvent(LOGIN_ID, REQUEST_ID, "AttributesReady")
                        .toString())
                .setLoginId(LOGIN_ID)
                .setRequestId(REQUEST_ID)
                .setAttributeSet("Lending")
                .setAttributes(Map.of())
                .setRequestIdReused(false)
                .setComputedAt(AT)
                .build();
    }

    public static PipelineFailed pipelineFailedFull() {
        return PipelineFailed.newBuilder()
                .setEventId(EventIds.forEvent(LOGIN_ID, REQUEST_ID, "PipelineFailed")
                        .toString())
                .setLoginId(LOGIN_ID)
                .setRequestId(REQUEST_ID)
                .setStage(FailureStage.POLL)
                .setReason("POLL_TIMEOUT")
                .setFlinksCode("OPERATION_PENDING")
                .setHttpStatus(202)
                .setMessage("still pending after 30 min")
                .setAttempts(180)
                .setFlow("STANDARD")
                .setFailedAt(AT)
                .build();
    }

    public static PipelineFailed pipelineFailedMinimal() {
        return PipelineFailed.newBuilder()
                .setEventId(EventIds.forEvent(LOGIN_ID, null, "PipelineFailed").toString())
                .setLoginId(LOGIN_ID)
                .setStage(FailureStage.INGEST)
                .setReason("RETRIES_EXHAUSTED")
                .setAttempts(1)
                .setFailedAt(AT)
                .build();
    }

    public static PollScheduled pollScheduledFull() {
        return PollScheduled.newBuilder()
                .setEventId(EventIds.forEvent(LOGIN_ID, REQUEST_ID, "PollScheduled", "3")
                        .toString())
                .setLoginId(LOGIN_ID)
                .setRequestId(REQUEST_ID)
                .setAttempt(3)
                .setDueAt(AT.plusSeconds(10))
                .setDeadline(AT.plusSeconds(1800))
                .setFirstRequestedAt(AT.minusSeconds(20))
                .setReauthorizations(1)
                .setRetries(2)
                .setInstitution("FlinksCapital")
                .setTag("userId=123")
                .setAccountIds(List.of("acc-1"))
                .setLoginReceivedAt(AT.minusSeconds(30))
                .build();
    }

    public static PollScheduled pollScheduledMinimal() {
        return PollScheduled.newBuilder()
                .setEventId(EventIds.forEvent(LOGIN_ID, REQUEST_ID, "PollScheduled", "1")
                        .toString())
                .setLoginId(LOGIN_ID)
                .setRequestId(REQUEST_ID)
                .setAttempt(1)
                .setDueAt(AT.plusSeconds(10))
                .setDeadline(AT.plusSeconds(1800))
                .setFirstRequestedAt(AT)
                .build();
    }
}

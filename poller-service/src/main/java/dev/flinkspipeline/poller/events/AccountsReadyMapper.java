package dev.flinkspipeline.poller.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.flinks.client.model.AccountsDetailResponse;
import dev.flinkspipeline.schemas.EventIds;
import dev.flinkspipeline.schemas.Money;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GetAccountsDetail 200 as an {@link AccountsReady}(source POLL, or a webhook-flow login's fallback). Nothing Flinks sends is dropped:
 * fields the schema does not model go to the {@code extra} maps as raw JSON. Money goes through
 * {@link Money}: an amount that cannot be held exactly fails the mapping instead of being rounded.
 */
public final class AccountsReadyMapper {

    /** timestamp-nanos holds 1677-09-21 to 2262-04-11; Flinks' "never" sentinel (year 1) is outside. */
    private static final Instant NANOS_MIN = Instant.parse("1677-09-22T00:00:00Z");
    private static final Instant NANOS_MAX = Instant.parse("2262-04-10T00:00:00Z");

    private AccountsReadyMapper() {
    }

    /** What the poller knows of the login besides Flinks' answer. */
    public record LoginContext(String tag, String institution, String userReference, Instant loginReceivedAt,
                               boolean fallback) {
    }

    /**
     * The AccountsReady of a GetAccountsDetail answer. Its eventId names the login's snapshot
     * ({@link EventIds#forSnapshot}), so a webhook, a fallback poll and a redelivery of one snapshot share it.
     */
    public static AccountsReady map(String loginId, String requestId, AccountsDetailResponse response,
                                    Instant requestIdLastUsedAt, Instant receivedAt, LoginContext context) {
        dev.flinkspipeline.events.Login login = login(loginId, response.login());
        return AccountsReady.newBuilder()
                .setEventId(EventIds.forSnapshot(loginId, login.getLastRefresh(), requestId).toString())
                .setLoginId(loginId)
                .setRequestId(requestId)
                .setSource(AccountsSource.POLL)
                .setRequestIdLastUsedAt(requestIdLastUsedAt)
                .setInstitution(response.institution() != null ? response.institution() : context.institution())
                .setInstitutionName(response.institutionName())
                .setInstitutionId(response.institutionId())
                .setTag(response.tag() != null ? response.tag() : context.tag())
                .setUserReference(context.userReference())
                .setLogin(login)
                .setAccounts(response.accounts().stream().map(AccountsReadyMapper::account).toList())
                .setLoginReceivedAt(context.loginReceivedAt())
                .setFallback(context.fallback())
                .setReceivedAt(receivedAt)
                .setExtra(extra(response.extra()))
                .build();
    }

    private static dev.flinkspipeline.events.Login login(String loginId,
                                                         dev.flinkspipeline.flinks.client.model.Login login) {
        if (login == null) {
            return dev.flinkspipeline.events.Login.newBuilder().setId(loginId).build();
        }
        Instant lastRefresh = login.lastRefresh();
        if (lastRefresh != null && (lastRefresh.isBefore(NANOS_MIN) || lastRefresh.isAfter(NANOS_MAX))) {
            lastRefresh = null;
        }
        return dev.flinkspipeline.events.Login.newBuilder()
                .setId(login.id() != null ? login.id() : loginId)
                .setUsername(login.username())
                .setIsScheduledRefresh(login.isScheduledRefresh())
                .setLastRefresh(lastRefresh)
                .setType(login.type())
                .build();
    }

    private static dev.flinkspipeline.events.Account account(dev.flinkspipeline.flinks.client.model.Account a) {
        Map<String, String> extra = extra(a.extra());
        if (a.tag() != null) {
            extra.put("Tag", JsonText.quote(a.tag()));
        }
        return dev.flinkspipeline.events.Account.newBuilder()
                .setId(a.id() == null ? "" : a.id())
                .setTitle(a.title())
                .setAccountNumber(a.accountNumber())
                .setTransitNumber(a.transitNumber())
                .setInstitutionNumber(a.institutionNumber())
                .setLastFourDigits(a.lastFourDigits())
                .setOverdraftLimit(Money.ofNullable(a.overdraftLimit()))
                .setBalance(a.balance() == null ? null : dev.flinkspipeline.events.Balance.newBuilder()
                        .setAvailable(Money.ofNullable(a.balance().available()))
                        .setCurrent(Money.ofNullable(a.balance().current()))
                        .setLimit(Money.ofNullable(a.balance().limit()))
                        .build())
                .setCategory(a.category())
                .setType(a.type())
                .setCurrency(a.currency())
                .setHolder(holder(a.holder()))
                .setAccountType(a.accountType())
                .setTransactions(transactions(a.transactions()))
                .setExtra(extra)
                .build();
    }

    private static dev.flinkspipeline.events.Holder holder(dev.flinkspipeline.flinks.client.model.Holder h) {
        if (h == null) {
            return null;
        }
        dev.flinkspipeline.flinks.client.model.Address a = h.address();
        return dev.flinkspipeline.events.Holder.newBuilder()
                .setName(h.name() == null ? "" : h.name())
                .setEmail(h.email() == null ? "" : h.email())
                .setPhoneNumber(h.phoneNumber())
                .setAddress(a == null ? null : dev.flinkspipeline.events.Address.newBuilder()
                        .setCivicAddress(a.civicAddress())
                        .setCity(a.city())
                        .setProvince(a.province())
                        .setPostalCode(a.postalCode())
                        .setPoBox(a.poBox())
                        .setCountry(a.country())
                        .build())
                .build();
    }

    private static List<dev.flinkspipeline.events.Transaction> transactions(
            List<dev.flinkspipeline.flinks.client.model.Transaction> transactions) {
        return transactions.stream().map(t -> dev.flinkspipeline.events.Transaction.newBuilder()
                .setId(t.id())
                .setDate(t.date())
                .setCode(t.code())
                .setDescription(t.description())
                .setDebit(Money.ofNullable(t.debit()))
                .setCredit(Money.ofNullable(t.credit()))
                .setBalance(Money.ofNullable(t.balance()))
                .setExtra(extra(t.extra()))
                .build()).toList();
    }

    private static Map<String, String> extra(Map<String, JsonNode> extra) {
        Map<String, String> out = new LinkedHashMap<>();
        extra.forEach((k, v) -> out.put(k, v == null ? "null" : v.toString()));
        return out;
    }
}

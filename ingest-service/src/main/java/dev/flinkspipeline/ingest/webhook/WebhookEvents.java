package dev.flinkspipeline.ingest.webhook;

import static dev.flinkspipeline.ingest.webhook.Fields.invalid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.events.Account;
import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.AccountsSource;
import dev.flinkspipeline.events.Address;
import dev.flinkspipeline.events.Balance;
import dev.flinkspipeline.events.Holder;
import dev.flinkspipeline.events.KycReceived;
import dev.flinkspipeline.events.Login;
import dev.flinkspipeline.events.Transaction;
import dev.flinkspipeline.ingest.InvalidInputException;
import dev.flinkspipeline.ingest.connect.Guids;
import dev.flinkspipeline.schemas.EventIds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps Flinks webhook payloads (flinks-api.md 4.2, 7.2) to events, field by field. Money stays exact,
 * {@code LastRefresh} keeps its nanoseconds, and fields the schemas do not model are kept in the
 * {@code extra} maps as raw JSON, so nothing Flinks sends is lost.
 *
 * <p>Event ids are deterministic: a redelivered webhook gets the same id and consumers deduplicate it.
 */
public final class WebhookEvents {

    public static final String KYC_RECEIVED = "KycReceived";
    /** Event type name used to derive the eventId of a raw unhandled webhook. */
    public static final String WEBHOOK_UNHANDLED = "WebhookUnhandled";

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern FLINKS_CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private WebhookEvents() {
    }

    /** The id of a KycReceived or a raw unhandled webhook: a redelivery of the same bytes has the same id. */
    public static String payloadEventId(String eventType, byte[] body) {
        return EventIds.forPayload(eventType, body).toString();
    }

    /** The loginId of any webhook payload ({@code Login.Id}), lower-case, or null when absent or not a GUID. */
    public static String loginIdOrNull(ObjectNode root) {
        JsonNode login = Fields.find(root, "Login");
        if (!(login instanceof ObjectNode object)) {
            return null;
        }
        JsonNode id = Fields.find(object, "Id");
        return id != null && id.isTextual() && Guids.isGuid(id.textValue().trim())
                ? Guids.normalize(id.textValue().trim()) : null;
    }

    /** {@code RequestId} when it looks like an identifier (letters, digits, dashes; at most 64), else null. */
    public static String requestIdOrNull(ObjectNode root) {
        JsonNode id = Fields.find(root, "RequestId");
        return id != null && id.isTextual() && IDENTIFIER.matcher(id.textValue()).matches() ? id.textValue() : null;
    }

    /** The webhook's {@code Tag} when it is a string, else null. */
    public static String tagOrNull(ObjectNode root) {
        JsonNode tag = Fields.find(root, "Tag");
        return tag != null && tag.isTextual() ? tag.textValue() : null;
    }

    /** A failure webhook's {@code FlinksCode} when it has the form of one ({@code DISABLED_LOGIN}), else null. */
    public static String flinksCodeOrNull(ObjectNode root) {
        JsonNode code = Fields.find(root, "FlinksCode");
        return code != null && code.isTextual() && FLINKS_CODE.matcher(code.textValue()).matches()
                ? code.textValue() : null;
    }

    /**
     * {@code GetAccountsDetail} webhook → {@code AccountsReady(source=WEBHOOK)}. Its eventId names the data
     * snapshot ({@link EventIds#forSnapshot}: loginId, {@code Login.LastRefresh}, else RequestId), not the
     * body: a redelivery, the poller's fallback fetch and a late webhook of the same snapshot share one id.
     *
     * @param userReference the user the webhook's signed {@code Tag} names, or null
     * @throws InvalidInputException (422) when {@code Login.Id} or {@code RequestId} is missing, or a
     *         field cannot be mapped (the detail names the JSON path)
     */
    public static AccountsReady accountsReady(ObjectNode root, String userReference, Instant receivedAt) {
        AccountsReady.Builder event = AccountsReady.newBuilder()
                .setSource(AccountsSource.WEBHOOK)
                .setUserReference(userReference)
                .setRequestIdLastUsedAt(null)
                .setLoginReceivedAt(null)
                .setReceivedAt(receivedAt)
                .setInstitution(null).setInstitutionName(null).setInstitutionId(null).setTag(null);
        Login login = null;
        String requestId = null;
        List<Account> accounts = List.of();
        Map<String, String> extra = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode v = e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "responsetype", "httpstatuscode" -> { } // implied by the event type
                case "login" -> login = login(v, "Login");
                case "requestid" -> requestId = Fields.text(v, "RequestId");
                case "institution" -> event.setInstitution(Fields.text(v, "Institution"));
                case "institutionname" -> event.setInstitutionName(Fields.text(v, "InstitutionName"));
                case "institutionid" -> event.setInstitutionId(Fields.integer(v, "InstitutionId"));
                case "tag" -> event.setTag(Fields.text(v, "Tag"));
                case "accounts" -> accounts = accounts(v);
                default -> extra.put(e.getKey(), e.getValue().toString());
            }
        }
        requireLogin(login);
        if (requestId == null || requestId.isBlank()) {
            throw InvalidInputException.unprocessable("missing-request-id", "RequestId is missing",
                    "A GetAccountsDetail webhook must carry RequestId.");
        }
        return event.setEventId(EventIds.forSnapshot(login.getId(), login.getLastRefresh(), requestId).toString())
                .setLoginId(login.getId()).setLogin(login).setRequestId(requestId)
                .setAccounts(accounts).setExtra(extra).build();
    }

    /**
     * {@code KYC} webhook → {@code KycReceived}.
     *
     * @param userReference the user the webhook's signed {@code Tag} names, or null
     * @throws InvalidInputException (422) when {@code Login.Id} is missing or a field cannot be mapped
     */
    public static KycReceived kycReceived(ObjectNode root, String eventId, String userReference, Instant receivedAt) {
        KycReceived.Builder event = KycReceived.newBuilder()
                .setEventId(eventId).setReceivedAt(receivedAt).setUserReference(userReference)
                .setRequestId(null).setInstitution(null).setTag(null);
        Login login = null;
        List<Holder> holders = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            JsonNode v = e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "login" -> login = login(v, "Login");
                case "requestid" -> event.setRequestId(Fields.text(v, "RequestId"));
                case "institution" -> event.setInstitution(Fields.text(v, "Institution"));
                case "tag" -> event.setTag(Fields.text(v, "Tag"));
                case "holders" -> holders = holders(v);
                default -> { } // KycReceived has no extra map; the envelope fields are implied
            }
        }
        requireLogin(login);
        return event.setLoginId(login.getId()).setLogin(login).setHolders(holders).build();
    }

    private static void requireLogin(Login login) {
        if (login == null) {
            throw InvalidInputException.unprocessable("missing-login-id", "Login.Id is missing",
                    "The webhook has no Login object with an Id.");
        }
    }

    static Login login(JsonNode node, String path) {
        ObjectNode o = Fields.object(node, path);
        if (o == null) {
            return null;
        }
        Login.Builder login = Login.newBuilder()
                .setUsername(null).setIsScheduledRefresh(null).setLastRefresh(null).setType(null);
        String id = null;
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            JsonNode v = e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "id" -> id = Fields.text(v, path + ".Id");
                case "username" -> login.setUsername(Fields.text(v, path + ".Username"));
                case "isscheduledrefresh" -> login.setIsScheduledRefresh(Fields.bool(v, path + ".IsScheduledRefresh"));
                case "lastrefresh" -> login.setLastRefresh(Fields.timestamp(v, path + ".LastRefresh"));
                case "type" -> login.setType(Fields.text(v, path + ".Type"));
                default -> { }
            }
        }
        if (id == null || id.isBlank()) {
            throw InvalidInputException.unprocessable("missing-login-id", "Login.Id is missing",
                    "The webhook's Login object has no Id.");
        }
        if (!Guids.isGuid(id.trim())) {
            throw InvalidInputException.unprocessable("invalid-login-id", "Login.Id is not a GUID",
                    "The webhook's Login.Id must be a GUID.");
        }
        return login.setId(Guids.normalize(id.trim())).build();
    }

    private static List<Account> accounts(JsonNode node) {
        if (Fields.isNull(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid("Accounts", "must be an array");
        }
        List<Account> accounts = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            accounts.add(account(node.get(i), "Accounts[" + i + "]"));
        }
        return accounts;
    }

    private static Account account(JsonNode node, String path) {
        ObjectNode o = Fields.object(node, path);
        if (o == null) {
            throw invalid(path, "must be an object");
        }
        Account.Builder account = Account.newBuilder()
                .setTitle(null).setAccountNumber(null).setTransitNumber(null).setInstitutionNumber(null)
                .setLastFourDigits(null).setOverdraftLimit(null).setBalance(null).setCategory(null)
                .setType(null).setCurrency(null).setHolder(null).setAccountType(null);
        String id = null;
        List<Transaction> transactions = List.of();
        Map<String, String> extra = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            JsonNode v = e.getValue();
            String name = e.getKey();
            switch (name.toLowerCase(Locale.ROOT)) {
                case "id" -> id = Fields.text(v, path + ".Id");
                case "title" -> account.setTitle(Fields.text(v, path + ".Title"));
                case "accountnumber" -> account.setAccountNumber(Fields.text(v, path + ".AccountNumber"));
                case "transitnumber" -> account.setTransitNumber(Fields.text(v, path + ".TransitNumber"));
                case "institutionnumber" -> account.setInstitutionNumber(Fields.text(v, path + ".InstitutionNumber"));
                case "lastfourdigits" -> account.setLastFourDigits(Fields.text(v, path + ".LastFourDigits"));
                case "overdraftlimit" -> account.setOverdraftLimit(Fields.money(v, path + ".OverdraftLimit"));
                case "balance" -> account.setBalance(balance(v, path + ".Balance"));
                case "category" -> account.setCategory(Fields.text(v, path + ".Category"));
                case "type" -> account.setType(Fields.text(v, path + ".Type"));
                case "currency" -> account.setCurrency(Fields.text(v, path + ".Currency"));
                case "holder" -> account.setHolder(holder(v, path + ".Holder"));
                case "accounttype" -> account.setAccountType(Fields.text(v, path + ".AccountType"));
                case "transactions" -> transactions = transactions(v, path + ".Transactions");
                default -> extra.put(name, v.toString());
            }
        }
        if (id == null || id.isBlank()) {
            throw invalid(path + ".Id", "is missing");
        }
        return account.setId(id).setTransactions(transactions).setExtra(extra).build();
    }

    private static Balance balance(JsonNode node, String path) {
        ObjectNode o = Fields.object(node, path);
        if (o == null) {
            return null;
        }
        return new Balance(Fields.money(Fields.find(o, "Available"), path + ".Available"),
                Fields.money(Fields.find(o, "Current"), path + ".Current"),
                Fields.money(Fields.find(o, "Limit"), path + ".Limit"));
    }

    private static List<Holder> holders(JsonNode node) {
        if (Fields.isNull(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid("Holders", "must be an array");
        }
        List<Holder> holders = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            Holder holder = holder(node.get(i), "Holders[" + i + "]");
            if (holder != null) {
                holders.add(holder);
            }
        }
        return holders;
    }

    /** Name and Email are required strings in the schema; Flinks may omit them: absent becomes "". */
    private static Holder holder(JsonNode node, String path) {
        ObjectNode o = Fields.object(node, path);
        if (o == null) {
            return null;
        }
        String name = Fields.text(Fields.find(o, "Name"), path + ".Name");
        String email = Fields.text(Fields.find(o, "Email"), path + ".Email");
        return new Holder(name == null ? "" : name, address(Fields.find(o, "Address"), path + ".Address"),
                email == null ? "" : email, Fields.text(Fields.find(o, "PhoneNumber"), path + ".PhoneNumber"));
    }

    private static Address address(JsonNode node, String path) {
        ObjectNode o = Fields.object(node, path);
        if (o == null) {
            return null;
        }
        return new Address(Fields.text(Fields.find(o, "CivicAddress"), path + ".CivicAddress"),
                Fields.text(Fields.find(o, "City"), path + ".City"),
                Fields.text(Fields.find(o, "Province"), path + ".Province"),
                Fields.text(Fields.find(o, "PostalCode"), path + ".PostalCode"),
                Fields.text(Fields.find(o, "POBox"), path + ".POBox"),
                Fields.text(Fields.find(o, "Country"), path + ".Country"));
    }

    private static List<Transaction> transactions(JsonNode node, String path) {
        if (Fields.isNull(node)) {
            return List.of();
        }
        if (!node.isArray()) {
            throw invalid(path, "must be an array");
        }
        List<Transaction> transactions = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            transactions.add(transaction(node.get(i), path + "[" + i + "]"));
        }
        return transactions;
    }

    private static Transaction transaction(JsonNode node, String path) {
        ObjectNode o = Fields.object(node, path);
        if (o == null) {
            throw invalid(path, "must be an object");
        }
        // The all-arguments constructor: a builder deep-copies defaults, which shows on years of transactions.
        Transaction t = new Transaction(null, null, null, null, null, null, null, Map.of());
        Map<String, String> extra = null;
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            JsonNode v = e.getValue();
            switch (e.getKey().toLowerCase(Locale.ROOT)) {
                case "id" -> t.setId(Fields.text(v, path + ".Id"));
                case "date" -> t.setDate(Fields.date(v, path + ".Date"));
                case "code" -> t.setCode(Fields.text(v, path + ".Code"));
                case "description" -> t.setDescription(Fields.text(v, path + ".Description"));
                case "debit" -> t.setDebit(Fields.money(v, path + ".Debit"));
                case "credit" -> t.setCredit(Fields.money(v, path + ".Credit"));
                case "balance" -> t.setBalance(Fields.money(v, path + ".Balance"));
                default -> {
                    if (extra == null) {
                        extra = new HashMap<>();
                    }
                    extra.put(e.getKey(), v.toString());
                }
            }
        }
        if (extra != null) {
            t.setExtra(extra);
        }
        return t;
    }
}

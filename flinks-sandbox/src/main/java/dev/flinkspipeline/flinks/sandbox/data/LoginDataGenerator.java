package dev.flinkspipeline.flinks.sandbox.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.flinks.sandbox.json.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pure, deterministic generator of a login's bank data and of the exact JSON the sandbox answers with.
 * The same (seed, asOf, loginId) always gives the same accounts, transactions, ids and bytes, in any JVM,
 * so tests of other modules can rebuild what the sandbox sent (e.g. compare Kafka events with
 * {@link #accountsDetail}, or build realistic webhook bodies with {@link #webhookAccountsDetail}).
 * <p>
 * A running sandbox exposes the very instance it uses: {@code FlinksSandbox#dataGenerator()}.
 */
public final class LoginDataGenerator {

    /** Days of history generated per login; Days90/Days365 answers are windows of it. */
    public static final int HISTORY_DAYS = 365;

    public static final String INSTITUTION = "FlinksCapital";
    public static final int INSTITUTION_ID = 14;
    public static final String INSTITUTION_NUMBER = "777";
    private static final DateTimeFormatter LAST_REFRESH = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
    private static final int CACHE_LIMIT = 512; // about 140 KB per login: bounded memory, regeneration is cheap

    private static final String[] FIRST = {
        "Jane", "Marc", "Sophie", "David", "Amelie", "Omar", "Priya", "Lucas", "Chloe", "Noah", "Emma", "Liam",
        "Fatima", "Wei", "Olivia", "Gabriel"
    };
    private static final String[] LAST = {
        "Tremblay",
        "Gagnon",
        "Roy",
        "Smith",
        "Brown",
        "Wilson",
        "Nguyen",
        "Singh",
        "Martin",
        "Lee",
        "Cote",
        "Campbell",
        "Morin",
        "Patel",
        "Bouchard",
        "Taylor"
    };
    private static final String[][] CITIES = {
        {"Montreal", "QC", "H2X 1Y4", "514"},
        {"Toronto", "ON", "M5J 2V5", "416"},
        {"Vancouver", "BC", "V6B 1A1", "604"},
        {"Calgary", "AB", "T2P 2M5", "403"},
        {"Ottawa", "ON", "K1P 5G4", "613"},
        {"Quebec", "QC", "G1R 4P5", "418"},
        {"Halifax", "NS", "B3J 1S9", "902"},
        {"Winnipeg", "MB", "R3C 4T3", "204"}
    };
    private static final String[] STREETS = {
        "York St",
        "Rue Sainte-Catherine",
        "Main St",
        "King St W",
        "Boulevard Rene-Levesque",
        "Granville St",
        "Elm Ave",
        "Maple Dr",
        "Rue Saint-Denis",
        "Queen St E"
    };

    private final long seed;
    private final LocalDate asOf;
    private final int accountSets;
    private final Map<String, LoginData> cache = new ConcurrentHashMap<>();

    public LoginDataGenerator(long seed, LocalDate asOf) {
        this(seed, asOf, 1);
    }

    /** @param accountSets how many times each login's simulated accounts are repeated, with ids of their own */
    public LoginDataGenerator(long seed, LocalDate asOf, int accountSets) {
        if (asOf == null) {
            throw new IllegalArgumentException("asOf is required");
        }
        if (accountSets < 1) {
            throw new IllegalArgumentException("accountSets < 1");
        }
        this.seed = seed;
        this.asOf = asOf;
        this.accountSets = accountSets;
    }

    public long seed() {
        return seed;
    }

    public LocalDate asOf() {
        return asOf;
    }

    /** The stable loginId the sandbox gives a FlinksCapital username (case-insensitive). */
    public static String loginIdForUsername(String username) {
        return UUID.nameUUIDFromBytes(
                        ("FlinksCapital/" + username.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** Accounts, holder and a year of transactions for a login. Cached; the value is immutable. */
    public LoginData generate(String loginId) {
        LoginData data = cache.get(loginId);
        if (data == null) {
            data = build(loginId);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear(); // cheap bound: regenerating is deterministic
            }
            cache.put(loginId, data);
        }
        return data;
    }

    /** Every attribute the sandbox computes for this login (see {@link AttributesCalculator}). */
    public Map<String, Object> attributes(String loginId) {
        return new AttributesCalculator(generate(loginId)).all();
    }

    private LoginData build(String loginId) {
        Random rng = new Random(mix(loginId));
        Holder holder = holder(rng);
        HistorySimulator sim = new HistorySimulator(rng, seed + "/" + loginId, asOf, HISTORY_DAYS);
        List<HistorySimulator.Ledger> ledgers = sim.run();
        String transit = String.format("%05d", rng.nextInt(100_000));
        List<Account> accounts = new ArrayList<>();
        Set<String> numbers = new HashSet<>();
        for (HistorySimulator.Ledger l : ledgers) {
            String number;
            do {
                number = String.format("%07d", 1_000_000 + rng.nextInt(9_000_000));
            } while (!numbers.add(number));
            String id = UUID.nameUUIDFromBytes(
                            (seed + "/" + loginId + "/account/" + l.index).getBytes(StandardCharsets.UTF_8))
                    .toString();
            BigDecimal current = BigDecimal.valueOf(l.balance, 2);
            BigDecimal opening = BigDecimal.valueOf(l.opening, 2);
            List<Transaction> txs = List.copyOf(l.transactions);
            accounts.add(
                    switch (l.index) {
                        case 0 ->
                            new Account(
                                    id,
                                    "Chequing Account",
                                    "Chequing",
                                    "Operations",
                                    "Personal",
                                    "CAD",
                                    transit,
                                    INSTITUTION_NUMBER,
                                    number,
                                    null,
                                    BigDecimal.valueOf(sim.overdraftCents(), 2),
                                    null,
                                    opening,
                                    current,
                                    current,
                                    txs);
                        case 1 ->
                            new Account(
                                    id,
                                    "Savings Account",
                                    "Savings",
                                    "Operations",
                                    "Personal",
                                    "CAD",
                                    transit,
                                    INSTITUTION_NUMBER,
                                    number,
                                    null,
                                    BigDecimal.valueOf(0, 2),
                                    null,
                                    opening,
                                    current,
                                    current,
                                    txs);
                        case 2 -> {
                            String cardNumber =
                                    "4520" + number.substring(0, 4) + String.format("%08d", rng.nextInt(100_000_000));
                            BigDecimal limit = BigDecimal.valueOf(sim.cardLimitCents(), 2);
                            yield new Account(
                                    id,
                                    "Visa Infinite",
                                    "CreditCard",
                                    "Credits",
                                    "Personal",
                                    "CAD",
                                    transit,
                                    INSTITUTION_NUMBER,
                                    cardNumber,
                                    cardNumber.substring(12),
                                    BigDecimal.valueOf(0, 2),
                                    limit,
                                    opening,
                                    current,
                                    limit.subtract(current),
                                    txs);
                        }
                        default ->
                            new Account(
                                    id,
                                    "Tax-Free Savings Account",
                                    "TFSA",
                                    "Products",
                                    "Personal",
                                    "CAD",
                                    transit,
                                    INSTITUTION_NUMBER,
                                    number,
                                    null,
                                    BigDecimal.valueOf(0, 2),
                                    null,
                                    opening,
                                    current,
                                    current,
                                    txs);
                    });
        }
        accounts = repeated(accounts, loginId);
        LocalDateTime refreshed =
                asOf.atTime(rng.nextInt(4), rng.nextInt(60), rng.nextInt(60), rng.nextInt(1_000_000) * 1000);
        return new LoginData(loginId, holder, List.copyOf(accounts), asOf, LAST_REFRESH.format(refreshed));
    }

    private Holder holder(Random rng) {
        String first = FIRST[rng.nextInt(FIRST.length)];
        String last = LAST[rng.nextInt(LAST.length)];
        String[] city = CITIES[rng.nextInt(CITIES.length)];
        Address address = new Address(
                (10 + rng.nextInt(3000)) + " " + STREETS[rng.nextInt(STREETS.length)],
                city[0],
                city[1],
                city[2],
                null,
                "CA");
        String email = (first + "." + last + (rng.nextInt(90) + 10) + "@example.com").toLowerCase(Locale.ROOT);
        String phone = city[3] + "555" + String.format("%04d", rng.nextInt(10_000));
        return new Holder(first + " " + last, address, email, phone);
    }

    /** A 64-bit seed from (seed, loginId) via MD5, stable across JVMs (unlike hashCode mixes of objects). */
    private long mix(String loginId) {
        UUID digest = UUID.nameUUIDFromBytes((seed + "|" + loginId).getBytes(StandardCharsets.UTF_8));
        return digest.getMostSignificantBits() ^ digest.getLeastSignificantBits();
    }

    // ---------------------------------------------------------------- JSON

    /** The {@code Login} object Flinks puts in Authorize, GAD, webhook and Attributes answers. */
    public ObjectNode login(String loginId, String username) {
        ObjectNode login = Json.object();
        login.put("Username", username);
        login.put("IsScheduledRefresh", false);
        login.put("LastRefresh", generate(loginId).lastRefresh());
        login.put("Type", "Personal");
        login.put("Id", loginId);
        return login;
    }

    /** The accounts followed by {@code accountSets - 1} copies, each account and transaction with an id of its own. */
    private List<Account> repeated(List<Account> accounts, String loginId) {
        if (accountSets == 1) {
            return accounts;
        }
        List<Account> all = new ArrayList<>(accounts);
        for (int set = 1; set < accountSets; set++) {
            for (Account a : accounts) {
                String prefix = seed + "/" + loginId + "/set/" + set + "/" + a.id();
                List<Transaction> txs = new ArrayList<>(a.transactions().size());
                for (Transaction t : a.transactions()) {
                    txs.add(new Transaction(
                            uuid(prefix + "/" + t.id()),
                            t.date(),
                            t.description(),
                            t.debit(),
                            t.credit(),
                            t.balance(),
                            t.kind()));
                }
                all.add(new Account(
                        uuid(prefix),
                        a.title(),
                        a.type(),
                        a.category(),
                        a.accountType(),
                        a.currency(),
                        a.transitNumber(),
                        a.institutionNumber(),
                        a.accountNumber(),
                        a.lastFourDigits(),
                        a.overdraftLimit(),
                        a.limit(),
                        a.openingBalance(),
                        a.currentBalance(),
                        a.availableBalance(),
                        List.copyOf(txs)));
            }
        }
        return all;
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The exact GetAccountsDetail 200 body (as a tree) the sandbox answers for these options. */
    public ObjectNode accountsDetail(String loginId, String username, GadOptions options, String requestId) {
        LoginData data = generate(loginId);
        ObjectNode root = Json.object();
        root.put("HttpStatusCode", 200);
        ArrayNode accounts = root.putArray("Accounts");
        LocalDate from = asOf.minusDays(options.days().days() - 1L);
        for (Account a : data.accounts()) {
            if (!options.accountsFilter().isEmpty() && !options.accountsFilter().contains(a.id())) {
                continue;
            }
            accounts.add(account(a, data.holder(), options, from));
        }
        root.put("InstitutionName", INSTITUTION);
        root.set("Login", login(loginId, username));
        root.put("InstitutionId", INSTITUTION_ID);
        root.put("Institution", INSTITUTION);
        root.put("RequestId", requestId);
        return root;
    }

    public byte[] accountsDetailBytes(String loginId, String username, GadOptions options, String requestId) {
        return Json.bytes(accountsDetail(loginId, username, options, requestId));
    }

    /** The GetAccountsDetail webhook body: the full GAD 200 (identity, KYC, transactions) plus ResponseType and Tag. */
    public ObjectNode webhookAccountsDetail(
            String loginId, String username, String requestId, String tag, DaysOfTransactions days) {
        ObjectNode gad = accountsDetail(loginId, username, GadOptions.full(days), requestId);
        ObjectNode root = Json.object();
        root.put("ResponseType", "GetAccountsDetail");
        root.setAll(gad);
        root.put("Tag", tag);
        return root;
    }

    /** The KYC webhook body: holders, Login, Institution, RequestId. */
    public ObjectNode webhookKyc(String loginId, String username, String requestId) {
        LoginData data = generate(loginId);
        ObjectNode root = Json.object();
        root.put("ResponseType", "KYC");
        root.put("HttpStatusCode", 200);
        root.putArray("Holders").add(holder(data.holder()));
        root.set("Login", login(loginId, username));
        root.put("Institution", INSTITUTION);
        root.put("RequestId", requestId);
        return root;
    }

    private ObjectNode account(Account a, Holder holder, GadOptions options, LocalDate from) {
        ObjectNode acc = Json.object();
        ArrayNode txs = acc.putArray("Transactions");
        if (options.withTransactions()) {
            List<Transaction> all = a.transactions();
            for (int i = all.size() - 1; i >= 0; i--) { // newest first, as Flinks lists them
                Transaction t = all.get(i);
                if (t.date().isBefore(from)) {
                    break;
                }
                ObjectNode tx = txs.addObject();
                tx.put("Date", t.date().toString());
                tx.putNull("Code");
                tx.put("Description", t.description());
                tx.put("Debit", t.debit());
                tx.put("Credit", t.credit());
                tx.put("Balance", t.balance());
                tx.put("Id", t.id());
            }
        }
        if (options.withAccountIdentity()) {
            acc.put("TransitNumber", a.transitNumber());
            acc.put("InstitutionNumber", a.institutionNumber());
            acc.put("AccountNumber", a.accountNumber());
        } else {
            // without WithAccountIdentity only the last digits are shown
            acc.putNull("TransitNumber");
            acc.putNull("InstitutionNumber");
            acc.put("AccountNumber", mask(a.accountNumber()));
        }
        acc.put("OverdraftLimit", a.overdraftLimit());
        acc.put("Title", a.title());
        acc.put("LastFourDigits", a.lastFourDigits());
        ObjectNode balance = acc.putObject("Balance");
        balance.put("Available", a.availableBalance());
        balance.put("Current", a.currentBalance());
        balance.put("Limit", a.limit());
        acc.put("Category", a.category());
        acc.put("Type", a.type());
        acc.put("Currency", a.currency());
        if (options.withKyc()) {
            acc.set("Holder", holder(holder));
        } else {
            acc.putNull("Holder");
        }
        acc.put("AccountType", a.accountType());
        acc.put("Id", a.id());
        return acc;
    }

    private static ObjectNode holder(Holder h) {
        ObjectNode node = Json.object();
        node.put("Name", h.name());
        ObjectNode address = node.putObject("Address");
        address.put("CivicAddress", h.address().civicAddress());
        address.put("City", h.address().city());
        address.put("Province", h.address().province());
        address.put("PostalCode", h.address().postalCode());
        address.put("POBox", h.address().poBox());
        address.put("Country", h.address().country());
        node.put("Email", h.email());
        node.put("PhoneNumber", h.phoneNumber());
        return node;
    }

    private static String mask(String number) {
        return "****" + number.substring(number.length() - 4);
    }
}

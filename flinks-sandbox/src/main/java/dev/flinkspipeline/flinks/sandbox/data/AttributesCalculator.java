package dev.flinkspipeline.flinks.sandbox.data;

import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.AVERAGE_DAILY_BALANCE_OPERATIONS_90_DAYS;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.AVERAGE_MONTHLY_CREDITS_OPERATIONS_12_MONTHS;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.AVERAGE_MONTHLY_EMPLOYER_INCOME_12_MONTHS;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.AVERAGE_MONTHLY_RENT_12_MONTHS;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.COUNT_ACCOUNTS;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.COUNT_DAYS_NEGATIVE_BALANCE_90_DAYS;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.COUNT_EMPLOYER_INCOME_DEPOSITS_12_MONTHS;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.COUNT_NSF_12_MONTHS;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.COUNT_NSF_90_DAYS;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.COUNT_TRANSACTIONS_OPERATIONS_90_DAYS;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.CREDIT_CARD_UTILIZATION;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.CURRENT_BALANCE_OPERATIONS;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.EMPLOYER_INCOME_FREQUENCY;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.IS_EMPLOYER_INCOME_DETECTED;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.IS_PRIMARY_ACCOUNT_DETECTED;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.MIN_DAILY_BALANCE_OPERATIONS_90_DAYS;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.MOST_RECENT_EMPLOYER_INCOME_DATE;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.NONE_DETECTED;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.PRIMARY_ACCOUNT_ID;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.SUM_CREDITS_OPERATIONS_12_MONTHS;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.SUM_CREDITS_OPERATIONS_90_DAYS;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.SUM_DEBITS_OPERATIONS_90_DAYS;
import static dev.flinkspipeline.flinks.sandbox.data.AttributeCatalog.SUM_EMPLOYER_INCOME_12_MONTHS;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Computes the attributes of a login from its generated accounts, so they agree with the transactions the
 * sandbox serves. Pure; tests use it to compute the expected values.
 * <ul>
 *   <li>Windows end on {@code asOf}: "12 months" = the last 365 days, "90 days" = the last 90 days, both
 *       shortened by {@code limitDays} when given.</li>
 *   <li>Income = PAYROLL credits on Operations accounts; a monthly average is the window sum scaled to a
 *       month: sum x 365 / (12 x windowDays), 2 decimals, half-even.</li>
 *   <li>Daily balance = end-of-day balance; "operations" balances sum the Operations accounts (Chequing,
 *       Savings); a negative-balance day is a day where any Operations account ends below zero.</li>
 *   <li>NSF = "NSF FEE" debits. Credit card utilization = sum of card balances owed / sum of limits (4 decimals).</li>
 * </ul>
 */
public final class AttributesCalculator {

    /** A transaction with the account it belongs to (for AttributesDetails). */
    public record Detail(String accountId, Transaction transaction) {}

    private final LoginData data;
    private final List<Account> accounts;
    private final int days12;
    private final int days90;

    public AttributesCalculator(LoginData data) {
        this(data, null, null);
    }

    /**
     * @param accountIds restrict to these accounts (null = all)
     * @param limitDays  look-back limit 1..365 (null = none)
     */
    public AttributesCalculator(LoginData data, Collection<String> accountIds, Integer limitDays) {
        this.data = data;
        this.accounts = data.accounts().stream()
                .filter(a -> accountIds == null || accountIds.isEmpty() || accountIds.contains(a.id()))
                .toList();
        int limit = limitDays == null ? 365 : limitDays;
        this.days12 = Math.min(365, limit);
        this.days90 = Math.min(90, limit);
    }

    /** Every attribute, in catalog order. */
    public Map<String, Object> all() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : AttributeCatalog.ALL) {
            out.put(name, value(name));
        }
        return out;
    }

    public Map<String, Object> values(Collection<String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : names) {
            out.put(name, value(name));
        }
        return out;
    }

    public Object value(String name) {
        switch (name) {
            case IS_EMPLOYER_INCOME_DETECTED:
                return !payroll().isEmpty();
            case COUNT_EMPLOYER_INCOME_DEPOSITS_12_MONTHS:
                return payroll().size();
            case SUM_EMPLOYER_INCOME_12_MONTHS:
                return sumCredits(payroll());
            case AVERAGE_MONTHLY_EMPLOYER_INCOME_12_MONTHS:
                return payroll().isEmpty() ? NONE_DETECTED : monthly(sumCredits(payroll()), days12);
            case EMPLOYER_INCOME_FREQUENCY:
                return frequency(payroll());
            case MOST_RECENT_EMPLOYER_INCOME_DATE: {
                List<Detail> p = payroll();
                return p.isEmpty()
                        ? NONE_DETECTED
                        : p.stream()
                                .map(d -> d.transaction().date())
                                .max(LocalDate::compareTo)
                                .get()
                                .toString();
            }
            case COUNT_NSF_90_DAYS:
                return select(days90, t -> t.kind() == TransactionKind.NSF_FEE, Account::isOperations)
                        .size();
            case COUNT_NSF_12_MONTHS:
                return select(days12, t -> t.kind() == TransactionKind.NSF_FEE, Account::isOperations)
                        .size();
            case COUNT_DAYS_NEGATIVE_BALANCE_90_DAYS:
                return negativeDays();
            case MIN_DAILY_BALANCE_OPERATIONS_90_DAYS: {
                BigDecimal[] daily = dailyOperationsBalances();
                BigDecimal min = null;
                for (BigDecimal b : daily) {
                    min = min == null || b.compareTo(min) < 0 ? b : min;
                }
                return min == null ? NONE_DETECTED : min;
            }
            case AVERAGE_DAILY_BALANCE_OPERATIONS_90_DAYS: {
                BigDecimal[] daily = dailyOperationsBalances();
                if (daily.length == 0) {
                    return NONE_DETECTED;
                }
                BigDecimal sum = BigDecimal.ZERO;
                for (BigDecimal b : daily) {
                    sum = sum.add(b);
                }
                return sum.divide(BigDecimal.valueOf(daily.length), 2, RoundingMode.HALF_EVEN);
            }
            case CURRENT_BALANCE_OPERATIONS:
                return accounts.stream()
                        .filter(Account::isOperations)
                        .map(Account::currentBalance)
                        .reduce(BigDecimal.valueOf(0, 2), BigDecimal::add);
            case CREDIT_CARD_UTILIZATION: {
                List<Account> cards =
                        accounts.stream().filter(Account::isCredit).toList();
                BigDecimal limit = cards.stream().map(Account::limit).reduce(BigDecimal.ZERO, BigDecimal::add);
                if (cards.isEmpty() || limit.signum() == 0) {
                    return NONE_DETECTED;
                }
                BigDecimal owed = cards.stream().map(Account::currentBalance).reduce(BigDecimal.ZERO, BigDecimal::add);
                return owed.divide(limit, 4, RoundingMode.HALF_EVEN);
            }
            case AVERAGE_MONTHLY_RENT_12_MONTHS: {
                List<Detail> rent = select(days12, t -> t.kind() == TransactionKind.RENT, Account::isOperations);
                return rent.isEmpty() ? NONE_DETECTED : monthly(sumDebits(rent), days12);
            }
            case COUNT_TRANSACTIONS_OPERATIONS_90_DAYS:
                return select(days90, t -> true, Account::isOperations).size();
            case SUM_CREDITS_OPERATIONS_90_DAYS:
                return sumCredits(select(days90, t -> t.credit() != null, Account::isOperations));
            case SUM_DEBITS_OPERATIONS_90_DAYS:
                return sumDebits(select(days90, t -> t.debit() != null, Account::isOperations));
            case SUM_CREDITS_OPERATIONS_12_MONTHS:
                return sumCredits(select(days12, t -> t.credit() != null, Account::isOperations));
            case AVERAGE_MONTHLY_CREDITS_OPERATIONS_12_MONTHS:
                return monthly(sumCredits(select(days12, t -> t.credit() != null, Account::isOperations)), days12);
            case IS_PRIMARY_ACCOUNT_DETECTED:
                return !payroll().isEmpty();
            case PRIMARY_ACCOUNT_ID:
                return primaryAccount();
            case COUNT_ACCOUNTS:
                return accounts.size();
            default:
                throw new IllegalArgumentException("Unknown attribute " + name);
        }
    }

    /** The transactions an attribute is computed from (empty for balance-based attributes). */
    public List<Detail> details(String name) {
        return switch (name) {
            case IS_EMPLOYER_INCOME_DETECTED,
                    COUNT_EMPLOYER_INCOME_DEPOSITS_12_MONTHS,
                    SUM_EMPLOYER_INCOME_12_MONTHS,
                    AVERAGE_MONTHLY_EMPLOYER_INCOME_12_MONTHS,
                    EMPLOYER_INCOME_FREQUENCY,
                    MOST_RECENT_EMPLOYER_INCOME_DATE,
                    IS_PRIMARY_ACCOUNT_DETECTED,
                    PRIMARY_ACCOUNT_ID -> payroll();
            case COUNT_NSF_90_DAYS -> select(days90, t -> t.kind() == TransactionKind.NSF_FEE, Account::isOperations);
            case COUNT_NSF_12_MONTHS -> select(days12, t -> t.kind() == TransactionKind.NSF_FEE, Account::isOperations);
            case AVERAGE_MONTHLY_RENT_12_MONTHS ->
                select(days12, t -> t.kind() == TransactionKind.RENT, Account::isOperations);
            case COUNT_TRANSACTIONS_OPERATIONS_90_DAYS -> select(days90, t -> true, Account::isOperations);
            case SUM_CREDITS_OPERATIONS_90_DAYS -> select(days90, t -> t.credit() != null, Account::isOperations);
            case SUM_DEBITS_OPERATIONS_90_DAYS -> select(days90, t -> t.debit() != null, Account::isOperations);
            case SUM_CREDITS_OPERATIONS_12_MONTHS, AVERAGE_MONTHLY_CREDITS_OPERATIONS_12_MONTHS ->
                select(days12, t -> t.credit() != null, Account::isOperations);
            default -> List.of();
        };
    }

    private List<Detail> payroll() {
        return select(days12, t -> t.kind() == TransactionKind.PAYROLL, Account::isOperations);
    }

    private List<Detail> select(int days, Predicate<Transaction> which, Predicate<Account> accountFilter) {
        LocalDate from = data.asOf().minusDays(days - 1L);
        List<Detail> out = new ArrayList<>();
        for (Account a : accounts) {
            if (!accountFilter.test(a)) {
                continue;
            }
            for (Transaction t : a.transactions()) {
                if (!t.date().isBefore(from) && !t.date().isAfter(data.asOf()) && which.test(t)) {
                    out.add(new Detail(a.id(), t));
                }
            }
        }
        return out;
    }

    private static BigDecimal sumCredits(List<Detail> d) {
        return d.stream().map(x -> x.transaction().credit()).reduce(BigDecimal.valueOf(0, 2), BigDecimal::add);
    }

    private static BigDecimal sumDebits(List<Detail> d) {
        return d.stream().map(x -> x.transaction().debit()).reduce(BigDecimal.valueOf(0, 2), BigDecimal::add);
    }

    private static BigDecimal monthly(BigDecimal sum, int windowDays) {
        return sum.multiply(BigDecimal.valueOf(365))
                .divide(BigDecimal.valueOf(12L * windowDays), 2, RoundingMode.HALF_EVEN);
    }

    private static String frequency(List<Detail> payroll) {
        List<LocalDate> dates = payroll.stream()
                .map(d -> d.transaction().date())
                .distinct()
                .sorted()
                .toList();
        if (dates.size() < 2) {
            return NONE_DETECTED;
        }
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < dates.size(); i++) {
            gaps.add(dates.get(i).toEpochDay() - dates.get(i - 1).toEpochDay());
        }
        gaps.sort(Long::compare);
        long median = gaps.get(gaps.size() / 2);
        if (median <= 8) return "WEEKLY";
        if (median <= 15) return median >= 13 ? "BIWEEKLY" : "SEMI_MONTHLY";
        if (median <= 17) return "SEMI_MONTHLY";
        return "MONTHLY";
    }

    private Object primaryAccount() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Detail d : payroll()) {
            counts.merge(d.accountId(), 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .<Object>map(Map.Entry::getKey)
                .orElse(NONE_DETECTED);
    }

    /** End-of-day balance of one account for each of the last {@code days} days (oldest first). */
    private BigDecimal[] endOfDay(Account a, int days) {
        LocalDate from = data.asOf().minusDays(days - 1L);
        BigDecimal[] out = new BigDecimal[days];
        BigDecimal balance = a.openingBalance();
        int i = 0;
        List<Transaction> txs = a.transactions();
        for (int d = 0; d < days; d++) {
            LocalDate day = from.plusDays(d);
            while (i < txs.size() && !txs.get(i).date().isAfter(day)) {
                balance = txs.get(i).balance();
                i++;
            }
            out[d] = balance;
        }
        return out;
    }

    private BigDecimal[] dailyOperationsBalances() {
        BigDecimal[] sum = new BigDecimal[days90];
        Arrays.fill(sum, BigDecimal.valueOf(0, 2));
        boolean any = false;
        for (Account a : accounts) {
            if (!a.isOperations()) {
                continue;
            }
            any = true;
            BigDecimal[] eod = endOfDay(a, days90);
            for (int d = 0; d < days90; d++) {
                sum[d] = sum[d].add(eod[d]);
            }
        }
        return any ? sum : new BigDecimal[0];
    }

    private int negativeDays() {
        boolean[] negative = new boolean[days90];
        for (Account a : accounts) {
            if (!a.isOperations()) {
                continue;
            }
            BigDecimal[] eod = endOfDay(a, days90);
            for (int d = 0; d < days90; d++) {
                negative[d] |= eod[d].signum() < 0;
            }
        }
        int n = 0;
        for (boolean b : negative) {
            n += b ? 1 : 0;
        }
        return n;
    }
}

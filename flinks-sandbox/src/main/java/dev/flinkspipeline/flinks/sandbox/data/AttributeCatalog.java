package dev.flinkspipeline.flinks.sandbox.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The attributes the sandbox computes and which use-case endpoint returns which. Names are the sandbox's
 * own (the real library is only reachable with a Flinks subscription), in Flinks' snake_case style.
 */
public final class AttributeCatalog {

    public static final String IS_EMPLOYER_INCOME_DETECTED = "is_employer_income_detected";
    public static final String COUNT_EMPLOYER_INCOME_DEPOSITS_12_MONTHS = "count_employer_income_deposits_12_months";
    public static final String SUM_EMPLOYER_INCOME_12_MONTHS = "sum_employer_income_12_months";
    public static final String AVERAGE_MONTHLY_EMPLOYER_INCOME_12_MONTHS = "average_monthly_employer_income_12_months";
    public static final String EMPLOYER_INCOME_FREQUENCY = "employer_income_frequency";
    public static final String MOST_RECENT_EMPLOYER_INCOME_DATE = "most_recent_employer_income_date";
    public static final String COUNT_NSF_90_DAYS = "count_nsf_90_days";
    public static final String COUNT_NSF_12_MONTHS = "count_nsf_12_months";
    public static final String COUNT_DAYS_NEGATIVE_BALANCE_90_DAYS = "count_days_negative_balance_90_days";
    public static final String MIN_DAILY_BALANCE_OPERATIONS_90_DAYS = "min_daily_balance_operations_90_days";
    public static final String AVERAGE_DAILY_BALANCE_OPERATIONS_90_DAYS = "average_daily_balance_operations_90_days";
    public static final String CURRENT_BALANCE_OPERATIONS = "current_balance_operations";
    public static final String CREDIT_CARD_UTILIZATION = "credit_card_utilization";
    public static final String AVERAGE_MONTHLY_RENT_12_MONTHS = "average_monthly_rent_12_months";
    public static final String COUNT_TRANSACTIONS_OPERATIONS_90_DAYS = "count_transactions_operations_90_days";
    public static final String SUM_CREDITS_OPERATIONS_90_DAYS = "sum_credits_operations_90_days";
    public static final String SUM_DEBITS_OPERATIONS_90_DAYS = "sum_debits_operations_90_days";
    public static final String SUM_CREDITS_OPERATIONS_12_MONTHS = "sum_credits_operations_12_months";
    public static final String AVERAGE_MONTHLY_CREDITS_OPERATIONS_12_MONTHS =
            "average_monthly_credits_operations_12_months";
    public static final String IS_PRIMARY_ACCOUNT_DETECTED = "is_primary_account_detected";
    public static final String PRIMARY_ACCOUNT_ID = "primary_account_id";
    public static final String COUNT_ACCOUNTS = "count_accounts";

    /** Value of an attribute with no matching transaction. */
    public static final String NONE_DETECTED = "NONE_DETECTED";

    private static final List<String> INCOME = List.of(
            IS_EMPLOYER_INCOME_DETECTED,
            COUNT_EMPLOYER_INCOME_DEPOSITS_12_MONTHS,
            SUM_EMPLOYER_INCOME_12_MONTHS,
            AVERAGE_MONTHLY_EMPLOYER_INCOME_12_MONTHS,
            EMPLOYER_INCOME_FREQUENCY,
            MOST_RECENT_EMPLOYER_INCOME_DATE);
    private static final List<String> CREDIT_RISK = List.of(
            COUNT_NSF_90_DAYS,
            COUNT_NSF_12_MONTHS,
            COUNT_DAYS_NEGATIVE_BALANCE_90_DAYS,
            MIN_DAILY_BALANCE_OPERATIONS_90_DAYS,
            AVERAGE_DAILY_BALANCE_OPERATIONS_90_DAYS,
            CREDIT_CARD_UTILIZATION);
    private static final List<String> LENDING = List.of(
            AVERAGE_MONTHLY_EMPLOYER_INCOME_12_MONTHS,
            AVERAGE_DAILY_BALANCE_OPERATIONS_90_DAYS,
            MIN_DAILY_BALANCE_OPERATIONS_90_DAYS,
            CURRENT_BALANCE_OPERATIONS,
            COUNT_NSF_12_MONTHS,
            COUNT_DAYS_NEGATIVE_BALANCE_90_DAYS,
            AVERAGE_MONTHLY_RENT_12_MONTHS,
            COUNT_TRANSACTIONS_OPERATIONS_90_DAYS,
            SUM_CREDITS_OPERATIONS_90_DAYS,
            SUM_DEBITS_OPERATIONS_90_DAYS);
    private static final List<String> BUSINESS = List.of(
            SUM_CREDITS_OPERATIONS_12_MONTHS,
            AVERAGE_MONTHLY_CREDITS_OPERATIONS_12_MONTHS,
            AVERAGE_DAILY_BALANCE_OPERATIONS_90_DAYS,
            MIN_DAILY_BALANCE_OPERATIONS_90_DAYS,
            COUNT_NSF_12_MONTHS,
            COUNT_DAYS_NEGATIVE_BALANCE_90_DAYS,
            COUNT_ACCOUNTS);

    /** Every attribute name, in output order. */
    public static final List<String> ALL = List.of(
            IS_EMPLOYER_INCOME_DETECTED,
            COUNT_EMPLOYER_INCOME_DEPOSITS_12_MONTHS,
            SUM_EMPLOYER_INCOME_12_MONTHS,
            AVERAGE_MONTHLY_EMPLOYER_INCOME_12_MONTHS,
            EMPLOYER_INCOME_FREQUENCY,
            MOST_RECENT_EMPLOYER_INCOME_DATE,
            COUNT_NSF_90_DAYS,
            COUNT_NSF_12_MONTHS,
            COUNT_DAYS_NEGATIVE_BALANCE_90_DAYS,
            MIN_DAILY_BALANCE_OPERATIONS_90_DAYS,
            AVERAGE_DAILY_BALANCE_OPERATIONS_90_DAYS,
            CURRENT_BALANCE_OPERATIONS,
            CREDIT_CARD_UTILIZATION,
            AVERAGE_MONTHLY_RENT_12_MONTHS,
            COUNT_TRANSACTIONS_OPERATIONS_90_DAYS,
            SUM_CREDITS_OPERATIONS_90_DAYS,
            SUM_DEBITS_OPERATIONS_90_DAYS,
            SUM_CREDITS_OPERATIONS_12_MONTHS,
            AVERAGE_MONTHLY_CREDITS_OPERATIONS_12_MONTHS,
            IS_PRIMARY_ACCOUNT_DETECTED,
            PRIMARY_ACCOUNT_ID,
            COUNT_ACCOUNTS);

    /** Use-case endpoint (path suffix, e.g. GetIncomeAttributes) to its attribute names. */
    public static final Map<String, List<String>> USE_CASES;

    static {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("GetIncomeAttributes", INCOME);
        m.put("GetLendingAttributes", LENDING);
        m.put("GetCreditRiskAttributes", CREDIT_RISK);
        m.put(
                "GetUserAnalysisAttributes",
                union(INCOME, CREDIT_RISK, List.of(IS_PRIMARY_ACCOUNT_DETECTED, PRIMARY_ACCOUNT_ID)));
        m.put("GetBusinessAnalysisAttributes", BUSINESS);
        m.put("GetAllAttributes", ALL);
        m.put(
                "GetAllBusinessAttributes",
                union(
                        BUSINESS,
                        List.of(
                                CURRENT_BALANCE_OPERATIONS,
                                SUM_DEBITS_OPERATIONS_90_DAYS,
                                COUNT_TRANSACTIONS_OPERATIONS_90_DAYS)));
        USE_CASES = Collections.unmodifiableMap(m);
    }

    private AttributeCatalog() {}

    /** The use case for a path suffix, case-insensitively, or null. */
    public static String useCase(String suffix) {
        for (String k : USE_CASES.keySet()) {
            if (k.equalsIgnoreCase(suffix)) {
                return k;
            }
        }
        return null;
    }

    /** The catalog spelling of an attribute name given in any case, or null when unknown. */
    public static String canonical(String name) {
        String n = name == null ? null : name.trim().toLowerCase(Locale.ROOT);
        return n != null && ALL.contains(n) ? n : null;
    }

    @SafeVarargs
    private static List<String> union(List<String>... lists) {
        Set<String> s = new LinkedHashSet<>();
        for (List<String> l : lists) {
            s.addAll(l);
        }
        return List.copyOf(new ArrayList<>(s));
    }
}

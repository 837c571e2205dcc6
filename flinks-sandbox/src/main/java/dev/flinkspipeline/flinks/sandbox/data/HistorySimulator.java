package dev.flinkspipeline.flinks.sandbox.data;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Simulates one person's year of banking day by day, in integer cents, so that every account's running
 * balance is exact and the accounts agree with each other (a card payment leaves chequing and reaches the
 * card the same day, a savings transfer likewise). Pre-authorized debits that would overdraw chequing
 * bounce and cost an NSF fee; card/POS purchases are simply declined.
 */
final class HistorySimulator {

    static final long NSF_FEE_CENTS = 48_00;

    private static final String[] EMPLOYERS = {
        "ACME CORP",
        "NORTHWIND TRADERS",
        "BOREAL LOGISTICS",
        "MAPLE HEALTH",
        "LAURENTIAN FOODS",
        "CITY OF TORONTO",
        "PACIFIC SOFTWARE"
    };
    private static final String[] GROCERS = {
        "IGA", "METRO", "LOBLAWS", "SOBEYS", "COSTCO WHOLESALE", "MAXI", "FOOD BASICS"
    };
    private static final String[] RESTAURANTS = {
        "TIM HORTONS", "STARBUCKS", "A&W", "SUBWAY", "LOCAL BISTRO", "PIZZA PIZZA"
    };
    private static final String[] FUEL = {"PETRO-CANADA", "SHELL", "ESSO", "ULTRAMAR"};
    private static final String[] SHOPS = {
        "AMAZON.CA", "CANADIAN TIRE", "WALMART", "IKEA", "BEST BUY", "SAQ", "PHARMAPRIX"
    };
    private static final String[] LANDLORDS = {"GESTION IMMOBILIERE", "PROPERTY MGMT INC", "CAPREIT", "BOARDWALK RENTAL"
    };
    private static final String[] UTILITIES = {"HYDRO-QUEBEC", "TORONTO HYDRO", "BC HYDRO", "ENMAX"};
    private static final String[] PHONES = {"BELL CANADA", "ROGERS", "TELUS", "VIDEOTRON", "FIDO"};

    private final Random rng;
    private final String idPrefix;
    private final LocalDate start;
    private final LocalDate end;

    // profile
    private final boolean struggling;
    private final long payCents;
    private final String employer;
    private final LocalDate firstPayday;
    private final long rentCents;
    private final String landlord;
    private final String utility;
    private final String phone;
    private final long savingsTransferCents;
    private final double dailyDiscretionaryCents;

    // accounts (index 0 is always chequing)
    private final Ledger chequing;
    private final Ledger savings;
    private final Ledger card;
    private final Ledger tfsa;
    private final long overdraftCents;
    private final long cardLimitCents;

    HistorySimulator(Random rng, String idPrefix, LocalDate end, int days) {
        this.rng = rng;
        this.idPrefix = idPrefix;
        this.end = end;
        this.start = end.minusDays(days - 1L);
        this.struggling = rng.nextInt(4) == 0;
        this.payCents = struggling ? 950_00 + rng.nextInt(650_00) : 1500_00 + rng.nextInt(1700_00);
        this.employer = pick(EMPLOYERS);
        LocalDate friday = start;
        while (friday.getDayOfWeek() != DayOfWeek.FRIDAY) {
            friday = friday.plusDays(1);
        }
        this.firstPayday = friday.plusDays(rng.nextBoolean() ? 0 : 7);
        long monthlyIncome = payCents * 26 / 12;
        this.rentCents = roundTo(monthlyIncome * (struggling ? 42 + rng.nextInt(8) : 26 + rng.nextInt(10)) / 100, 5_00);
        this.landlord = pick(LANDLORDS);
        this.utility = pick(UTILITIES);
        this.phone = pick(PHONES);

        boolean hasSavings = rng.nextInt(10) < 8;
        boolean hasCard = rng.nextInt(4) < 3;
        boolean hasTfsa = rng.nextInt(10) < 3;
        if (!hasSavings && !hasCard) {
            hasSavings = true;
        }
        this.overdraftCents = struggling ? (rng.nextBoolean() ? 0 : 250_00) : (rng.nextBoolean() ? 0 : 500_00);
        this.chequing = new Ledger(0, struggling ? 50_00 + rng.nextInt(550_00) : 500_00 + rng.nextInt(3000_00), false);
        this.savings = hasSavings
                ? new Ledger(1, struggling ? 50_00 + rng.nextInt(400_00) : 500_00 + rng.nextInt(14500_00), false)
                : null;
        this.cardLimitCents = hasCard ? (4 + rng.nextInt(17)) * 500_00L : 0;
        this.card = hasCard ? new Ledger(2, rng.nextInt((int) (cardLimitCents * 3 / 10)), true) : null;
        this.tfsa = hasTfsa ? new Ledger(3, 1000_00 + rng.nextInt(19000_00), false) : null;
        this.savingsTransferCents =
                hasSavings && !struggling ? roundTo(monthlyIncome * (4 + rng.nextInt(7)) / 100, 10_00) : 0;
        long bills = 150_00 + (tfsa != null ? 100_00 : 0);
        long left = monthlyIncome - rentCents - bills - savingsTransferCents;
        double factor = struggling ? 1.08 + rng.nextDouble() * 0.12 : 0.80 + rng.nextDouble() * 0.15;
        this.dailyDiscretionaryCents = Math.max(5_00, left * factor / 30.4);
    }

    List<Ledger> run() {
        for (LocalDate day = start; !day.isAfter(end); day = day.plusDays(1)) {
            simulateDay(day);
        }
        List<Ledger> ledgers = new ArrayList<>();
        ledgers.add(chequing);
        if (savings != null) ledgers.add(savings);
        if (card != null) ledgers.add(card);
        if (tfsa != null) ledgers.add(tfsa);
        return ledgers;
    }

    long overdraftCents() {
        return overdraftCents;
    }

    long cardLimitCents() {
        return cardLimitCents;
    }

    private void simulateDay(LocalDate day) {
        int dom = day.getDayOfMonth();
        if (!day.isBefore(firstPayday) && (day.toEpochDay() - firstPayday.toEpochDay()) % 14 == 0) {
            long variation = rng.nextInt(10) == 0 ? rng.nextInt(120_00) : 0; // occasional overtime
            chequing.credit(day, "PAYROLL DEPOSIT " + employer, payCents + variation, TransactionKind.PAYROLL);
        }
        if (rng.nextInt(40) == 0) {
            chequing.credit(day, "E-TRANSFER RECEIVED", 20_00 + rng.nextInt(180_00), TransactionKind.E_TRANSFER_IN);
        }
        if (dom == 1) {
            preauthorized(day, "PREAUTHORIZED DEBIT RENT " + landlord, rentCents, TransactionKind.RENT);
        }
        if (dom == 3 && tfsa != null) {
            if (chequing.balance - 100_00 >= 0) {
                chequing.debit(day, "TRANSFER TO TFSA", 100_00, TransactionKind.CONTRIBUTION);
                tfsa.credit(day, "CONTRIBUTION FROM CHEQUING", 100_00, TransactionKind.CONTRIBUTION);
            }
        }
        if (dom == 12) {
            preauthorized(day, phone + " PREAUTHORIZED", 55_00 + rng.nextInt(45_00), TransactionKind.PHONE);
        }
        if (dom == 18) {
            preauthorized(day, utility + " BILL PAYMENT", 45_00 + rng.nextInt(110_00), TransactionKind.UTILITY);
        }
        if (dom == 16
                && savings != null
                && savingsTransferCents > 0
                && chequing.balance - savingsTransferCents > 500_00) {
            chequing.debit(day, "TRANSFER TO SAVINGS", savingsTransferCents, TransactionKind.TRANSFER_OUT);
            savings.credit(day, "TRANSFER FROM CHEQUING", savingsTransferCents, TransactionKind.TRANSFER_IN);
        }
        if (struggling && savings != null && chequing.balance < 0 && savings.balance > 100_00) {
            long amount = Math.min(savings.balance - 50_00, 300_00);
            if (amount > 0) {
                savings.debit(day, "TRANSFER TO CHEQUING", amount, TransactionKind.TRANSFER_OUT);
                chequing.credit(day, "TRANSFER FROM SAVINGS", amount, TransactionKind.TRANSFER_IN);
            }
        }
        if (card != null) {
            if (dom == 5) cardPurchase(day, "NETFLIX.COM", 16_49, TransactionKind.SUBSCRIPTION);
            if (dom == 9) cardPurchase(day, "SPOTIFY", 10_99, TransactionKind.SUBSCRIPTION);
            if (dom == 22 && card.balance > 0) {
                payCard(day);
            }
        }
        spend(day, GROCERS, 0.35, 0.40, TransactionKind.GROCERIES, false);
        spend(day, RESTAURANTS, 0.20, 0.45, TransactionKind.RESTAURANT, true);
        spend(day, FUEL, 0.15, 0.12, TransactionKind.FUEL, true);
        spend(day, SHOPS, 0.30, 0.15, TransactionKind.SHOPPING, true);
        if (savings != null && day.equals(day.withDayOfMonth(day.lengthOfMonth())) && savings.balance > 0) {
            long interest = Math.round(savings.balance * 0.0125 / 12);
            if (interest > 0) {
                savings.credit(day, "INTEREST", interest, TransactionKind.INTEREST);
            }
        }
    }

    /** A discretionary purchase of mean share*daily budget, happening with probability p; on the card when possible. */
    private void spend(
            LocalDate day, String[] merchants, double share, double p, TransactionKind kind, boolean cardOk) {
        if (rng.nextDouble() >= p) {
            return;
        }
        double mean = dailyDiscretionaryCents * share / p;
        long amount = Math.max(1_00, Math.round(mean * (0.5 + rng.nextDouble())));
        String merchant = pick(merchants);
        if (cardOk && card != null && rng.nextInt(3) > 0) {
            cardPurchase(day, merchant, amount, kind);
        } else if (chequing.balance - amount >= -overdraftCents) {
            chequing.debit(day, "POS PURCHASE " + merchant, amount, kind);
        }
    }

    private void cardPurchase(LocalDate day, String merchant, long amount, TransactionKind kind) {
        if (card.balance + amount <= cardLimitCents) {
            card.debit(day, merchant, amount, kind);
        }
    }

    private void payCard(LocalDate day) {
        long owed = card.balance;
        long payment;
        if (chequing.balance - owed >= 100_00) {
            payment = owed;
        } else {
            payment = Math.max(Math.min(10_00, owed), owed * 3 / 100);
            if (chequing.balance - payment < -overdraftCents) {
                return; // missed payment
            }
        }
        chequing.debit(day, "PAYMENT VISA", payment, TransactionKind.CARD_PAYMENT);
        card.credit(day, "PAYMENT - THANK YOU", payment, TransactionKind.CARD_PAYMENT_RECEIVED);
    }

    private void preauthorized(LocalDate day, String description, long amount, TransactionKind kind) {
        if (chequing.balance - amount >= -overdraftCents) {
            chequing.debit(day, description, amount, kind);
        } else {
            chequing.debit(day, "NSF FEE - RETURNED ITEM", NSF_FEE_CENTS, TransactionKind.NSF_FEE);
        }
    }

    private String pick(String[] values) {
        return values[rng.nextInt(values.length)];
    }

    private static long roundTo(long cents, long step) {
        return Math.max(step, Math.round((double) cents / step) * step);
    }

    /** One account's running history in cents. */
    final class Ledger {
        final int index;
        final boolean owedBalance;
        final long opening;
        long balance;
        final List<Transaction> transactions = new ArrayList<>();

        Ledger(int index, long opening, boolean owedBalance) {
            this.index = index;
            this.opening = opening;
            this.balance = opening;
            this.owedBalance = owedBalance;
        }

        void debit(LocalDate day, String description, long cents, TransactionKind kind) {
            balance += owedBalance ? cents : -cents;
            add(day, description, cents, null, kind);
        }

        void credit(LocalDate day, String description, long cents, TransactionKind kind) {
            balance += owedBalance ? -cents : cents;
            add(day, description, null, cents, kind);
        }

        private void add(LocalDate day, String description, Long debit, Long credit, TransactionKind kind) {
            String id = UUID.nameUUIDFromBytes(
                            (idPrefix + "/" + index + "/" + transactions.size()).getBytes(StandardCharsets.UTF_8))
                    .toString();
            transactions.add(new Transaction(id, day, description, money(debit), money(credit), money(balance), kind));
        }
    }

    static BigDecimal money(Long cents) {
        return cents == null ? null : BigDecimal.valueOf(cents, 2);
    }
}

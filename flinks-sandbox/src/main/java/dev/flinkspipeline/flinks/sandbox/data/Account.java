package dev.flinkspipeline.flinks.sandbox.data;

import java.math.BigDecimal;
import java.util.List;

/**
 * One generated account. {@code transactions} hold the whole generated history in chronological order
 * (oldest first); the GAD JSON lists them newest first. For accounts of category {@code Credits}
 * (credit card) the balance is the amount owed: a debit (purchase) raises it, a credit (payment) lowers it.
 * For the other accounts balance = previous + credit - debit.
 */
public record Account(
        String id,
        String title,
        String type,
        String category,
        String accountType,
        String currency,
        String transitNumber,
        String institutionNumber,
        String accountNumber,
        String lastFourDigits,
        BigDecimal overdraftLimit,
        BigDecimal limit,
        BigDecimal openingBalance,
        BigDecimal currentBalance,
        BigDecimal availableBalance,
        List<Transaction> transactions) {

    public boolean isOperations() {
        return "Operations".equals(category);
    }

    public boolean isCredit() {
        return "Credits".equals(category);
    }
}

package dev.flinkspipeline.flinks.sandbox.data;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One posted transaction. Exactly one of debit / credit is set (scale 2); balance is the running balance
 * of the account after it.
 */
public record Transaction(
        String id,
        LocalDate date,
        String description,
        BigDecimal debit,
        BigDecimal credit,
        BigDecimal balance,
        TransactionKind kind) {}

package dev.flinkspipeline.streams.snapshot;

import dev.flinkspipeline.events.Transaction;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The content of a transaction as a fingerprint, to tell "seen again" from "changed". Content is what the bank says
 * happened: date, code, description, debit, credit and the fields Flinks sends that we do not model ({@code extra}).
 * The running {@code balance} is left out: it is derived from the order of the account's transactions and shifts
 * when the bank back-dates another one, which does not change this transaction.
 */
public final class TransactionContent {

    private TransactionContent() {}

    /** SHA-256 (hex) of the transaction's content, amounts compared by value (1.5 = 1.5000). */
    public static String fingerprint(Transaction transaction) {
        StringBuilder text = new StringBuilder("content");
        part(text, transaction.getDate() == null ? null : transaction.getDate().toString());
        part(text, transaction.getCode());
        part(text, transaction.getDescription());
        part(text, amount(transaction.getDebit()));
        part(text, amount(transaction.getCredit()));
        Map<String, String> extra = transaction.getExtra() == null ? Map.of() : new TreeMap<>(transaction.getExtra());
        extra.forEach((name, value) -> {
            part(text, name);
            part(text, value);
        });
        return sha256(text.toString());
    }

    static String amount(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }

    /** Length-prefixed parts: no two different contents give the same text. */
    static void part(StringBuilder text, String value) {
        if (value == null) {
            text.append("|-");
        } else {
            text.append('|').append(value.length()).append(':').append(value);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}

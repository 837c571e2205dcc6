package dev.flinkspipeline.schemas;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The one way to turn a Flinks amount into the value of a money field of the events: Avro
 * {@code decimal(22, 4)} on bytes.
 *
 * <p>Flinks sends CAD/USD amounts with at most 2 decimals; scale 4 leaves room. An amount that cannot
 * be held exactly (more than 4 decimals, or more than 18 integer digits) is rejected with
 * {@link UnrepresentableMoneyException}: money is never rounded, because a silently changed amount
 * in an underwriting decision is worse than a failed record.
 */
public final class Money {

    /** Scale of every money field. */
    public static final int SCALE = 4;
    /** Precision of every money field. */
    public static final int PRECISION = 22;

    private Money() {}

    /**
     * {@code amount} with scale 4, exactly.
     *
     * @throws UnrepresentableMoneyException when it has more than 4 significant decimals or more than
     *         18 integer digits
     * @throws NullPointerException when amount is null (use {@link #ofNullable})
     */
    public static BigDecimal of(BigDecimal amount) {
        if (amount == null) {
            throw new NullPointerException("amount");
        }
        BigDecimal scaled;
        try {
            scaled = amount.setScale(SCALE, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new UnrepresentableMoneyException(
                    "amount has more than " + SCALE + " decimals and would need rounding: " + amount.toPlainString(),
                    e);
        }
        if (scaled.precision() > PRECISION) {
            throw new UnrepresentableMoneyException(
                    "amount has more than " + (PRECISION - SCALE) + " integer digits: " + amount.toPlainString(), null);
        }
        return scaled;
    }

    /** {@link #of} for optional fields: null stays null. */
    public static BigDecimal ofNullable(BigDecimal amount) {
        return amount == null ? null : of(amount);
    }

    /** An amount from its decimal text (e.g. Flinks JSON number text), exactly; null stays null. */
    public static BigDecimal parse(String amount) {
        if (amount == null) {
            return null;
        }
        try {
            return of(new BigDecimal(amount.trim()));
        } catch (NumberFormatException e) {
            throw new UnrepresentableMoneyException("amount is not a decimal number: " + amount, e);
        }
    }

    /** Thrown for an amount a money field cannot hold exactly. */
    public static final class UnrepresentableMoneyException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnrepresentableMoneyException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

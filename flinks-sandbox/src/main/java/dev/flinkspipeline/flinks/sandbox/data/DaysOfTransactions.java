package dev.flinkspipeline.flinks.sandbox.data;

import java.util.Locale;

/** GAD's DaysOfTransactions; Days360 is the legacy spelling some old clients still send. */
public enum DaysOfTransactions {
    Days90(90),
    Days365(365),
    Days360(360);

    private final int days;

    DaysOfTransactions(int days) {
        this.days = days;
    }

    public int days() {
        return days;
    }

    /** Case-insensitive; null or blank means the Flinks default, Days90. */
    public static DaysOfTransactions parse(String value) {
        if (value == null || value.isBlank()) {
            return Days90;
        }
        for (DaysOfTransactions d : values()) {
            if (d.name().toLowerCase(Locale.ROOT).equals(value.trim().toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        throw new IllegalArgumentException("DaysOfTransactions must be Days90 or Days365, got " + value);
    }

    public static DaysOfTransactions ofDays(int days) {
        return days > 90 ? Days365 : Days90;
    }
}

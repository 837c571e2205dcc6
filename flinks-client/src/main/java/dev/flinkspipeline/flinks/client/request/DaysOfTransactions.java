package dev.flinkspipeline.flinks.client.request;

/** The transaction window of GetAccountsDetail; constants are spelled as Flinks' wire values. */
public enum DaysOfTransactions {
    /** 90 days (Flinks' default). */
    Days90,
    /** 365 days. */
    Days365;

    /** The value sent as {@code DaysOfTransactions}. */
    public String wireValue() {
        return name();
    }
}

package dev.flinkspipeline.flinks.sandbox.data;

/** What a generated transaction stands for; not sent by Flinks, used to compute attributes. */
public enum TransactionKind {
    PAYROLL,
    RENT,
    GROCERIES,
    RESTAURANT,
    FUEL,
    UTILITY,
    PHONE,
    SUBSCRIPTION,
    SHOPPING,
    TRANSFER_OUT,
    TRANSFER_IN,
    CARD_PAYMENT,
    CARD_PAYMENT_RECEIVED,
    INTEREST,
    NSF_FEE,
    CONTRIBUTION,
    E_TRANSFER_IN
}

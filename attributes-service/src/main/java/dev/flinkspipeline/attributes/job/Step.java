package dev.flinkspipeline.attributes.job;

/** The Flinks call an attempt of an Attributes job starts with. */
public enum Step {
    /** Attributes with the AccountsReady requestId (standard flow, session still alive). */
    REUSE,
    /** GenerateAuthorizeToken, then Authorize(LoginId, MostRecentCached) for a new requestId. */
    AUTHORIZE,
    /** GetAccountsDetail on the new session (Flinks wants it finished before Attributes). */
    ACCOUNTS_DETAIL,
    /** GetAccountsDetailAsync after a 202 of GetAccountsDetail. */
    ACCOUNTS_DETAIL_ASYNC,
    ATTRIBUTES
}

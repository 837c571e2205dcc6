package dev.flinkspipeline.poller.job;

/** Where a job stands in the standard flow. */
public enum Phase {
    /** No Flinks session yet (or it was lost): GenerateAuthorizeToken, cached Authorize, then GetAccountsDetail. */
    AUTHORIZE,
    /** A session exists but GetAccountsDetail has not been accepted yet (it failed transiently): send it again. */
    FETCH,
    /** GetAccountsDetail answered 202: poll GetAccountsDetailAsync. */
    POLL
}

package dev.flinkspipeline.flinks.sandbox.state;

import dev.flinkspipeline.flinks.sandbox.api.FlinksCode;

/**
 * Scripted behaviour of one login (admin API). Null fields mean "normal".
 *
 * @param authorizeFailure     every Authorize of this login answers this FlinksCode
 * @param accountsDetailFailure every GAD / Async of this login answers this FlinksCode
 * @param mfaOnCachedAuthorize a cached Authorize answers 203 with the security questions
 */
public record LoginBehaviour(
        FlinksCode authorizeFailure, FlinksCode accountsDetailFailure, boolean mfaOnCachedAuthorize) {

    public static final LoginBehaviour NORMAL = new LoginBehaviour(null, null, false);
}

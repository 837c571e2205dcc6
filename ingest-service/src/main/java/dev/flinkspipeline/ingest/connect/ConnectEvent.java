package dev.flinkspipeline.ingest.connect;

import java.util.List;

/**
 * A Flinks Connect postMessage event relayed by the front end (flinks-api.md 8.3).
 *
 * @param step        the {@code step}, upper-case; {@link ConnectSteps#API_ERROR} for the error form
 *                    ({@code {requestId, flinksCode, institution}})
 * @param loginId     the loginId field, or ({@code REDIRECT}) the one in {@code url}; else null
 * @param institution the institution field, or the one in {@code url}
 * @param tag         the {@code tag} field (the front end adds its session's tag to error and abandonment
 *                    events, which carry none), or ({@code REDIRECT}) the one in {@code url}
 * @param accountIds  raw account id values (field and/or {@code url})
 * @param requestId   the requestId field when present
 * @param flinksCode  the flinksCode field when present: the error form's code, or the last error the
 *                    customer saw before abandoning
 */
public record ConnectEvent(
        String step,
        String loginId,
        String institution,
        String tag,
        List<String> accountIds,
        String requestId,
        String flinksCode) {

    public ConnectEvent {
        accountIds = List.copyOf(accountIds);
    }

    public boolean isRedirect() {
        return ConnectSteps.REDIRECT.equals(step);
    }

    @Override
    public String toString() {
        return "ConnectEvent[step=" + step + ", loginId=" + loginId + ", flinksCode=" + flinksCode + "]";
    }
}

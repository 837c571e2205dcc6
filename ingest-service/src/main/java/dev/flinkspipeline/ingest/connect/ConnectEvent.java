package dev.flinkspipeline.ingest.connect;

import java.util.List;

/**
 * A Flinks Connect postMessage event relayed by the front end (flinks-api.md 8.3).
 *
 * @param step        the {@code step}, upper-case; {@link ConnectSteps#API_ERROR} for the error form
 *                    ({@code {requestId, flinksCode, institution}})
 * @param loginId     {@code REDIRECT}: the loginId field, or the one in {@code url}; else null
 * @param institution the institution field, or the one in {@code url}
 * @param tag         the tag in {@code url} (or a {@code tag} field)
 * @param accountIds  raw account id values (field and/or {@code url})
 * @param requestId   the requestId field when present
 */
public record ConnectEvent(String step, String loginId, String institution, String tag, List<String> accountIds,
                           String requestId) {

    public ConnectEvent {
        accountIds = List.copyOf(accountIds);
    }

    public boolean isRedirect() {
        return ConnectSteps.REDIRECT.equals(step);
    }
}

package dev.flinkspipeline.ingest.connect;

import dev.flinkspipeline.flinks.client.model.Guids;
import dev.flinkspipeline.ingest.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates what Connect hands back (redirect URL parameters or a relayed {@code REDIRECT} event):
 * loginId is a GUID, institution is an institution identifier, selected account ids are GUIDs, and, when tag signing
 * is on, the tag is one this service signed and has not expired. The login follows the flow its
 * session chose, or the deployment default.
 */
public final class ConnectLoginValidator {

    static final int MAX_INSTITUTION_LENGTH = 64;
    /**
     * What Flinks sends as {@code institution}: a short identifier such as {@code FlinksCapital}, {@code RBC}
     * or {@code Desjardins}. It is echoed into LoginReceived and from there into consumers' screens, so
     * anything else (markup, quotes, control characters) is refused rather than stored.
     */
    private static final Pattern INSTITUTION =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._-]{0," + (MAX_INSTITUTION_LENGTH - 1) + "}");

    static final int MAX_ACCOUNT_IDS = 100;

    private final ConnectSessions sessions;

    public ConnectLoginValidator(ConnectSessions sessions) {
        this.sessions = sessions;
    }

    /**
     * @param accountIdValues raw {@code accountId} values; each may hold several ids separated by
     *                        commas (how integrators see multi-account selections)
     * @throws InvalidInputException naming the first problem found
     */
    public ConnectLogin validate(String loginId, String institution, String tag, List<String> accountIdValues) {
        if (loginId == null || loginId.isBlank()) {
            throw InvalidInputException.badRequest(
                    "missing-login-id", "loginId is missing", "The loginId parameter is required.");
        }
        if (!Guids.isGuid(loginId.trim())) {
            throw InvalidInputException.badRequest(
                    "invalid-login-id",
                    "loginId is not a GUID",
                    "The loginId parameter must be a GUID (8-4-4-4-12 hexadecimal digits).");
        }
        if (institution == null || institution.isBlank()) {
            throw InvalidInputException.badRequest(
                    "missing-institution", "institution is missing", "The institution parameter is required.");
        }
        String inst = institution.trim();
        if (!INSTITUTION.matcher(inst).matches()) {
            throw InvalidInputException.badRequest(
                    "invalid-institution",
                    "institution is invalid",
                    "The institution parameter must be an institution identifier: at most " + MAX_INSTITUTION_LENGTH
                            + " letters, digits, spaces, dots, dashes or underscores, starting with a letter or digit.");
        }
        List<String> accountIds = accountIds(accountIdValues);
        ConnectSession session = sessions.of(tag);
        return new ConnectLogin(Guids.normalize(loginId.trim()), inst, accountIds, session);
    }

    private static List<String> accountIds(List<String> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (String part : value.split(",")) {
                String id = part.trim();
                if (id.isEmpty()) {
                    continue;
                }
                if (!Guids.isGuid(id)) {
                    throw InvalidInputException.badRequest(
                            "invalid-account-id", "accountId is not a GUID", "Every accountId must be a GUID.");
                }
                ids.add(Guids.normalize(id));
                if (ids.size() > MAX_ACCOUNT_IDS) {
                    throw InvalidInputException.badRequest(
                            "invalid-account-id",
                            "too many accountIds",
                            "At most " + MAX_ACCOUNT_IDS + " accountIds are accepted.");
                }
            }
        }
        return new ArrayList<>(ids);
    }
}

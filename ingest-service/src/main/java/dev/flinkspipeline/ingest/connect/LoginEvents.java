package dev.flinkspipeline.ingest.connect;

import dev.flinkspipeline.events.LoginReceived;
import dev.flinkspipeline.events.LoginSource;
import dev.flinkspipeline.schemas.EventIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/** Builds {@code LoginReceived} from a validated Connect login. */
public final class LoginEvents {

    public static final String EVENT_TYPE = "LoginReceived";

    private LoginEvents() {}

    /**
     * The eventId depends on loginId and tag only, not on how the login reached us nor when: the
     * redirect URL, the relayed {@code REDIRECT} event and any repetition of either yield the same id,
     * so consumers deduplicate them. The signed tag carries a nonce, so a later Connect session of the
     * same login (a reconnect) gets a new id; without tags, one id per loginId.
     */
    public static String eventId(ConnectLogin login) {
        return EventIds.forEvent(login.loginId(), null, EVENT_TYPE, login.tag()).toString();
    }

    /**
     * A fingerprint of what a LoginReceived says beyond its eventId (loginId and tag): the institution and
     * the selected accounts. Two records with the same eventId must carry the same fingerprint; the
     * redirect URL and the relayed {@code REDIRECT} of one session do. How the login arrived and when are
     * not content.
     */
    public static String content(ConnectLogin login) {
        List<String> accounts = new ArrayList<>(login.accountIds());
        Collections.sort(accounts);
        String text = login.institution() + '\n' + String.join(",", accounts);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    public static LoginReceived loginReceived(ConnectLogin login, LoginSource via, Instant receivedAt) {
        return LoginReceived.newBuilder()
                .setEventId(eventId(login))
                .setLoginId(login.loginId())
                .setInstitution(login.institution())
                .setTag(login.tag())
                .setUserReference(login.userReference())
                .setAccountIds(login.accountIds())
                .setFlow(login.flow())
                .setVia(via)
                .setReceivedAt(receivedAt)
                .build();
    }
}

package dev.flinkspipeline.flinks.client.request;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flinkspipeline.flinks.client.model.AuthorizeToken;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code POST /Authorize}. Three shapes:
 * <ul>
 *   <li>by loginId ({@link #cached}: {@code MostRecentCached:true}, the standard path);</li>
 *   <li>by bank credentials ({@link #credentials}: the legacy direct-API flow, {@code MostRecentCached:false});</li>
 *   <li>the MFA answer round ({@link #mfaAnswers}): the 203's RequestId and {@code SecurityResponses}, sent
 *       with the <em>same</em> authorize token as the first call of the session.</li>
 * </ul>
 * Optional fields ({@code Language}, {@code Save}, {@code Tag}, ...) are sent only when set.
 * {@link #toString()} hides the token and the credentials.
 */
public final class AuthorizeRequest {

    private final AuthorizeToken token;
    private final String loginId;
    private final Boolean mostRecentCached;
    private final String institution;
    private final String username;
    private final String password;
    private final String requestId;
    private final Map<String, List<String>> securityResponses;
    private final String language;
    private final Boolean save;
    private final String tag;

    private AuthorizeRequest(Builder b) {
        this.token = Objects.requireNonNull(b.token, "token");
        this.loginId = b.loginId;
        this.mostRecentCached = b.mostRecentCached;
        this.institution = b.institution;
        this.username = b.username;
        this.password = b.password;
        this.requestId = b.requestId;
        this.securityResponses = Collections.unmodifiableMap(new LinkedHashMap<>(b.securityResponses));
        this.language = b.language;
        this.save = b.save;
        this.tag = b.tag;
        boolean byLogin = loginId != null;
        boolean byCredentials = institution != null || username != null || password != null;
        boolean byMfa = requestId != null;
        if (byCredentials && (institution == null || username == null || password == null)) {
            throw new IllegalArgumentException("credentials need institution, username and password");
        }
        if (byMfa && securityResponses.isEmpty()) {
            throw new IllegalArgumentException("the MFA round needs SecurityResponses with the RequestId");
        }
        if (!securityResponses.isEmpty() && !byMfa) {
            throw new IllegalArgumentException("SecurityResponses need the RequestId of the 203 answer");
        }
        if (!byLogin && !byCredentials && !byMfa) {
            throw new IllegalArgumentException(
                    "an Authorize needs a loginId, credentials, or a RequestId with answers");
        }
    }

    public static Builder builder(AuthorizeToken token) {
        return new Builder(token);
    }

    /** {@code {LoginId, MostRecentCached:true}}: a session on the last aggregation, without contacting the bank. */
    public static AuthorizeRequest cached(AuthorizeToken token, String loginId) {
        return builder(token).loginId(loginId).mostRecentCached(true).build();
    }

    /** {@code {Institution, Username, Password, MostRecentCached:false}}: a live connection with credentials. */
    public static AuthorizeRequest credentials(
            AuthorizeToken token, String institution, String username, String password) {
        return builder(token)
                .institution(institution)
                .username(username)
                .password(password)
                .mostRecentCached(false)
                .build();
    }

    /** {@code {RequestId, SecurityResponses}}: answers to a 203, keyed by each challenge's exact prompt. */
    public static AuthorizeRequest mfaAnswers(
            AuthorizeToken token, String requestId, Map<String, List<String>> securityResponses) {
        return builder(token)
                .requestId(requestId)
                .securityResponses(securityResponses)
                .build();
    }

    /** The token for the {@code flinks-auth-key} header. */
    public AuthorizeToken token() {
        return token;
    }

    public String loginId() {
        return loginId;
    }

    public String requestId() {
        return requestId;
    }

    public boolean isMfaRound() {
        return requestId != null;
    }

    /** The JSON body, PascalCase, unset fields omitted. */
    public ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        putIfSet(body, "LoginId", loginId);
        putIfSet(body, "Institution", institution);
        putIfSet(body, "Username", username);
        putIfSet(body, "Password", password);
        if (mostRecentCached != null) {
            body.put("MostRecentCached", mostRecentCached);
        }
        putIfSet(body, "RequestId", requestId);
        if (!securityResponses.isEmpty()) {
            ObjectNode responses = body.putObject("SecurityResponses");
            securityResponses.forEach((prompt, answers) -> {
                ArrayNode array = responses.putArray(prompt);
                answers.forEach(array::add);
            });
        }
        putIfSet(body, "Language", language);
        if (save != null) {
            body.put("Save", save);
        }
        putIfSet(body, "Tag", tag);
        return body;
    }

    private static void putIfSet(ObjectNode body, String name, String value) {
        if (value != null) {
            body.put(name, value);
        }
    }

    @Override
    public String toString() {
        String shape = requestId != null
                ? "mfaAnswers, requestId=" + requestId + ", answers=" + securityResponses.size()
                : loginId != null ? "loginId=" + loginId : "credentials, institution=" + institution;
        return "AuthorizeRequest[" + shape + ", mostRecentCached=" + mostRecentCached + ", token=***]";
    }

    public static final class Builder {
        private final AuthorizeToken token;
        private String loginId;
        private Boolean mostRecentCached;
        private String institution;
        private String username;
        private String password;
        private String requestId;
        private final Map<String, List<String>> securityResponses = new LinkedHashMap<>();
        private String language;
        private Boolean save;
        private String tag;

        private Builder(AuthorizeToken token) {
            this.token = Objects.requireNonNull(token, "token");
        }

        public Builder loginId(String loginId) {
            this.loginId = nonBlank(loginId, "loginId");
            return this;
        }

        /** {@code true}: cached data, fast, no bank contact; {@code false}: a live connection to the bank. */
        public Builder mostRecentCached(Boolean mostRecentCached) {
            this.mostRecentCached = mostRecentCached;
            return this;
        }

        public Builder institution(String institution) {
            this.institution = nonBlank(institution, "institution");
            return this;
        }

        public Builder username(String username) {
            this.username = nonBlank(username, "username");
            return this;
        }

        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** The RequestId of the 203 being answered. */
        public Builder requestId(String requestId) {
            this.requestId = nonBlank(requestId, "requestId");
            return this;
        }

        /** Adds answers: prompt (exact text of the challenge) to answers. */
        public Builder securityResponses(Map<String, List<String>> responses) {
            Objects.requireNonNull(responses, "responses").forEach(this::securityResponse);
            return this;
        }

        public Builder securityResponse(String prompt, List<String> answers) {
            Objects.requireNonNull(prompt, "prompt");
            securityResponses.put(prompt, List.copyOf(Objects.requireNonNull(answers, "answers")));
            return this;
        }

        public Builder securityResponse(String prompt, String... answers) {
            return securityResponse(prompt, List.of(answers));
        }

        /** {@code en} or {@code fr}: the language of the bank session. */
        public Builder language(String language) {
            this.language = nonBlank(language, "language");
            return this;
        }

        /** Persist the credentials and data after the request (needed for later refreshes). */
        public Builder save(Boolean save) {
            this.save = save;
            return this;
        }

        /** Your own label for this request. */
        public Builder tag(String tag) {
            this.tag = tag;
            return this;
        }

        public AuthorizeRequest build() {
            return new AuthorizeRequest(this);
        }

        private static String nonBlank(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " is blank");
            }
            return value;
        }
    }
}

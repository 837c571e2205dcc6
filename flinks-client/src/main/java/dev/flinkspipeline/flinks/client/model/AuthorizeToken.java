package dev.flinkspipeline.flinks.client.model;

import java.util.Objects;

/**
 * The one-time authorize token from {@code GenerateAuthorizeToken}. It opens one {@code /Authorize}
 * session (the MFA answer round of that session sends it again). Its value is a credential:
 * {@link #toString()} never shows it.
 */
public final class AuthorizeToken {

    private final String value;

    public AuthorizeToken(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("authorize token is blank");
        }
        this.value = value;
    }

    /** The token, for the {@code flinks-auth-key} header or the Connect {@code authorizeToken} parameter. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthorizeToken other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "AuthorizeToken[***]";
    }
}

package dev.flinkspipeline.flinks.client.model;

import java.util.Locale;
import java.util.regex.Pattern;

/** Flinks identifiers (loginId, account ids) are GUIDs in the 8-4-4-4-12 hexadecimal form. */
public final class Guids {

    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Guids() {}

    public static boolean isGuid(String value) {
        return value != null && value.length() == 36 && GUID.matcher(value).matches();
    }

    /**
     * The canonical (lower-case) form, so that the same login reached through differently cased
     * inputs keys the same partition and derives the same eventId.
     */
    public static String normalize(String guid) {
        return guid.toLowerCase(Locale.ROOT);
    }
}

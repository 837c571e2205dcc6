package dev.flinkspipeline.testkit.registry.core;

import java.util.Locale;

/** A schema as a client sent it (body of register, lookup and compatibility requests). */
public record SchemaRequest(String schema, String schemaType, int referenceCount) {

    /** Rejects what this registry cannot serve (non-Avro types, schema references) before parsing. */
    public void requireSupported() {
        if (schemaType != null && !schemaType.isBlank() && !"AVRO".equals(schemaType.toUpperCase(Locale.ROOT))) {
            throw RegistryException.invalidSchema(
                    "schemaType '" + schemaType + "' is not supported by this registry (AVRO only)");
        }
        if (referenceCount > 0) {
            throw RegistryException.invalidSchema("schema references are not supported by this registry");
        }
    }
}

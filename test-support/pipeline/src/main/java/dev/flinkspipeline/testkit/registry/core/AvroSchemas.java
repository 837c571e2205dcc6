package dev.flinkspipeline.testkit.registry.core;

import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/** Parsing of client-supplied Avro schema text. */
public final class AvroSchemas {

    private AvroSchemas() {}

    /** Parses a schema, validating names and defaults; any problem becomes a 42201 "invalid schema" error. */
    public static Schema parse(String schemaText) {
        if (schemaText == null || schemaText.isBlank()) {
            throw RegistryException.invalidSchema("empty schema");
        }
        try {
            // A fresh parser each time: a parser remembers named types, which must not leak between requests.
            return new Schema.Parser().setValidateDefaults(true).parse(schemaText);
        } catch (SchemaParseException | NullPointerException | IllegalArgumentException e) {
            throw RegistryException.invalidSchema(String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            // Avro reports some malformed input (bad JSON, odd defaults) with other runtime exceptions.
            throw RegistryException.invalidSchema(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * The form under which a schema is identified: Avro's own full JSON rendering (keeps docs, defaults, logical
     * types and custom properties, unlike Parsing Canonical Form, because those matter to readers). Two texts
     * differing only in whitespace or attribute order get the same form, hence the same id.
     */
    public static String canonical(Schema schema) {
        return schema.toString();
    }
}

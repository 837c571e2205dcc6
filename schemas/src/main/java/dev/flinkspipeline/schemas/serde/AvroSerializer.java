package dev.flinkspipeline.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer writing Avro in the Confluent wire format: magic byte {@code 0}, the 4-byte
 * big-endian schema id the registry gave the schema, then the Avro binary encoding. Subjects follow
 * TopicNameStrategy ({@code <topic>-value}, or {@code <topic>-key} for keys).
 *
 * <p>Accepts SpecificRecords, GenericRecords (and other GenericContainers) and Avro primitives (String,
 * Integer, Long, Float, Double, Boolean, byte[], ByteBuffer; bytes are written raw after the header,
 * as Confluent's serializer does). A null value is written as null (a
 * tombstone). Config keys: see {@link AvroSerdeConfig}. Every failure is a
 * {@link SerializationException} naming the topic and what went wrong.
 */
public class AvroSerializer implements Serializer<Object> {

    static final byte MAGIC_BYTE = 0;

    private SchemaRegistryClient client;
    private final boolean ownClient;
    private boolean isKey;
    private boolean autoRegister = true;
    private boolean useLatestVersion;
    // separate caches: a generic writer cannot write Java enums, a record of one schema may come both ways
    private final Map<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();
    private final Map<Schema, Integer> sizeHints = new ConcurrentHashMap<>();

    /** For Kafka's reflective construction: the registry client is built in {@link #configure}. */
    public AvroSerializer() {
        this.ownClient = true;
    }

    /** With a shared registry client (its caches are then shared too); {@link #configure} still applies the flags. */
    public AvroSerializer(SchemaRegistryClient client) {
        this.client = client;
        this.ownClient = false;
    }

    /** A configured serializer, for code that does not go through Kafka's configuration. */
    public static AvroSerializer create(Map<String, ?> configs, boolean isKey) {
        AvroSerializer serializer = new AvroSerializer();
        serializer.configure(configs, isKey);
        return serializer;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        NativeLz4.status(); // before the client this serde belongs to compresses or decompresses its first batch
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        this.isKey = isKey;
        this.autoRegister = config.autoRegisterSchemas();
        this.useLatestVersion = config.useLatestVersion();
        if (ownClient) {
            this.client = SchemaRegistryClient.fromConfig(configs);
        }
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new SerializationException("AvroSerializer is not configured (no "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL + ") for topic " + topic);
        }
        Schema schema = schemaOf(data, topic);
        String subject = topic + (isKey ? "-key" : "-value");
        Object datum = data;
        int id;
        try {
            if (useLatestVersion) {
                SchemaRegistryClient.RegisteredSchema latest = client.latestVersion(subject);
                id = latest.id();
                if (!latest.schema().equals(schema)) {
                    datum = convert(data, schema, latest.schema(), subject, topic);
                    schema = latest.schema();
                }
            } else if (autoRegister) {
                id = client.register(subject, schema);
            } else {
                id = client.lookup(subject, schema);
            }
        } catch (SchemaRegistryException e) {
            throw registryFailure(e, topic, subject, schema);
        }
        return encode(id, schema, datum, topic);
    }

    /**
     * Resolves {@code schema} for the values (or keys) of {@code topic} with the registry as {@link #serialize}
     * does (latest version, registration or lookup), into the same caches: a service does it while starting
     * ({@link SchemaWarmUp}).
     *
     * @throws SchemaRegistryException as the registry answered, or {@link SchemaRegistryException.Unreachable}
     */
    public void resolve(String topic, Schema schema) {
        String subject = topic + (isKey ? "-key" : "-value");
        if (useLatestVersion) {
            client.latestVersion(subject);
        } else if (autoRegister) {
            client.register(subject, schema);
        } else {
            client.lookup(subject, schema);
        }
    }

    private SerializationException registryFailure(
            SchemaRegistryException e, String topic, String subject, Schema schema) {
        String what = "schema " + schema.getFullName() + " for topic " + topic + " (subject " + subject + ")";
        if (e instanceof SchemaRegistryException.Unreachable) {
            return new SerializationException(
                    "Schema registry unreachable while resolving the " + what + ": " + e.getMessage(), e);
        }
        if (e.isIncompatible()) {
            return new SerializationException(
                    "Schema being registered is incompatible with an earlier schema: " + what
                            + " was rejected by the registry at " + e.url() + ": " + e.getMessage(),
                    e);
        }
        if (e.isNotFound() && useLatestVersion) {
            return new SerializationException(
                    "No schema registered under subject " + subject + " (topic " + topic + ") although "
                            + AvroSerdeConfig.USE_LATEST_VERSION + "=true: " + e.getMessage(),
                    e);
        }
        if (e.isNotFound()) {
            return new SerializationException(
                    "The " + what + " is not registered and " + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS + "=false: "
                            + e.getMessage(),
                    e);
        }
        return new SerializationException("Schema registry error for the " + what + ": " + e.getMessage(), e);
    }

    /** Re-expresses {@code data} in the subject's latest schema, which must be able to read it. */
    private Object convert(Object data, Schema own, Schema latest, String subject, String topic) {
        var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(latest, own);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SerializationException("The latest schema of subject " + subject + " (topic " + topic
                    + ") is incompatible with the record's schema " + own.getFullName() + ", so "
                    + AvroSerdeConfig.USE_LATEST_VERSION + " cannot write it: "
                    + compatibility.getResult().getIncompatibilities());
        }
        byte[] body = avroBinary(own, data, topic);
        try {
            return new GenericDatumReader<>(own, latest, AvroModels.converting())
                    .read(null, DecoderFactory.get().binaryDecoder(body, null));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Could not convert a " + own.getFullName() + " to the latest schema of subject " + subject
                            + " (topic " + topic + "): " + e.getMessage(),
                    e);
        }
    }

    private byte[] encode(int id, Schema schema, Object datum, String topic) {
        byte[] raw = rawBytes(schema, datum);
        if (raw != null) {
            return ByteBuffer.allocate(5 + raw.length)
                    .put(MAGIC_BYTE)
                    .putInt(id)
                    .put(raw)
                    .array();
        }
        // The header, then the body, into one buffer: a single copy out, however large the record.
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint(schema));
        out.write(MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        writeBody(schema, datum, topic, out);
        sizeHints.put(schema, out.size());
        return out.toByteArray();
    }

    private byte[] avroBinary(Schema schema, Object datum, String topic) {
        byte[] raw = rawBytes(schema, datum);
        if (raw != null) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint(schema));
        writeBody(schema, datum, topic, out);
        return out.toByteArray();
    }

    /** Confluent's serializer writes a bytes value raw (no Avro length prefix); so do we, for wire compatibility. */
    private static byte[] rawBytes(Schema schema, Object datum) {
        if (schema.getType() != Schema.Type.BYTES || schema.getLogicalType() != null) {
            return null;
        }
        if (datum instanceof byte[] bytes) {
            return bytes;
        }
        if (datum instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        return null;
    }

    private void writeBody(Schema schema, Object datum, String topic, ByteArrayOutputStream out) {
        // Buffered: the direct encoder would call the (synchronized) stream once per byte.
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            writerFor(schema, datum).write(datum, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            // e.g. a required field left null, a decimal with more than the schema's scale
            throw new SerializationException(
                    "Could not encode a " + schema.getFullName() + " as Avro for topic " + topic + ": "
                            + e.getMessage(),
                    e);
        }
    }

    /** The last encoded size of a schema's records: the buffer rarely has to grow. */
    private int sizeHint(Schema schema) {
        Integer last = sizeHints.get(schema);
        return last == null ? 256 : Math.min(last + 64, 16 << 20);
    }

    private DatumWriter<Object> writerFor(Schema schema, Object datum) {
        boolean specific = datum instanceof SpecificRecord;
        Map<Schema, DatumWriter<Object>> writers = specific ? specificWriters : genericWriters;
        DatumWriter<Object> writer = writers.get(schema);
        if (writer == null) {
            writer = specific
                    ? new SpecificDatumWriter<>(schema, SpecificData.getForClass(datum.getClass()))
                    : new GenericDatumWriter<>(schema, AvroModels.converting());
            writers.putIfAbsent(schema, writer);
        }
        return writer;
    }

    private static Schema schemaOf(Object data, String topic) {
        if (data instanceof GenericContainer container) {
            return container.getSchema();
        }
        Schema.Type type;
        if (data instanceof CharSequence) {
            type = Schema.Type.STRING;
        } else if (data instanceof Integer) {
            type = Schema.Type.INT;
        } else if (data instanceof Long) {
            type = Schema.Type.LONG;
        } else if (data instanceof Boolean) {
            type = Schema.Type.BOOLEAN;
        } else if (data instanceof Float) {
            type = Schema.Type.FLOAT;
        } else if (data instanceof Double) {
            type = Schema.Type.DOUBLE;
        } else if (data instanceof byte[] || data instanceof ByteBuffer) {
            type = Schema.Type.BYTES;
        } else {
            throw new SerializationException(
                    "Cannot serialize a " + data.getClass().getName() + " as Avro for topic " + topic
                            + ": expected an Avro record (SpecificRecord, GenericRecord) or an Avro primitive");
        }
        return Schema.create(type);
    }

    /** The registry client in use (shared caches), e.g. to pass to other serializers. */
    public SchemaRegistryClient client() {
        return client;
    }

    @Override
    public void close() {
        specificWriters.clear();
        genericWriters.clear();
        sizeHints.clear();
    }
}

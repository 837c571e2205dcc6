package dev.flinkspipeline.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer of the Confluent wire format (magic byte {@code 0}, 4-byte big-endian schema id,
 * Avro binary). The writer schema is fetched by id from the registry (cached); the data is resolved
 * against the reader schema (Avro schema resolution through a {@code ResolvingDecoder}: defaults for
 * fields the writer did not have, writer-only fields skipped):
 * <ul>
 * <li>{@code specific.avro.reader=true}: the generated class named like the writer schema, found on the
 * classpath; the result is that SpecificRecord class;</li>
 * <li>otherwise the writer schema itself; the result is a GenericRecord (or an Avro primitive).</li>
 * </ul>
 * Null bytes (a tombstone) give null. Every failure is a {@link SerializationException} saying which
 * failure and the topic; a failed record never gives null.
 */
public class AvroDeserializer implements Deserializer<Object> {

    private SchemaRegistryClient client;
    private final boolean ownClient;
    private boolean specificReader;
    private boolean logicalTypes;
    /** By writer schema id: the reader side is fixed once configured. */
    private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    /** For Kafka's reflective construction: the registry client is built in {@link #configure}. */
    public AvroDeserializer() {
        this.ownClient = true;
    }

    /** With a shared registry client; {@link #configure} still applies the flags. */
    public AvroDeserializer(SchemaRegistryClient client) {
        this.client = client;
        this.ownClient = false;
    }

    /** A configured deserializer, for code that does not go through Kafka's configuration. */
    public static AvroDeserializer create(Map<String, ?> configs, boolean isKey) {
        AvroDeserializer deserializer = new AvroDeserializer();
        deserializer.configure(configs, isKey);
        return deserializer;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        NativeLz4.status(); // before the client this serde belongs to compresses or decompresses its first batch
        AvroSerdeConfig config = new AvroSerdeConfig(configs);
        this.specificReader = config.specificAvroReader();
        this.logicalTypes = config.useLogicalTypeConverters();
        if (ownClient) {
            this.client = SchemaRegistryClient.fromConfig(configs);
        }
        readers.clear();
    }

    @Override
    public Object deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (client == null) {
            throw new SerializationException("AvroDeserializer is not configured (no "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL + ") for topic " + topic);
        }
        if (bytes.length < 5) {
            throw new SerializationException("Payload of " + bytes.length + " bytes in topic " + topic
                    + " is too short for the Confluent wire format (magic byte + 4-byte schema id + Avro body)");
        }
        if (bytes[0] != AvroSerializer.MAGIC_BYTE) {
            throw new SerializationException(String.format(
                    "Unknown magic byte 0x%02x in topic %s (expected 0x00): "
                            + "the record was not written in the Confluent wire format",
                    bytes[0] & 0xff, topic));
        }
        int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
        Schema writer = writerSchema(id, topic);
        if (writer.getType() == Schema.Type.BYTES && writer.getLogicalType() == null) {
            return Arrays.copyOfRange(bytes, 5, bytes.length); // written raw, as Confluent's serializer does
        }
        DatumReader<Object> reader = readerFor(id, writer, topic);
        BoundedDecoder decoder =
                new BoundedDecoder(DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        Object value;
        try {
            value = reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Corrupt Avro body in topic " + topic + ": cannot decode it as " + writer.getFullName()
                            + " (schema id " + id + "): " + describe(e),
                    e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new SerializationException("Corrupt Avro body in topic " + topic + ": bytes left over after "
                        + "decoding a " + writer.getFullName() + " (schema id " + id + ")");
            }
        } catch (IOException e) {
            throw new SerializationException("Corrupt Avro body in topic " + topic + ": " + e.getMessage(), e);
        }
        return value;
    }

    private Schema writerSchema(int id, String topic) {
        try {
            return client.schemaById(id);
        } catch (SchemaRegistryException.Unreachable e) {
            throw new SerializationException(
                    "Schema registry unreachable while fetching schema id " + id + " for a record of topic " + topic
                            + ": " + e.getMessage(),
                    e);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                throw new SerializationException(
                        "Unknown schema id " + id + " in a record of topic " + topic + ": the registry at " + e.url()
                                + " does not have it (" + e.getMessage() + ")",
                        e);
            }
            throw new SerializationException(
                    "Schema registry error fetching schema id " + id + " for topic " + topic + ": " + e.getMessage(),
                    e);
        }
    }

    private DatumReader<Object> readerFor(int id, Schema writer, String topic) {
        DatumReader<Object> reader = readers.get(id);
        if (reader != null) {
            return reader;
        }
        Class<?> specificClass = specificReader ? specificClassFor(writer, topic) : null;
        if (specificClass == null) {
            reader =
                    new GenericDatumReader<>(writer, writer, logicalTypes ? AvroModels.converting() : AvroModels.raw());
        } else {
            EventData data = EventData.forClass(specificClass);
            Schema readerSchema = data.getSchema(specificClass);
            var compatibility = SchemaCompatibility.checkReaderWriterCompatibility(readerSchema, writer);
            if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                throw new SerializationException("Writer schema id " + id + " of a record in topic " + topic
                        + " is incompatible with the reader class " + specificClass.getName() + ": "
                        + compatibility.getResult().getIncompatibilities());
            }
            reader = new SpecificDatumReader<>(writer, readerSchema, data);
        }
        readers.putIfAbsent(id, reader);
        return reader;
    }

    private Class<?> specificClassFor(Schema writer, String topic) {
        if (writer.getType() != Schema.Type.RECORD
                && writer.getType() != Schema.Type.ENUM
                && writer.getType() != Schema.Type.FIXED) {
            return null; // primitives read as themselves
        }
        Class<?> type = classNamed(writer, Thread.currentThread().getContextClassLoader());
        if (type == null) {
            type = classNamed(writer, AvroDeserializer.class.getClassLoader());
        }
        if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
            throw new SerializationException("No generated SpecificRecord class " + writer.getFullName()
                    + " on the classpath for a record of topic " + topic + " (" + AvroSerdeConfig.SPECIFIC_AVRO_READER
                    + "=true); add the schemas jar or read generic records");
        }
        return type;
    }

    private static Class<?> classNamed(Schema writer, ClassLoader loader) {
        if (loader == null) {
            return null;
        }
        try {
            return new SpecificData(loader).getClass(writer);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** The registry client in use (shared caches). */
    public SchemaRegistryClient client() {
        return client;
    }

    @Override
    public void close() {
        readers.clear();
    }
}

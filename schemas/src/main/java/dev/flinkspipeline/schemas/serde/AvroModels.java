package dev.flinkspipeline.schemas.serde;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;

/** The {@link GenericData} models used for generic records. */
final class AvroModels {

    /** Upper bound of collection pre-allocation from an item count read from the bytes. */
    static final int MAX_PREALLOCATED = 1024;

    private static final GenericData RAW = new BoundedGenericData();
    private static final GenericData CONVERTING = withStandardConversions(new BoundedGenericData());

    private AvroModels() {}

    /** Generic model without logical-type conversions: decimals are ByteBuffers, timestamps longs. */
    static GenericData raw() {
        return RAW;
    }

    /** Generic model with every standard logical-type conversion (BigDecimal, Instant, LocalDate, UUID...). */
    static GenericData converting() {
        return CONVERTING;
    }

    static <T extends GenericData> T withStandardConversions(T data) {
        Conversion<?>[] conversions = {
            new Conversions.DecimalConversion(), new Conversions.UUIDConversion(),
            new TimeConversions.DateConversion(), new TimeConversions.TimeMillisConversion(),
            new TimeConversions.TimeMicrosConversion(), new TimeConversions.TimestampMillisConversion(),
            new TimeConversions.TimestampMicrosConversion(), new TimeConversions.TimestampNanosConversion(),
            new TimeConversions.LocalTimestampMillisConversion(), new TimeConversions.LocalTimestampMicrosConversion(),
            new TimeConversions.LocalTimestampNanosConversion()
        };
        for (Conversion<?> conversion : conversions) {
            data.addLogicalTypeConversion(conversion);
        }
        return data;
    }

    static Object newMap(Object old, int size) {
        if (old instanceof Map<?, ?> map) {
            map.clear();
            return old;
        }
        return new HashMap<>(Math.min(size, MAX_PREALLOCATED));
    }

    /** GenericData that does not trust item counts from the bytes for pre-allocation. */
    private static final class BoundedGenericData extends GenericData {
        @Override
        public Object newArray(Object old, int size, Schema schema) {
            return super.newArray(old, Math.min(size, MAX_PREALLOCATED), schema);
        }

        @Override
        public Object newMap(Object old, int size) {
            return AvroModels.newMap(old, size);
        }
    }
}

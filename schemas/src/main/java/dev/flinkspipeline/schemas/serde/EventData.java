package dev.flinkspipeline.schemas.serde;

import java.util.ArrayList;
import java.util.Collection;
import org.apache.avro.Conversion;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The {@link SpecificData} used to decode events: the generated class's logical-type conversions
 * (decimal, date, timestamps), and Avro arrays decoded into {@link ArrayList}s instead of
 * {@code GenericData.Array}.
 *
 * <p>Why the lists: {@code GenericData.Array.equals} compares its elements with the plain
 * {@code GenericData}, which has no logical-type conversions, so {@code decoded.equals(other)} throws
 * "Unknown datum type java.math.BigDecimal" for any array of records holding money (e.g.
 * {@code AccountsReady.accounts}). Plain lists compare element by element with the generated
 * {@code equals}, which handles {@code BigDecimal}, {@code Instant} and {@code LocalDate}. Both Avro's
 * fast reader and its classic reader create arrays through {@link #newArray}. Both collections are
 * pre-sized from the item count in the bytes only up to a small bound, so a corrupt count cannot
 * exhaust the heap before decoding fails.
 */
public class EventData extends SpecificData {

    private static final ClassValue<EventData> BY_CLASS = new ClassValue<>() {
        @Override
        protected EventData computeValue(Class<?> type) {
            EventData data = new EventData(type.getClassLoader());
            for (Conversion<?> conversion : SpecificData.getForClass(type).getConversions()) {
                data.addLogicalTypeConversion(conversion);
            }
            return data;
        }
    };

    public EventData(ClassLoader classLoader) {
        super(classLoader);
    }

    /** The decoding model of the generated record class {@code type} (cached). */
    public static EventData forClass(Class<?> type) {
        return BY_CLASS.get(type);
    }

    @Override
    public Object newArray(Object old, int size, Schema schema) {
        if (old instanceof Collection<?> collection) {
            collection.clear();
            return old;
        }
        // the count comes from the (untrusted) bytes: never pre-allocate more than a little
        return new ArrayList<>(Math.min(size, AvroModels.MAX_PREALLOCATED));
    }

    @Override
    public Object newMap(Object old, int size) {
        return AvroModels.newMap(old, size);
    }
}

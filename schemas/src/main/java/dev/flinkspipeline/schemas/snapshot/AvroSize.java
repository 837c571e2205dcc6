package dev.flinkspipeline.schemas.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The Avro binary size of a record, measured by encoding it into a counter: nothing is kept, so measuring a
 * year of transactions costs CPU but no copy of the bytes.
 */
final class AvroSize {

    private AvroSize() {}

    static long of(SpecificRecordBase record) {
        Counter counter = new Counter();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(counter, null);
        SpecificDatumWriter<SpecificRecordBase> writer =
                new SpecificDatumWriter<>(record.getSchema(), record.getSpecificData());
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a counter does not fail
        }
        return counter.bytes;
    }

    private static final class Counter extends OutputStream {
        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}

package dev.flinkspipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.schemas.SampleEvents;
import java.io.ByteArrayOutputStream;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class BoundedDecoderTest {

    @Test
    void decodesValidDataLikeAvroItself() throws Exception {
        AccountsReady event = SampleEvents.accountsReadyFull();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<AccountsReady>(AccountsReady.class).write(event, encoder);
        encoder.flush();
        byte[] bytes = out.toByteArray();

        BoundedDecoder decoder = new BoundedDecoder(DecoderFactory.get().binaryDecoder(bytes, null));
        Object back = new SpecificDatumReader<>(
                        AccountsReady.getClassSchema(),
                        AccountsReady.getClassSchema(),
                        EventData.forClass(AccountsReady.class))
                .read(null, decoder);
        assertThat(back).isEqualTo(event);
        assertThat(decoder.isEnd()).isTrue();
    }

    @Test
    void refusesALengthLongerThanTheDataInsteadOfAllocatingIt() {
        Schema schema = new Schema.Parser()
                .parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"s\",\"type\":\"string\"}]}");
        byte[] bytes = {(byte) 0x80, (byte) 0xd0, (byte) 0xac, (byte) 0xf3, 0x0e, 1, 2, 3}; // length 2e9
        BoundedDecoder decoder = new BoundedDecoder(DecoderFactory.get().binaryDecoder(bytes, null));
        assertThatThrownBy(() -> new GenericDatumReader<>(schema, schema, SpecificData.get()).read(null, decoder))
                .isInstanceOf(AvroRuntimeException.class)
                .hasMessageContaining("string of 2000000000 bytes declared but only 3 bytes left");
    }

    @Test
    void refusesNegativeLengths() {
        Schema schema = Schema.create(Schema.Type.BYTES);
        byte[] bytes = {0x03, 1, 2}; // zigzag -2
        BoundedDecoder decoder = new BoundedDecoder(DecoderFactory.get().binaryDecoder(bytes, null));
        assertThatThrownBy(() -> new GenericDatumReader<>(schema).read(null, decoder))
                .isInstanceOf(AvroRuntimeException.class)
                .hasMessageContaining("negative");
    }
}

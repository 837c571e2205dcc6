package dev.flinkspipeline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.flinkspipeline.events.AccountsReady;
import dev.flinkspipeline.events.Transaction;
import dev.flinkspipeline.schemas.serde.EventData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/** The generated classes themselves: logical types and defaults survive Avro binary encoding. */
class EventSchemasTest {

    @Test
    void everySampleSurvivesBinaryEncoding() throws IOException {
        for (SpecificRecord event : SampleEvents.all()) {
            assertThat(roundTrip(event)).as(event.getSchema().getName()).isEqualTo(event);
        }
    }

    @Test
    void logicalTypesKeepExactValues() throws IOException {
        AccountsReady back = (AccountsReady) roundTrip(SampleEvents.accountsReadyFull());
        assertThat(back.getLogin().getLastRefresh()).isEqualTo(SampleEvents.LAST_REFRESH);
        assertThat(back.getLogin().getLastRefresh().getNano()).isEqualTo(169_058_500);
        BigDecimal available = back.getAccounts().get(0).getBalance().getAvailable();
        assertThat(available).isEqualTo(new BigDecimal("5405.5000"));
        assertThat(available.scale()).isEqualTo(4);
        Transaction tx = back.getAccounts().get(0).getTransactions().get(0);
        assertThat(tx.getBalance().toPlainString()).isEqualTo("999999999999999999.9999");
        assertThat(tx.getDate()).hasToString("2025-01-31");
    }

    @Test
    void everyEventHasAnEventIdAndALoginIdAndTheEventsNamespace() {
        for (SpecificRecord event : SampleEvents.all()) {
            Schema schema = event.getSchema();
            assertThat(schema.getNamespace()).isEqualTo("dev.flinkspipeline.events");
            assertThat(schema.getField("eventId").schema().getType()).isEqualTo(Schema.Type.STRING);
            assertThat(schema.getField("loginId").schema().getType()).isEqualTo(Schema.Type.STRING);
        }
    }

    @Test
    void defaultsOfCollectionsAreEmpty() {
        var minimal = SampleEvents.loginReceivedMinimal();
        assertThat(minimal.getAccountIds()).isEmpty();
        assertThat(SampleEvents.accountsReadyMinimal().getExtra()).isEmpty();
        assertThat(Transaction.newBuilder().build().getExtra()).isEmpty();
        assertThat(SampleEvents.pollScheduledMinimal().getRetries()).isZero();
    }

    @Test
    void avroItselfRefusesToRoundMoney() {
        Transaction tx =
                Transaction.newBuilder().setDebit(new BigDecimal("1.00001")).build();
        assertThatThrownBy(() -> roundTrip(tx)).isInstanceOf(AvroTypeException.class);
    }

    static SpecificRecord roundTrip(SpecificRecord event) throws IOException {
        SpecificData model = SpecificData.getForClass(event.getClass());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(event.getSchema(), model).write(event, encoder);
        encoder.flush();
        return new SpecificDatumReader<SpecificRecord>(
                        event.getSchema(), event.getSchema(), EventData.forClass(event.getClass()))
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}

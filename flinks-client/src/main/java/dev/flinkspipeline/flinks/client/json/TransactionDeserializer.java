package dev.flinkspipeline.flinks.client.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import dev.flinkspipeline.flinks.client.model.Transaction;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@link Transaction} key by key, each value with the deserializer the mapper would use. Transactions
 * are the bulk of a GetAccountsDetail payload (86,000 in a 15 MB webhook), and the generic record
 * deserializer lower-cases every key to match it case-insensitively and buffers the constructor's arguments:
 * this reads the same values for a third of the allocation (docs/benchmarks.md, "ingest-service: edge attacks").
 */
final class TransactionDeserializer extends StdDeserializer<Transaction> implements ResolvableDeserializer {

    private static final long serialVersionUID = 1L;

    private transient JsonDeserializer<Object> text;
    private transient JsonDeserializer<Object> date;
    private transient JsonDeserializer<Object> amount;

    TransactionDeserializer() {
        super(Transaction.class);
    }

    @Override
    public void resolve(DeserializationContext ctxt) throws JsonMappingException {
        text = ctxt.findRootValueDeserializer(ctxt.constructType(String.class));
        date = ctxt.findRootValueDeserializer(ctxt.constructType(LocalDate.class));
        amount = ctxt.findRootValueDeserializer(ctxt.constructType(BigDecimal.class));
    }

    @Override
    public Transaction deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            token = p.nextToken();
        } else if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT) {
            return (Transaction) ctxt.handleUnexpectedToken(Transaction.class, p);
        }
        String id = null;
        LocalDate day = null;
        String code = null;
        String description = null;
        BigDecimal debit = null;
        BigDecimal credit = null;
        BigDecimal balance = null;
        Map<String, JsonNode> extra = null;
        for (; token == JsonToken.FIELD_NAME; token = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            try {
                switch (field(name)) {
                    case "id" -> id = (String) read(p, ctxt, value, text);
                    case "date" -> day = (LocalDate) read(p, ctxt, value, date);
                    case "code" -> code = (String) read(p, ctxt, value, text);
                    case "description" -> description = (String) read(p, ctxt, value, text);
                    case "debit" -> debit = (BigDecimal) read(p, ctxt, value, amount);
                    case "credit" -> credit = (BigDecimal) read(p, ctxt, value, amount);
                    case "balance" -> balance = (BigDecimal) read(p, ctxt, value, amount);
                    default -> {
                        if (extra == null) {
                            extra = new LinkedHashMap<>();
                        }
                        extra.put(name, ctxt.readTree(p));
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw JsonMappingException.wrapWithPath(e, Transaction.class, name);
            }
        }
        return new Transaction(id, day, code, description, debit, credit, balance, extra);
    }

    private static Object read(
            JsonParser p, DeserializationContext ctxt, JsonToken value, JsonDeserializer<Object> deserializer)
            throws IOException {
        return value == JsonToken.VALUE_NULL ? null : deserializer.deserialize(p, ctxt);
    }

    /** The lower-case name of a modelled key; Flinks' own spelling needs no new string. */
    private static String field(String name) {
        return switch (name) {
            case "Id" -> "id";
            case "Date" -> "date";
            case "Code" -> "code";
            case "Description" -> "description";
            case "Debit" -> "debit";
            case "Credit" -> "credit";
            case "Balance" -> "balance";
            default -> name.toLowerCase(Locale.ROOT);
        };
    }
}

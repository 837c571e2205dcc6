package dev.flinkspipeline.attributes.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.flinkspipeline.events.AttributeKind;
import dev.flinkspipeline.events.AttributeValue;
import dev.flinkspipeline.flinks.client.json.FlinksJson;
import dev.flinkspipeline.flinks.client.model.AttributesResponse;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeValuesTest {

    @Test
    void everyKindOfValueIsKeptExactly() throws Exception {
        String body = """
                {"HttpStatusCode":200,"RequestId":"r","Card":{
                  "Id":"login-1",
                  "AverageBalance":1234.50,
                  "Tiny":0.000000000000000000000001,
                  "Exponent":1E+3,
                  "Huge":123456789012345678901234567890,
                  "Count":42,
                  "Negative":-7.10,
                  "Income":"NONE_DETECTED",
                  "Unicode":"Épargne ✓",
                  "HasPayroll":true,
                  "Missing":null,
                  "Employers":[{"Name":"ACME","Amount":100.00}],
                  "Breakdown":{"Monthly":{"2026-01":10.5},"Flag":false}
                },
                "AttributesDetails":{"AverageBalance":[{"TransactionId":"t1","Credit":100.0}]}}
                """;
        AttributesResponse response = FlinksJson.mapper().readValue(body, AttributesResponse.class);
        Map<String, AttributeValue> values = AttributeValues.fromCard(response.card());

        assertThat(values).doesNotContainKey("Id").hasSize(12);
        assertThat(values.get("AverageBalance").getKind()).isEqualTo(AttributeKind.NUMBER);
        assertThat(values.get("AverageBalance").getNumber()).isEqualTo("1234.50");
        assertThat(new BigDecimal(values.get("Tiny").getNumber())).isEqualByComparingTo("0.000000000000000000000001");
        assertThat(new BigDecimal(values.get("Exponent").getNumber())).isEqualByComparingTo("1000");
        assertThat(values.get("Huge").getNumber()).isEqualTo("123456789012345678901234567890");
        assertThat(values.get("Count").getNumber()).isEqualTo("42");
        assertThat(values.get("Negative").getNumber()).isEqualTo("-7.10");
        assertThat(values.get("Income").getText()).isEqualTo("NONE_DETECTED");
        assertThat(values.get("Unicode").getText()).isEqualTo("Épargne ✓");
        assertThat(values.get("HasPayroll").getKind()).isEqualTo(AttributeKind.BOOLEAN);
        assertThat(values.get("HasPayroll").getBool()).isTrue();
        assertThat(values.get("Missing").getKind()).isEqualTo(AttributeKind.NULL);
        assertThat(values.get("Employers").getKind()).isEqualTo(AttributeKind.ARRAY);
        assertThat(values.get("Breakdown").getKind()).isEqualTo(AttributeKind.OBJECT);

        // Raw JSON parses back to exactly the tree Flinks sent.
        JsonNode employers =
                FlinksJson.mapper().readTree(values.get("Employers").getJson());
        assertThat(employers).isEqualTo(response.card().get("Employers"));
        assertThat(employers.get(0).get("Amount").decimalValue().toString()).isEqualTo("100.00");
        JsonNode breakdown =
                FlinksJson.mapper().readTree(values.get("Breakdown").getJson());
        assertThat(breakdown).isEqualTo(response.card().get("Breakdown"));
    }

    @Test
    void onlyOneFieldOfAValueIsSet() {
        AttributeValue number = AttributeValues.of(JsonNodeFactory.instance.numberNode(new BigDecimal("1.50")));
        assertThat(number.getText()).isNull();
        assertThat(number.getBool()).isNull();
        assertThat(number.getJson()).isNull();
        assertThat(AttributeValues.fromCard(null)).isEmpty();
    }
}

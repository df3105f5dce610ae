package org.kam.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class JsonRecordTest {

    @Test
    void writesTheFieldsInTheOrderTheyWereFirstSet() {
        JsonRecord record = new JsonRecord().with("id", "A-1").withRaw("quantity", "3").withRaw("note", "null")
                .withRaw("id", "\"A-2\"");

        assertThat(record.json()).isEqualTo("{\"id\":\"A-2\",\"quantity\":3,\"note\":null}");
        assertThat(record.bytes()).isEqualTo(record.json().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void leavesOutRemovedFieldsAndWritesRawValuesAsGiven() {
        JsonRecord record = new JsonRecord().withRaw("quantity", "\"x\"").withRaw("broken", "{").with("sku", "S")
                .without("sku");

        assertThat(record.json()).isEqualTo("{\"quantity\":\"x\",\"broken\":{}");
        assertThat(record.raw("quantity")).isEqualTo("\"x\"");
        assertThat(record.raw("sku")).isNull();
    }

    @Test
    void quotesTextAsAJsonStringAndReadsItBack() {
        String text = "say \"hi\" \\ bye";
        JsonRecord record = new JsonRecord().with("text", text);

        assertThat(JsonMapper.builder().build().readTree(record.json()).get("text").asString()).isEqualTo(text);
        assertThat(record.text("text")).isEqualTo(text);
        assertThat(record.text("missing")).isNull();
    }
}

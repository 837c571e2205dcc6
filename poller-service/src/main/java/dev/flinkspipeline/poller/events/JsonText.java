package dev.flinkspipeline.poller.events;

import com.fasterxml.jackson.databind.node.TextNode;

/** JSON text of simple values, for the {@code extra} maps (field name to raw JSON). */
final class JsonText {

    private JsonText() {
    }

    static String quote(String value) {
        return TextNode.valueOf(value).toString();
    }
}

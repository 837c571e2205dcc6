package dev.flinkspipeline.flinks.sandbox.connect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.flinkspipeline.flinks.sandbox.json.Json;

/** Small HTML helpers for the Connect pages: escaping and the page frame that emits postMessage events. */
final class Html {

    private Html() {}

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A full page. {@code events} are posted to {@code window.parent} on load (and are also readable without
     * JS in the {@code flinks-events} script element); {@code afterEvents} is extra JS run after posting.
     */
    static String page(String step, String title, ArrayNode events, String content, String head, String afterEvents) {
        String json = Json.string(events).replace("</", "<\\/");
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Flinks Connect (sandbox) - " + esc(title) + "</title>" + (head == null ? "" : head)
                + "<style>body{font-family:sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}"
                + "label{display:block;margin-top:.8rem}input[type=text],input[type=password]{width:100%;padding:.4rem}"
                + "button{margin-top:1rem;padding:.5rem 1rem}#error{color:#b00020;margin:.8rem 0}</style></head>\n"
                + "<body data-step=\"" + esc(step) + "\">\n<h1 id=\"title\">" + esc(title) + "</h1>\n" + content
                + "\n<script id=\"flinks-events\" type=\"application/json\">" + json + "</script>\n"
                + "<script>(function(){var events=JSON.parse(document.getElementById('flinks-events').textContent);"
                + "var target=window.parent||window;events.forEach(function(e){target.postMessage(e,'*');});"
                + (afterEvents == null ? "" : afterEvents) + "})();</script>\n</body></html>\n";
    }
}

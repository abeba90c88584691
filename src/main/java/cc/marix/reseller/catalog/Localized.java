package cc.marix.reseller.catalog;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Text in several languages ({@code ru}, {@code en}); {@code ru} is the fallback for any other language. */
public final class Localized {

    public static final String DEFAULT_LANGUAGE = "ru";

    private Localized() {
    }

    /** Reads a plain string (taken as {@code ru}) or an object of language to text; null when absent. */
    public static Map<String, String> read(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        Map<String, String> texts = new LinkedHashMap<>();
        if (node.isTextual()) {
            texts.put(DEFAULT_LANGUAGE, node.asText());
            return texts;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("must be a string or an object of language to text");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException("text for language " + entry.getKey() + " must be a string");
            }
            texts.put(entry.getKey(), entry.getValue().asText());
        }
        return texts;
    }

    public static String pick(Map<String, String> texts, String language) {
        if (texts == null || texts.isEmpty()) {
            return null;
        }
        String text = texts.get(language);
        return text != null ? text : texts.getOrDefault(DEFAULT_LANGUAGE, texts.values().iterator().next());
    }
}

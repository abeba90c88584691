package cc.marix.reseller.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One of a category's questions and answers, in the answer's language. */
@RegisterForReflection
public record Faq(String question, String answer) {

    /**
     * The stored faqs ({@code [{question, answer}]}, each text a string (ru) or {@code {"ru": .., "en": ..}}) in
     * {@code language}; an entry without a question is left out rather than shown empty.
     */
    static List<Faq> localized(JsonNode faqs, String language) {
        List<Faq> shown = new ArrayList<>();
        if (faqs == null || !faqs.isArray()) {
            return shown;
        }
        for (JsonNode faq : faqs) {
            String question = pick(faq.get("question"), language);
            if (question != null) {
                shown.add(new Faq(question, pick(faq.get("answer"), language)));
            }
        }
        return shown;
    }

    private static String pick(JsonNode text, String language) {
        try {
            Map<String, String> texts = Localized.read(text);
            return Localized.pick(texts, language);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

package cc.marix.reseller.delivery;

import java.util.List;
import java.util.Map;

import cc.marix.reseller.catalog.Localized;
import cc.marix.reseller.catalog.Product;
import cc.marix.reseller.order.Order;
import cc.marix.reseller.stock.CodeType;
import cc.marix.reseller.stock.StockCode;

/** Writes the customer's e-mail in the order's language: the product, the code(s) or link(s), and how to use them. */
public final class MailComposer {

    private static final Map<String, Map<String, String>> TEXTS = Map.of(
            "ru", Map.of(
                    "subject", "Ваш заказ: %s",
                    "intro", "Спасибо за покупку! Ваш товар: %s.",
                    "code", "Код",
                    "link", "Ссылка",
                    "text", "Данные",
                    "guide", "Как активировать",
                    "order", "Номер заказа"),
            "en", Map.of(
                    "subject", "Your order: %s",
                    "intro", "Thank you for your purchase! Your product: %s.",
                    "code", "Code",
                    "link", "Link",
                    "text", "Details",
                    "guide", "How to redeem",
                    "order", "Order number"));

    private MailComposer() {
    }

    public static DeliveryMail compose(Order order, Product product, String language) {
        Map<String, String> t = TEXTS.getOrDefault(language, TEXTS.get(Localized.DEFAULT_LANGUAGE));
        String name = product == null ? order.productId() : Localized.pick(product.name(), language);
        String guide = product == null ? null : Localized.pick(product.userGuide(), language);
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body style=\"font-family:sans-serif\">");
        text.append(String.format(t.get("intro"), name)).append("\n\n");
        html.append("<p>").append(escape(String.format(t.get("intro"), name))).append("</p><ul>");
        for (StockCode code : order.codes()) {
            String label = t.get(code.type().wire());
            text.append(label).append(": ").append(code.value()).append('\n');
            html.append("<li>").append(escape(label)).append(": ");
            if (code.type() == CodeType.LINK && isWebLink(code.value())) {
                html.append("<a href=\"").append(escape(code.value())).append("\">").append(escape(code.value()))
                        .append("</a>");
            } else {
                html.append("<code style=\"font-size:1.2em\">").append(escape(code.value())).append("</code>");
            }
            html.append("</li>");
        }
        html.append("</ul>");
        if (guide != null && !guide.isBlank()) {
            text.append('\n').append(t.get("guide")).append(":\n").append(guide).append('\n');
            html.append("<h3>").append(escape(t.get("guide"))).append("</h3><p>")
                    .append(escape(guide).replace("\n", "<br>")).append("</p>");
        }
        text.append('\n').append(t.get("order")).append(": ").append(order.orderId()).append('\n');
        html.append("<p style=\"color:#666\">").append(escape(t.get("order"))).append(": ")
                .append(escape(order.orderId())).append("</p></body></html>");
        return new DeliveryMail(order.delivery().customerEmail(), String.format(t.get("subject"), name),
                text.toString(), html.toString());
    }

    private static boolean isWebLink(String value) {
        return value.startsWith("https://") || value.startsWith("http://");
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

}

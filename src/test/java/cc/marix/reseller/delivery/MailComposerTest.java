package cc.marix.reseller.delivery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import cc.marix.reseller.catalog.Product;
import cc.marix.reseller.order.Delivery;
import cc.marix.reseller.order.Order;
import cc.marix.reseller.order.OrderStatus;
import cc.marix.reseller.stock.CodeType;
import cc.marix.reseller.stock.StockCode;

class MailComposerTest {

    private static final Product PRODUCT = new Product("p", "key", "c", Map.of("ru", "Ключ <игры>", "en", "Game key"),
            null, Map.of("ru", "Введите код в лаунчере", "en", "Enter the code in the launcher"), null,
            new BigDecimal("4990.00"), "rub", 1, 10, List.of(), null, null, false);

    @Test
    void compose_shouldWriteTheOrdersLanguage_withEveryCodeAndTheGuide() {
        DeliveryMail ru = MailComposer.compose(order("ru"), PRODUCT, "ru");
        assertTrue(ru.subject().contains("Ключ <игры>"));
        assertTrue(ru.text().contains("AAAA-1111") && ru.text().contains("https://example.com/r/2"));
        assertTrue(ru.text().contains("Введите код"));
        DeliveryMail en = MailComposer.compose(order("en"), PRODUCT, "en");
        assertTrue(en.text().contains("Game key") && en.text().contains("Enter the code"));
    }

    @Test
    void compose_shouldEscapeHtml_soACodeCannotInjectMarkup() {
        DeliveryMail mail = MailComposer.compose(order("ru"), PRODUCT, "ru");
        assertTrue(mail.html().contains("Ключ &lt;игры&gt;"));
        assertFalse(mail.html().contains("<script>"));
        assertTrue(mail.html().contains("&lt;script&gt;"));
        assertTrue(mail.html().contains("href=\"https://example.com/r/2\""));
    }

    private static Order order(String language) {
        Delivery delivery = new Delivery("buyer@example.com", "https://partner.example.com/cb", language,
                Delivery.Step.pending(), Delivery.Step.pending(), null);
        return new Order("o-1", Order.SOURCE_PARTNER, "demo", null, "X-1", "e-1", "p", 3, null, null, Order.DELIVERY_EMAIL,
                OrderStatus.ACTIVE, "2026-05-14T10:30:00Z", null, List.of(
                        new StockCode("c1", CodeType.CODE, "AAAA-1111"),
                        new StockCode("c2", CodeType.LINK, "https://example.com/r/2"),
                        new StockCode("c3", CodeType.TEXT, "<script>alert(1)</script>")),
                List.of(), delivery);
    }
}

package cc.marix.reseller.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SearchRankTest {

    private static Product product(String slug, Map<String, String> name, Map<String, String> description) {
        return new Product(slug, slug, "c", name, description, null, null, BigDecimal.ONE, "rub", 1, 1, List.of(),
                null, null, false);
    }

    private static List<String> slugs(List<Product> products) {
        return products.stream().map(Product::slug).toList();
    }

    @Test
    void rank_shouldPutNamePrefixBeforeNameSubstringBeforeDescription_whateverTheAlphabetSays() {
        List<Product> products = List.of(
                product("described", Map.of("ru", "Аааа"), Map.of("ru", "лучший steam ключ")),
                product("contains", Map.of("ru", "Ааа Steam"), null),
                product("unrelated", Map.of("ru", "Прочее"), Map.of("ru", "ничего")),
                product("starts", Map.of("ru", "Steam Wallet"), null));
        assertEquals(List.of("starts", "contains", "described"), slugs(SearchRank.rank(products, "STEAM", "ru")));
    }

    @Test
    void rank_shouldFoldCyrillicCase_andYo_andSearchEveryLanguage() {
        List<Product> products = List.of(
                product("tree", Map.of("ru", "ЁЛКА новогодняя", "en", "Christmas tree"), null),
                product("card", Map.of("ru", "Подарочная карта", "en", "Gift card"), null));
        assertEquals(List.of("tree"), slugs(SearchRank.rank(products, "елка", "en")));
        assertEquals(List.of("tree"), slugs(SearchRank.rank(products, "Ёлка", "ru")));
        assertEquals(List.of("card"), slugs(SearchRank.rank(products, "КАРТА", "ru")));
        assertEquals(List.of("card"), slugs(SearchRank.rank(products, "gift", "ru")));
        assertEquals(List.of(), slugs(SearchRank.rank(products, "карты", "ru")));
    }

    @Test
    void rank_shouldOrderOneTierByShownName_thenSlug() {
        List<Product> products = List.of(
                product("b", Map.of("ru", "Ключ Б", "en", "Key A"), null),
                product("a", Map.of("ru", "Ключ А", "en", "Key B"), null));
        assertEquals(List.of("a", "b"), slugs(SearchRank.rank(products, "ключ", "ru")));
        assertEquals(List.of("b", "a"), slugs(SearchRank.rank(products, "ключ", "en")));
    }

    @Test
    void fold_shouldNormalizeWidthAndSpaces() {
        assertEquals("steam key", SearchRank.fold("  ＳＴＥＡＭ\t\tKey "));
        assertEquals("еж", SearchRank.fold("ЁЖ"));
    }
}

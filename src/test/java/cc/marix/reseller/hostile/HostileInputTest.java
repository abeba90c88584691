package cc.marix.reseller.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import cc.marix.reseller.api.ApiException;
import cc.marix.reseller.config.AppConfig;
import cc.marix.reseller.hostile.HostileCorpus.Body;
import cc.marix.reseller.hostile.HostileCorpus.Role;
import cc.marix.reseller.lambda.EventFunction;
import cc.marix.reseller.lambda.FunctionKind;
import cc.marix.reseller.lambda.FunctionSpec;
import cc.marix.reseller.lambda.Functions;
import cc.marix.reseller.lambda.Route;
import cc.marix.reseller.local.LambdaInvocationException;
import cc.marix.reseller.signing.ExchangerIpnSignature;
import cc.marix.reseller.signing.MerchantGatewaySignature;
import cc.marix.reseller.signing.PartnerSignature;
import cc.marix.reseller.testing.Exchanger;
import cc.marix.reseller.testing.Fixtures;
import cc.marix.reseller.testing.Fixtures.Stocked;
import cc.marix.reseller.testing.Fixtures.TestPartner;
import cc.marix.reseller.testing.HttpEvents;
import cc.marix.reseller.testing.Json;
import cc.marix.reseller.testing.Merchant;
import cc.marix.reseller.testing.Notifications;
import cc.marix.reseller.testing.Orders;
import cc.marix.reseller.testing.Orders.Buyer;
import cc.marix.reseller.testing.TestClock;
import cc.marix.reseller.testing.TestStack;
import cc.marix.reseller.testing.Tribute;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * A corpus of hostile requests against every HTTP route and every event function, each authenticated or signed so it
 * reaches the parsing (a partner webhook signed over the hostile bytes, an API key on API routes, the providers'
 * signatures on callbacks): every answer is a 4xx in the error shape, never a 5xx or a stack trace, and the table is
 * the same afterwards, item for item. HTTP requests go to the Lambda handler as Function URL events; event functions
 * get their raw JSON through the local Lambda runtime, as the console or an event source sends it.
 */
@QuarkusTest
class HostileInputTest {

    private static final String PARTNER_ROUTE = "/api/orders/webhooks/{partner}/notification";
    /** The one API route without a key: it reads no Authorization, so none is hostile to it. */
    private static final String OPENAPI_ROUTE = "/api/openapi.json";
    private static final String TRIBUTE_ROUTE = "/callbacks/tribute";
    private static final String MERCHANT_ROUTE = "/callbacks/merchant";
    private static final String EXCHANGER_ROUTE = "/callbacks/exchanger/{payment_id}";
    private static final String IPN_AMOUNT = "16.483516";

    @Inject
    LambdaHttpHandler handler;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AppConfig config;

    @Inject
    TestClock clock;

    @Inject
    @Any
    Instance<EventFunction> functions;

    private Stocked stocked;
    private TestPartner partner;
    private Buyer buyer;
    private String cryptoTopUpId;
    private String exchangerOrderId;
    private String ipnSecret;
    private final Set<String> routesCovered = new TreeSet<>();

    /**
     * A request of the corpus: its name, and the event that carries it. {@code ignorable}: a provider's callback,
     * signed and well-formed, about no payment of ours, which is answered 200 {@code ignored} (so the provider stops
     * retrying) and changes nothing.
     */
    private record Case(String name, Route route, APIGatewayV2HTTPEvent event, boolean ignorable) {

        Case(String name, Route route, APIGatewayV2HTTPEvent event) {
            this(name, route, event, false);
        }
    }

    @TestFactory
    List<DynamicNode> everyHostileInput_shouldGetA4xxInTheErrorShape_andWriteNothing() {
        TestStack.useHttpFront();
        stocked = Fixtures.product(1);
        partner = Fixtures.partner(stocked.productId());
        buyer = Orders.buyer(null);
        exchangerOrderId = UUID.randomUUID().toString();
        cryptoTopUpId = Exchanger.topUp(buyer, "1500", exchangerOrderId, IPN_AMOUNT).path("id").asText();
        Map<String, String> create = Exchanger.lastCreate();
        ipnSecret = create.get("ipnSecret");
        assertTrue(URI.create(create.get("ipnUrl")).getPath().endsWith(cryptoTopUpId));

        List<Case> http = httpCorpus();
        List<String> events = eventCorpus();
        Map<String, Map<String, AttributeValue>> before = table();

        List<DynamicNode> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest("the corpus covers every HTTP route", () -> assertEquals(
                httpRoutes(), routesCovered)));
        for (Case request : http) {
            tests.add(DynamicTest.dynamicTest(request.route() + " " + request.name(), () -> answersHttp(request)));
        }
        for (String event : events) {
            tests.add(DynamicTest.dynamicTest("event " + abbreviated(event), () -> answersEvent(event)));
        }
        tests.add(asDeployed(events));
        tests.add(DynamicTest.dynamicTest("nothing was written (" + (http.size() + events.size()) + " inputs)",
                () -> assertEquals(keys(before), keys(table()), "items added or removed")));
        tests.add(DynamicTest.dynamicTest("no item changed", () -> assertEquals(before, table())));
        return tests;
    }

    // ---- the corpus -----------------------------------------------------------------------------------------------

    private List<Case> httpCorpus() {
        List<Case> cases = new ArrayList<>();
        for (FunctionSpec spec : Functions.DEPLOYED) {
            for (Route route : spec.routes()) {
                cases.addAll(casesFor(route));
            }
        }
        return cases;
    }

    private List<Case> casesFor(Route route) {
        routesCovered.add(route.toString());
        List<Case> cases = new ArrayList<>();
        String template = route.path();
        if (template.equals(EXCHANGER_ROUTE)) {
            cases.addAll(ipnCases(route));
        } else if (route.method().equals("POST") && validBody(template) != null) {
            ObjectNode valid = validBody(template);
            String validText = Json.write(valid);
            for (Body body : HostileCorpus.syntax(validText)) {
                cases.add(post(route, body.name(), body.bytes(), "application/json"));
            }
            boolean callback = template.startsWith("/callbacks/");
            for (Body body : HostileCorpus.fields(valid, roles(template))) {
                Case request = post(route, body.name(), body.bytes(), "application/json");
                cases.add(new Case(request.name(), route, request.event(),
                        callback && !body.name().endsWith("duplicate key")));
            }
            for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x",
                    "application/x-www-form-urlencoded", "application/jsonx", "text/json; charset=utf-8")) {
                // a provider's callback is read by its verified bytes whatever it says they are (ignored, as it
                // is about no payment of ours); every other route refuses the type
                Case request = post(route, "valid body as " + type, HostileCorpus.utf8(validText), type);
                cases.add(new Case(request.name(), route, request.event(), callback));
            }
            cases.add(post(route, "no content type, truncated JSON",
                    HostileCorpus.utf8(validText.substring(0, validText.length() / 2)), null));
        }
        if (isApi(template)) {
            cases.addAll(headerCases(route));
            cases.addAll(queryCases(route));
        }
        cases.addAll(pathCases(route));
        return cases;
    }

    /** A valid body of each POST route that reads one; a corpus case breaks one thing in it. */
    private ObjectNode validBody(String template) {
        return switch (template) {
            case PARTNER_ROUTE -> Notifications.orderPaid(Fixtures.unique("HOSTILE"), stocked.productId(), 1);
            case "/api/orders/" -> Orders.body(stocked.productId(), 1, "hostile-key");
            case "/api/topups/fiat/" -> Json.object().put("paymentProvider", "tribute").put("balanceCurrency", "rub")
                    .put("quoteAmount", "1500");
            case "/api/topups/crypto/" -> Json.object().put("chain", "tron").put("asset", "usdt")
                    .put("balanceCurrency", "rub").put("quoteAmount", "1500");
            case TRIBUTE_ROUTE -> Tribute.paid(UUID.randomUUID().toString(), 150_000);
            case MERCHANT_ROUTE -> (ObjectNode) Json.parse(Merchant.callback("success", "1500",
                    UUID.randomUUID().toString(), UUID.randomUUID().toString()));
            default -> null;
        };
    }

    private static Map<String, Role> roles(String template) {
        Map<String, Role> roles = new LinkedHashMap<>();
        switch (template) {
            case PARTNER_ROUTE -> {
                roles.put("event", Role.ENUM);
                roles.put("externalOrderId", Role.TEXT);
                roles.put("productId", Role.ID);
                roles.put("qty", Role.COUNT);
                roles.put("amount", Role.AMOUNT_OR_ZERO);
                roles.put("currency", Role.ENUM);
            }
            case "/api/orders/" -> {
                roles.put("items", Role.ENUM);
                roles.put("items.0.itemId", Role.ID);
                roles.put("items.0.quantity", Role.COUNT);
                roles.put("items.0.note", Role.ENUM);
                roles.put("idempotencyKey", Role.TEXT);
            }
            case "/api/topups/fiat/" -> {
                roles.put("paymentProvider", Role.ENUM);
                roles.put("balanceCurrency", Role.ENUM);
                roles.put("quoteAmount", Role.AMOUNT);
            }
            case "/api/topups/crypto/" -> {
                roles.put("chain", Role.ENUM);
                roles.put("asset", Role.ENUM);
                roles.put("balanceCurrency", Role.ENUM);
                roles.put("quoteAmount", Role.AMOUNT);
            }
            case TRIBUTE_ROUTE -> {
                roles.put("name", Role.ENUM);
                roles.put("payload.amount", Role.AMOUNT);
            }
            case MERCHANT_ROUTE -> {
                roles.put("status", Role.ENUM);
                roles.put("amount_local", Role.AMOUNT);
            }
            default -> {
            }
        }
        return roles;
    }

    /** Bad Authorization forms and bad x-currency / x-language values, each on an otherwise valid request. */
    private List<Case> headerCases(Route route) {
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        String key = buyer.apiKey();
        Map<String, String> authorizations = new LinkedHashMap<>();
        authorizations.put("no scheme", key);
        authorizations.put("empty bearer", "Bearer");
        authorizations.put("bearer and a space", "Bearer ");
        authorizations.put("basic scheme", "Basic " + Base64.getEncoder().encodeToString((key + ":").getBytes(
                StandardCharsets.UTF_8)));
        authorizations.put("token scheme", "Token " + key);
        authorizations.put("key and NUL", "Bearer " + key + "\u0000");
        authorizations.put("key with a look-alike letter", "Bearer " + HostileCorpus.lookAlike(key));
        authorizations.put("key with one more character", "Bearer " + key + "x");
        authorizations.put("two keys", "Bearer " + key + ", Bearer " + key);
        authorizations.put("10,000 characters", "Bearer " + "a".repeat(10_000));
        if (!route.path().equals(OPENAPI_ROUTE)) {
            authorizations.forEach((name, value) -> variants.put("Authorization " + name, Map.of("authorization",
                    value)));
            variants.put("no Authorization", Map.of());
        }
        Map<String, String> currencies = new LinkedHashMap<>();
        currencies.put("unknown", "eur");
        currencies.put("two values", "usd,rub");
        currencies.put("NUL", "rub\u0000");
        currencies.put("fullwidth", "\uFF55\uFF53\uFF44");
        currencies.put("look-alike", "u\u0455d");
        currencies.put("1,000 characters", "u".repeat(1_000));
        currencies.forEach((name, value) -> variants.put("x-currency " + name, Map.of("authorization",
                "Bearer " + key, "x-currency", value)));
        Map<String, String> languages = new LinkedHashMap<>();
        languages.put("unknown", "de");
        languages.put("with region", "en-US");
        languages.put("NUL", "en\u0000");
        languages.put("fullwidth", "\uFF45\uFF4E");
        languages.put("look-alike", "\u0435n");
        languages.forEach((name, value) -> variants.put("x-language " + name, Map.of("authorization",
                "Bearer " + key, "x-language", value)));
        List<Case> cases = new ArrayList<>();
        ObjectNode body = validBody(route.path());
        variants.forEach((name, headers) -> {
            Map<String, String> all = new HashMap<>(headers);
            byte[] bytes = null;
            if (body != null) {
                all.put("content-type", "application/json");
                bytes = HostileCorpus.utf8(Json.write(body));
            }
            cases.add(new Case(name, route, HttpEvents.event(route.method(), samplePath(route), "", all, bytes)));
        });
        return cases;
    }

    /** Bad query parameters on the routes that read them. */
    private List<Case> queryCases(Route route) {
        String base = switch (route.path()) {
            case "/api/products/" -> "category_id_or_slug=" + stocked.productId() + "&";
            case "/api/products/search" -> "query=x&";
            default -> "";
        };
        List<String> params = switch (route.path()) {
            case "/api/categories/" -> List.of("limit", "cursor", "withStockOnly", "tag", "parent_id_or_slug");
            case "/api/products/" -> List.of("limit", "offset", "withStockOnly", "category_id_or_slug");
            case "/api/products/search" -> List.of("limit", "withStockOnly", "query", "category_id_or_slug");
            case "/api/orders/" -> route.method().equals("GET") ? List.of("limit", "offset", "statuses", "item_id")
                    : List.of();
            case "/api/topups/fiat/", "/api/topups/crypto/" -> route.method().equals("GET") ? List.of("limit")
                    : List.of();
            default -> List.of();
        };
        List<Case> cases = new ArrayList<>();
        for (String param : params) {
            for (Map.Entry<String, String> value : queryValues(param).entrySet()) {
                String query = base + param + "=" + value.getValue();
                cases.add(new Case("query " + param + " " + value.getKey(), route, HttpEvents.event(route.method(),
                        samplePath(route), query, Map.of("authorization", "Bearer " + buyer.apiKey()), null)));
            }
        }
        return cases;
    }

    private static Map<String, String> queryValues(String param) {
        Map<String, String> values = new LinkedHashMap<>();
        switch (param) {
            case "limit", "offset" -> {
                values.put("1e400", "1e400");
                values.put("huge", "99999999999999999999");
                values.put("negative", "-1");
                values.put("NUL", "%00");
                values.put("fraction", "1.5");
                if (param.equals("limit")) {
                    values.put("-0", "-0");
                }
            }
            case "withStockOnly" -> {
                values.put("maybe", "maybe");
                values.put("NUL", "true%00");
                values.put("look-alike", "tru%D0%B5");
            }
            case "cursor" -> {
                values.put("broken UTF-8", "%FF%FE");
                values.put("garbage", "not-a-cursor");
                values.put("traversal", "..%2F..%2F");
            }
            case "statuses" -> {
                values.put("unknown", "lost");
                values.put("look-alike", "%D0%B0ctive");
                values.put("NUL", "active%00");
            }
            default -> {
                values.put("NUL", "a%00b");
                values.put("broken UTF-8", "%FF%FE");
                values.put("10,000 characters", "a".repeat(10_000));
                values.put("bad escape", "%ZZ");
            }
        }
        return values;
    }

    /** Hostile values in each path parameter, raw in the path as a caller sends them. */
    private List<Case> pathCases(Route route) {
        List<Case> cases = new ArrayList<>();
        String template = route.path();
        int open = template.indexOf('{');
        if (open < 0) {
            return cases;
        }
        String name = template.substring(open + 1, template.indexOf('}'));
        String valid = pathValue(name);
        ObjectNode body = validBody(template);
        for (Map.Entry<String, String> segment : HostileCorpus.pathSegments(valid).entrySet()) {
            String path = template.replace("{" + name + "}", segment.getValue());
            cases.add(new Case("path " + segment.getKey(), route, signed(route, path, body == null ? null
                    : HostileCorpus.utf8(Json.write(body)), "application/json")));
        }
        return cases;
    }

    private String pathValue(String name) {
        return switch (name) {
            case "partner" -> partner.slug();
            case "category_id_or_slug" -> Fixtures.unique("category");
            case "product_id_or_slug" -> stocked.productId();
            case "payment_id" -> cryptoTopUpId;
            case "topup_id" -> cryptoTopUpId;
            case "to" -> "usdt";
            default -> UUID.randomUUID().toString();
        };
    }

    private String samplePath(Route route) {
        String path = route.path();
        int open = path.indexOf('{');
        if (open < 0) {
            return path;
        }
        String name = path.substring(open + 1, path.indexOf('}'));
        return path.replace("{" + name + "}", pathValue(name));
    }

    /** IPNs whose checksum verifies, so that what is wrong with them is found by the parsing, not the checksum. */
    private List<Case> ipnCases(Route route) {
        String path = samplePath(route);
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        String valid = Exchanger.encode(ipn("waitPayment", IPN_AMOUNT, "1500"));
        bodies.put("orderId given twice", HostileCorpus.utf8(valid + "&orderId=" + UUID.randomUUID()));
        bodies.put("hash given twice", HostileCorpus.utf8(valid + "&hash=" + "0".repeat(64)));
        bodies.put("bad escape", HostileCorpus.utf8(valid + "&x=%ZZ"));
        bodies.put("truncated escape", HostileCorpus.utf8(valid + "&x=%E"));
        bodies.put("broken UTF-8", HostileCorpus.concat(HostileCorpus.utf8(valid + "&x="), new byte[] {(byte) 0xFF}));
        bodies.put("NUL byte", HostileCorpus.concat(HostileCorpus.utf8(valid + "&x="), new byte[] {0}));
        bodies.put("1 MB field", HostileCorpus.utf8(valid + "&x=" + "a".repeat(HostileCorpus.MEGABYTE)));
        bodies.put("10 MB body", HostileCorpus.utf8(valid + "&x=" + "a".repeat(10 * HostileCorpus.MEGABYTE)));
        bodies.put("JSON instead of a form", HostileCorpus.utf8(Json.write(Json.object().put("orderId",
                exchangerOrderId))));
        bodies.put("empty", new byte[0]);
        Map<String, String[]> signedFields = new LinkedHashMap<>();
        signedFields.put("status with NUL", new String[] {"done\u0000", IPN_AMOUNT, "1500"});
        signedFields.put("outAmount 1e400", new String[] {"done", IPN_AMOUNT, "1e400"});
        signedFields.put("outAmount 1e999999999", new String[] {"done", IPN_AMOUNT, "1e999999999"});
        signedFields.put("outAmount -0", new String[] {"done", IPN_AMOUNT, "-0"});
        signedFields.put("outAmount NaN", new String[] {"done", IPN_AMOUNT, "NaN"});
        signedFields.put("outAmount fullwidth", new String[] {"done", IPN_AMOUNT, "\uFF11\uFF15\uFF10\uFF10"});
        signedFields.put("outAmount negative", new String[] {"done", IPN_AMOUNT, "-1500"});
        signedFields.forEach((name, fields) -> bodies.put(name, HostileCorpus.utf8(Exchanger.encode(ipn(fields[0],
                fields[1], fields[2])))));
        List<Case> cases = new ArrayList<>();
        bodies.forEach((name, body) -> cases.add(new Case(name, route, HttpEvents.event("POST", path, "",
                Map.of("content-type", "application/x-www-form-urlencoded"), body))));
        for (String type : List.of("application/json", "text/plain", "multipart/form-data; boundary=x")) {
            cases.add(new Case("valid form as " + type, route, HttpEvents.event("POST", path, "",
                    Map.of("content-type", type), HostileCorpus.utf8(valid))));
        }
        return cases;
    }

    private Map<String, String> ipn(String status, String inAmount, String outAmount) {
        Map<String, String> form = new LinkedHashMap<>();
        String timestamp = Long.toString(clock.millis());
        form.put("orderUID", "4021");
        form.put("orderId", exchangerOrderId);
        form.put("newStatus", status);
        form.put("inAmount", inAmount);
        form.put("outAmount", outAmount);
        form.put("xml_from", "USDTTRC20");
        form.put("xml_to", "CARDRUB");
        form.put("timestamp", timestamp);
        form.put("hash", ExchangerIpnSignature.checksum(new ExchangerIpnSignature.Fields(exchangerOrderId, status,
                inAmount, outAmount, "USDTTRC20", "CARDRUB", timestamp), ipnSecret));
        return form;
    }

    private Case post(Route route, String name, byte[] body, String contentType) {
        return new Case(name, route, signed(route, samplePath(route), body, contentType));
    }

    /** The request with what its route needs to be believed: a key, or the sender's signature over these bytes. */
    private APIGatewayV2HTTPEvent signed(Route route, String path, byte[] body, String contentType) {
        Map<String, String> headers = new HashMap<>();
        if (contentType != null && body != null) {
            headers.put("content-type", contentType);
        }
        byte[] signedBytes = body == null ? new byte[0] : body;
        switch (route.path()) {
            case PARTNER_ROUTE -> {
                headers.put("x-signature", PartnerSignature.sign(partner.secret(), signedBytes));
                headers.put("x-event-id", UUID.randomUUID().toString());
            }
            case TRIBUTE_ROUTE -> headers.put("trbt-signature", Tribute.sign(signedBytes, Tribute.API_KEY));
            case MERCHANT_ROUTE -> {
                String timestamp = Long.toString(clock.instant().getEpochSecond());
                headers.put("x-timestamp", timestamp);
                headers.put("x-signature", MerchantGatewaySignature.sign(Merchant.SECRET, timestamp, signedBytes));
            }
            case EXCHANGER_ROUTE -> {
            }
            default -> headers.put("authorization", "Bearer " + buyer.apiKey());
        }
        return HttpEvents.event(route.method(), path, "", headers, body);
    }

    private static boolean isApi(String template) {
        return template.startsWith("/api/") && !template.equals(PARTNER_ROUTE);
    }

    private static Set<String> httpRoutes() {
        Set<String> routes = new TreeSet<>();
        Functions.DEPLOYED.stream().filter(spec -> spec.kind() == FunctionKind.HTTP)
                .forEach(spec -> spec.routes().forEach(route -> routes.add(route.toString())));
        return routes;
    }

    /** Malformed events for each event function, as raw JSON payloads. */
    private List<String> eventCorpus() {
        List<String> events = new ArrayList<>();
        events.addAll(List.of("null", "[]", "\"admin\"", "1e400", "-0", "true", "{}",
                "[".repeat(HostileCorpus.NESTING) + "]".repeat(HostileCorpus.NESTING),
                "{\"a\":".repeat(HostileCorpus.NESTING) + "1" + "}".repeat(HostileCorpus.NESTING),
                "{\"x\":\"" + "a".repeat(HostileCorpus.MEGABYTE) + "\"}",
                "{\"x\":" + "9".repeat(5_000) + "}"));
        // admin: every action with wrong types and values in its fields
        String[] actions = {"createApiUser", "adjustBalance", "createPartner", "rotatePartnerSecret", "updatePartner",
            "importCatalog", "importCodes", "setRate", "markOrderPaid", "replayCallback", "orderStatus",
            "stockReport"};
        events.add("{\"action\":1}");
        events.add("{\"action\":[\"stockReport\"]}");
        events.add("{\"action\":\"stockReport\\u0000\"}");
        events.add("{\"action\":\"st\u043EckReport\"}");
        events.add("{\"action\":\"" + "a".repeat(HostileCorpus.MEGABYTE) + "\"}");
        for (String action : actions) {
            String head = "{\"action\":\"" + action + "\"";
            events.add(head + "}");
            events.add(head + ",\"userId\":\"../../x\",\"orderId\":\"%2e%2e\",\"productId\":\"\\u0000\","
                    + "\"slug\":\"d\u0435mo\",\"email\":1e400,\"currency\":\"r\u0443b\",\"amount\":\"1e999999999\","
                    + "\"from\":[],\"to\":{},\"rate\":-0,\"secret\":\"\\ud800\",\"products\":\"x\","
                    + "\"categories\":1,\"codes\":{\"a\":1},\"productIds\":\"all\",\"active\":\"yes\"}");
            events.add(head + ",\"userId\":\"" + UUID.randomUUID() + "\",\"currency\":\"rub\",\"amount\":1e400,"
                    + "\"reason\":\"x\"}");
            events.add(head + ",\"deep\":" + "[".repeat(HostileCorpus.NESTING) + "]".repeat(HostileCorpus.NESTING)
                    + "}");
        }
        events.add("{\"action\":\"adjustBalance\",\"userId\":\"" + buyer.userId() + "\",\"currency\":\"rub\","
                + "\"amount\":\"-0\",\"reason\":\"x\"}");
        events.add("{\"action\":\"adjustBalance\",\"userId\":\"" + buyer.userId() + "\",\"currency\":\"rub\","
                + "\"amount\":\"1e-400\",\"reason\":\"x\"}");
        events.add("{\"action\":\"setRate\",\"from\":\"usd\",\"to\":\"rub\",\"rate\":\"1e400\"}");
        events.add("{\"action\":\"setRate\",\"from\":\"usd\",\"to\":\"rub\",\"rate\":\"-0\"}");
        // scheduled jobs: anything but their constant input
        for (String job : List.of("order-expiry", "delivery-retry", "payment-reconcile")) {
            events.add("{\"job\":\"" + job + "\\u0000\"}");
            events.add("{\"job\":[\"" + job + "\"]}");
            events.add("{\"job\":\"" + job.toUpperCase(java.util.Locale.ROOT) + "\"}");
            events.add("{\"job\":\"" + HostileCorpus.lookAlike(job).replace("\"", "") + "\"}");
        }
        // the delivery worker: stream records that are not our orders' changes
        for (String pk : List.of("ORDER#../../x", "ORDER#%2e%2e", "ORDER#\\u0000", "ORDER#" + "a".repeat(5_000),
                "ORDER#" + HostileCorpus.fullwidth(UUID.randomUUID().toString()), "ORDER#")) {
            events.add(streamRecord("{\"S\":\"" + pk + "\"}", "{\"S\":\"2026-01-01T00:00:00Z\"}"));
        }
        events.add(streamRecord("{\"N\":\"1e400\"}", "{\"S\":\"x\"}"));
        events.add(streamRecord("[]", "1"));
        events.add("{\"Records\":[{\"eventSource\":\"aws:dynamodb\",\"dynamodb\":\"x\"}]}");
        events.add("{\"Records\":[{\"eventSource\":\"aws:dynamodb\"},1,null,\"x\"]}");
        return events;
    }

    private static String streamRecord(String pk, String nextAttemptAt) {
        return "{\"Records\":[{\"eventSource\":\"aws:dynamodb\",\"eventName\":\"MODIFY\",\"dynamodb\":{"
                + "\"Keys\":{\"pk\":" + pk + ",\"sk\":{\"S\":\"ORDER\"}},\"NewImage\":{\"pk\":" + pk + ","
                + "\"nextAttemptAt\":" + nextAttemptAt + "},\"SequenceNumber\":\"1\"}}]}";
    }

    /**
     * Where one process serves every function, an event goes to the function that takes it; deployed, each function
     * gets every event sent to it. So each event function also gets every malformed event itself.
     */
    private DynamicContainer asDeployed(List<String> events) {
        List<DynamicTest> tests = new ArrayList<>();
        for (EventFunction function : functions) {
            tests.add(DynamicTest.dynamicTest(function.name() + " refuses what is not its event", () -> {
                for (String event : events) {
                    refusesAsDeployed(function, event);
                }
            }));
        }
        return DynamicContainer.dynamicContainer("each event function as deployed", tests);
    }

    private void refusesAsDeployed(EventFunction function, String event) {
        JsonNode parsed;
        try {
            parsed = Json.parse(event);
        } catch (RuntimeException beyondLimits) {
            // never reaches a function: the codec refuses it (see the runtime cases)
            return;
        }
        String what = function.name() + " <- " + abbreviated(event) + ": ";
        try {
            JsonNode answer = Json.MAPPER.valueToTree(function.handle(parsed));
            // only the delivery worker answers rather than refuses: it skips records that are not its
            assertTrue(answer.has("batchItemFailures"), what + "handled as its own event: " + answer);
            assertEquals(0, answer.path("batchItemFailures").size(), what + answer);
        } catch (ApiException refused) {
            assertTrue(refused.status() >= 400 && refused.status() < 500, what + refused.status());
        }
    }

    // ---- the checks -----------------------------------------------------------------------------------------------

    private void answersHttp(Case request) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(request.event(), null);
        String body = text(response);
        int status = response.getStatusCode();
        String what = request.route() + " " + request.name() + " -> ";
        if (request.ignorable() && status == 200) {
            assertEquals("ignored", Json.parse(body).path("result").asText(), what + body);
            return;
        }
        assertTrue(status >= 400 && status < 500, what + status + ": " + abbreviated(body));
        assertErrorShape(status, what + status + ": ", body);
    }

    private void answersEvent(String event) {
        String answer;
        try {
            answer = TestStack.invoke(event);
        } catch (LambdaInvocationException failed) {
            fail(abbreviated(event) + " -> the invocation failed: " + failed.getMessage());
            return;
        }
        JsonNode parsed = Json.parse(answer);
        if (parsed.has("batchItemFailures")) {
            assertEquals(0, parsed.path("batchItemFailures").size(),
                    abbreviated(event) + ": a record that can never be processed is skipped, not retried: " + answer);
            return;
        }
        assertErrorShape(0, abbreviated(event) + " -> ", answer);
    }

    /**
     * {@code error} and {@code message}; FastAPI's {@code detail}: for a 422 the findings, for any other status the
     * message (an event's answer has no status: either); nothing of a stack trace.
     */
    private static void assertErrorShape(int status, String what, String body) {
        JsonNode error = Json.parse(body);
        assertTrue(error.path("error").isTextual(), what + "no error code: " + abbreviated(body));
        assertTrue(error.path("message").isTextual(), what + "no message: " + abbreviated(body));
        boolean findings = status == 422 || status == 0 && error.path("detail").isArray();
        if (!findings) {
            assertEquals(error.path("message"), error.path("detail"), what + "detail is the message: "
                    + abbreviated(body));
        } else {
            assertTrue(error.path("detail").isArray() && !error.path("detail").isEmpty(), what + abbreviated(body));
            for (JsonNode violation : error.path("detail")) {
                assertTrue(violation.path("loc").isArray(), what + abbreviated(body));
                assertTrue(violation.path("msg").isTextual(), what + abbreviated(body));
                assertTrue(violation.path("type").isTextual(), what + abbreviated(body));
            }
        }
        for (String leak : List.of("Exception", "\tat ", "java.", "cc.marix", "jackson", "Caused by")) {
            assertFalse(body.contains(leak), what + "the answer shows internals (" + leak + "): " + abbreviated(body));
        }
        assertTrue(body.length() < 4_096, what + "the answer echoes the input: " + body.length() + " characters");
    }

    private static String text(APIGatewayV2HTTPResponse response) {
        String body = response.getBody() == null ? "" : response.getBody();
        return response.getIsBase64Encoded()
                ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8)
                : body;
    }

    private static String abbreviated(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...(" + text.length() + " characters)";
    }

    private Map<String, Map<String, AttributeValue>> table() {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        dynamo.scanPaginator(ScanRequest.builder().tableName(config.table().name()).consistentRead(true).build())
                .items().forEach(item -> items.put(item.get("pk").s() + " " + item.get("sk").s(), item));
        return items;
    }

    private static Set<String> keys(Map<String, Map<String, AttributeValue>> table) {
        return new TreeSet<>(table.keySet());
    }
}

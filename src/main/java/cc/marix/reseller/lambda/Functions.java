package cc.marix.reseller.lambda;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Every function the one artifact is deployed as. template.yaml and functions.md list the same set; a test keeps
 * the three in agreement.
 */
public final class Functions {

    /** Serves every HTTP route in one process: local runs and tests. Never deployed. */
    public static final String ALL = "all";

    public static final String PARTNER_WEBHOOK = "partner-webhook";
    public static final String ADMIN = "admin";
    public static final String DELIVERY_WORKER = "delivery-worker";
    public static final String DELIVERY_RETRY = "delivery-retry";
    public static final String ACCESS_ME = "access-me";
    public static final String ACCESS_BALANCES = "access-balances";
    public static final String CATEGORIES_LIST = "categories-list";
    public static final String CATEGORY_GET = "category-get";
    public static final String PRODUCTS_LIST = "products-list";
    public static final String PRODUCTS_SEARCH = "products-search";
    public static final String PRODUCT_GET = "product-get";
    public static final String ORDERS_LIST = "orders-list";
    public static final String ORDER_CREATE = "order-create";
    public static final String ORDER_GET = "order-get";
    public static final String ORDER_PAY = "order-pay";
    public static final String ORDER_EXPIRY = "order-expiry";
    public static final String TOPUP_RATES = "topup-rates";
    public static final String FIAT_TOPUPS_LIST = "fiat-topups-list";
    public static final String FIAT_TOPUP_CREATE = "fiat-topup-create";
    public static final String FIAT_TOPUP_GET = "fiat-topup-get";
    public static final String TRIBUTE_WEBHOOK = "tribute-webhook";
    public static final String CRYPTO_CHAINS = "crypto-chains";
    public static final String CRYPTO_TOPUPS_LIST = "crypto-topups-list";
    public static final String CRYPTO_TOPUP_CREATE = "crypto-topup-create";
    public static final String CRYPTO_TOPUP_GET = "crypto-topup-get";
    public static final String EXCHANGER_IPN = "exchanger-ipn";
    public static final String MERCHANT_CALLBACK = "merchant-callback";
    public static final String PAYMENT_RECONCILE = "payment-reconcile";
    public static final String WEBHOOK_ENDPOINTS_LIST = "webhook-endpoints-list";
    public static final String WEBHOOK_ENDPOINT_CREATE = "webhook-endpoint-create";
    public static final String WEBHOOK_ENDPOINT_DELETE = "webhook-endpoint-delete";
    public static final String WEBHOOK_ENDPOINT_ROTATE = "webhook-endpoint-rotate";
    public static final String WEBHOOK_ENDPOINT_REPLAY = "webhook-endpoint-replay";
    public static final String OPENAPI_DOCUMENT = "openapi-document";

    public static final List<FunctionSpec> DEPLOYED = List.of(
            new FunctionSpec(PARTNER_WEBHOOK, FunctionKind.HTTP,
                    List.of(new Route("POST", "/api/orders/webhooks/{partner}/notification"))),
            new FunctionSpec(ACCESS_ME, FunctionKind.HTTP, List.of(new Route("GET", "/api/access/me"))),
            new FunctionSpec(ACCESS_BALANCES, FunctionKind.HTTP, List.of(new Route("GET", "/api/access/me/balances/"))),
            new FunctionSpec(CATEGORIES_LIST, FunctionKind.HTTP, List.of(new Route("GET", "/api/categories/"))),
            new FunctionSpec(CATEGORY_GET, FunctionKind.HTTP,
                    List.of(new Route("GET", "/api/categories/{category_id_or_slug}"))),
            new FunctionSpec(PRODUCTS_LIST, FunctionKind.HTTP, List.of(new Route("GET", "/api/products/"))),
            new FunctionSpec(PRODUCTS_SEARCH, FunctionKind.HTTP, List.of(new Route("GET", "/api/products/search"))),
            new FunctionSpec(PRODUCT_GET, FunctionKind.HTTP,
                    List.of(new Route("GET", "/api/products/{product_id_or_slug}"))),
            new FunctionSpec(ORDERS_LIST, FunctionKind.HTTP, List.of(new Route("GET", "/api/orders/"))),
            new FunctionSpec(ORDER_CREATE, FunctionKind.HTTP, List.of(new Route("POST", "/api/orders/"))),
            new FunctionSpec(ORDER_GET, FunctionKind.HTTP, List.of(new Route("GET", "/api/orders/{order_id}"))),
            new FunctionSpec(ORDER_PAY, FunctionKind.HTTP, List.of(new Route("POST", "/api/orders/{order_id}/pay"))),
            new FunctionSpec(TOPUP_RATES, FunctionKind.HTTP, List.of(new Route("GET", "/api/topups/rates/{to}"))),
            new FunctionSpec(FIAT_TOPUPS_LIST, FunctionKind.HTTP, List.of(new Route("GET", "/api/topups/fiat/"))),
            new FunctionSpec(FIAT_TOPUP_CREATE, FunctionKind.HTTP, List.of(new Route("POST", "/api/topups/fiat/"))),
            new FunctionSpec(FIAT_TOPUP_GET, FunctionKind.HTTP,
                    List.of(new Route("GET", "/api/topups/fiat/{topup_id}"))),
            new FunctionSpec(CRYPTO_CHAINS, FunctionKind.HTTP,
                    List.of(new Route("GET", "/api/topups/crypto/chains/"))),
            new FunctionSpec(CRYPTO_TOPUPS_LIST, FunctionKind.HTTP, List.of(new Route("GET", "/api/topups/crypto/"))),
            new FunctionSpec(CRYPTO_TOPUP_CREATE, FunctionKind.HTTP,
                    List.of(new Route("POST", "/api/topups/crypto/"))),
            new FunctionSpec(CRYPTO_TOPUP_GET, FunctionKind.HTTP,
                    List.of(new Route("GET", "/api/topups/crypto/{topup_id}"))),
            new FunctionSpec(TRIBUTE_WEBHOOK, FunctionKind.HTTP, List.of(new Route("POST", "/callbacks/tribute"))),
            new FunctionSpec(EXCHANGER_IPN, FunctionKind.HTTP,
                    List.of(new Route("POST", "/callbacks/exchanger/{payment_id}"))),
            new FunctionSpec(MERCHANT_CALLBACK, FunctionKind.HTTP, List.of(new Route("POST", "/callbacks/merchant"))),
            new FunctionSpec(WEBHOOK_ENDPOINTS_LIST, FunctionKind.HTTP,
                    List.of(new Route("GET", "/api/webhook-endpoints/"))),
            new FunctionSpec(WEBHOOK_ENDPOINT_CREATE, FunctionKind.HTTP,
                    List.of(new Route("POST", "/api/webhook-endpoints/"))),
            new FunctionSpec(WEBHOOK_ENDPOINT_DELETE, FunctionKind.HTTP,
                    List.of(new Route("DELETE", "/api/webhook-endpoints/{endpoint_id}"))),
            new FunctionSpec(WEBHOOK_ENDPOINT_ROTATE, FunctionKind.HTTP,
                    List.of(new Route("POST", "/api/webhook-endpoints/{endpoint_id}/rotate-secret"))),
            new FunctionSpec(WEBHOOK_ENDPOINT_REPLAY, FunctionKind.HTTP,
                    List.of(new Route("POST", "/api/webhook-endpoints/{endpoint_id}/replay"))),
            new FunctionSpec(OPENAPI_DOCUMENT, FunctionKind.HTTP, List.of(new Route("GET", "/api/openapi.json"))),
            new FunctionSpec(ADMIN, FunctionKind.EVENT, List.of()),
            new FunctionSpec(DELIVERY_WORKER, FunctionKind.EVENT, List.of()),
            new FunctionSpec(DELIVERY_RETRY, FunctionKind.EVENT, List.of()),
            new FunctionSpec(ORDER_EXPIRY, FunctionKind.EVENT, List.of()),
            new FunctionSpec(PAYMENT_RECONCILE, FunctionKind.EVENT, List.of()));

    /**
     * The routes by method and number of segments, the only ones a request can match: every request asks for its
     * owner (the route guard; the metrics' function name where one process serves all), and trying every route of
     * every function was a few per cent of a request's own CPU.
     */
    private static final Map<String, List<Owned>> CANDIDATES = DEPLOYED.stream()
            .flatMap(spec -> spec.routes().stream().map(route -> new Owned(spec, route)))
            .collect(Collectors.groupingBy(owned -> candidateKey(owned.route().method(),
                    owned.route().template().size())));

    private Functions() {
    }

    public static Optional<FunctionSpec> byName(String name) {
        return DEPLOYED.stream().filter(spec -> spec.name().equals(name)).findFirst();
    }

    /**
     * Whether the function named {@code function} answers this HTTP request; {@link #ALL} answers every route. When
     * several routes match, only the most specific one's function answers, as the HTTP API routes it
     * ({@code /api/products/search} is products-search's, never product-get's {@code {product_id_or_slug}}).
     */
    public static boolean serves(String function, String method, String path) {
        Optional<FunctionSpec> owner = owner(method, path);
        return ALL.equals(function) ? owner.isPresent() : owner.map(spec -> spec.name().equals(function)).orElse(false);
    }

    /**
     * The methods a path answers to, for the {@code Allow} of a 405: those of the most specific routes whose template
     * matches the path, whatever their method; empty when the path is none of {@code function}'s ({@link #ALL}: of
     * any function), so that a function still answers 404 for another function's path.
     */
    public static Set<String> allowedMethods(String function, String path) {
        List<String> segments = Route.segments(path);
        Set<String> methods = new TreeSet<>();
        boolean owned = false;
        int bestSpecificity = -1;
        for (FunctionSpec spec : DEPLOYED) {
            for (Route route : spec.routes()) {
                if (!route.matchesPath(segments) || route.literalSegments() < bestSpecificity) {
                    continue;
                }
                if (route.literalSegments() > bestSpecificity) {
                    methods.clear();
                    owned = false;
                    bestSpecificity = route.literalSegments();
                }
                methods.add(route.method());
                owned |= ALL.equals(function) || spec.name().equals(function);
            }
        }
        return owned ? methods : Set.of();
    }

    /** The function whose route this request is, as the HTTP API would route it; empty for no route of ours. */
    public static Optional<String> ownerName(String method, String path) {
        return owner(method, path).map(FunctionSpec::name);
    }

    private static Optional<FunctionSpec> owner(String method, String path) {
        List<String> segments = Route.segments(path);
        FunctionSpec best = null;
        int bestSpecificity = -1;
        for (Owned candidate : CANDIDATES.getOrDefault(candidateKey(method, segments.size()), List.of())) {
            if (candidate.route().matchesPath(segments) && candidate.route().literalSegments() > bestSpecificity) {
                best = candidate.spec();
                bestSpecificity = candidate.route().literalSegments();
            }
        }
        return Optional.ofNullable(best);
    }

    /** A route and its function. */
    private record Owned(FunctionSpec spec, Route route) {
    }

    private static String candidateKey(String method, int segments) {
        return method.toUpperCase(Locale.ROOT) + ' ' + segments;
    }
}

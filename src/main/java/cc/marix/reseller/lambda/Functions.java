package cc.marix.reseller.lambda;

import java.util.List;
import java.util.Optional;

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

    public static final List<FunctionSpec> DEPLOYED = List.of(
            new FunctionSpec(PARTNER_WEBHOOK, FunctionKind.HTTP,
                    List.of(new Route("POST", "/api/orders/webhooks/{partner}/notification"))),
            new FunctionSpec(ACCESS_ME, FunctionKind.HTTP, List.of(new Route("GET", "/api/access/me"))),
            new FunctionSpec(ACCESS_BALANCES, FunctionKind.HTTP, List.of(new Route("GET", "/api/access/me/balances/"))),
            new FunctionSpec(ADMIN, FunctionKind.EVENT, List.of()),
            new FunctionSpec(DELIVERY_WORKER, FunctionKind.EVENT, List.of()),
            new FunctionSpec(DELIVERY_RETRY, FunctionKind.EVENT, List.of()));

    private Functions() {
    }

    public static Optional<FunctionSpec> byName(String name) {
        return DEPLOYED.stream().filter(spec -> spec.name().equals(name)).findFirst();
    }

    /** Whether the function named {@code function} answers this HTTP request; {@link #ALL} answers every route. */
    public static boolean serves(String function, String method, String path) {
        if (ALL.equals(function)) {
            return DEPLOYED.stream().anyMatch(spec -> spec.serves(method, path));
        }
        return byName(function).map(spec -> spec.serves(method, path)).orElse(false);
    }
}

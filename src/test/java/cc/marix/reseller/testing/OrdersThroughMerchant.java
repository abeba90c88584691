package cc.marix.reseller.testing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The merchant gateway takes order payments ({@code app.payments.order-provider}); one profile, one application. */
public class OrdersThroughMerchant implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("app.payments.order-provider", "merchant");
    }
}

package cc.marix.reseller.testing;

import cc.marix.reseller.local.LocalLambdaRuntimeResource;
import cc.marix.reseller.local.LoopbackDynamoDbResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.restassured.RestAssured;

/**
 * The local cloud every {@code @QuarkusTest} runs against (the resources are global): DynamoDB Local, a Lambda
 * runtime API with a Function URL front, an SMTP server, the payment providers (WireMock) and the secrets extension's
 * stand-in, all on 127.0.0.1 and free ports.
 */
@QuarkusTestResource(LoopbackDynamoDbResource.class)
@QuarkusTestResource(LocalLambdaRuntimeResource.class)
@QuarkusTestResource(GreenMailResource.class)
@QuarkusTestResource(ProvidersResource.class)
@QuarkusTestResource(SecretsExtensionResource.class)
public final class TestStack {

    private TestStack() {
    }

    /** Invokes the function with a raw event, as the console or an event source does; returns its JSON answer. */
    public static String invoke(String eventJson) {
        return LocalLambdaRuntimeResource.runtime().invoke(eventJson);
    }

    /** Points rest-assured at the Function URL front. */
    public static void useHttpFront() {
        RestAssured.port = LocalLambdaRuntimeResource.httpPort();
    }
}

package cc.marix.reseller.hooks;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cc.marix.reseller.store.Attrs;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A user's webhook endpoints live in the partition {@code HOOKS#<userId>}: one item per endpoint
 * ({@code ENDPOINT#<endpointId>}) and the counter {@code COUNT} that keeps them at most {@link #MAX_ENDPOINTS}.
 */
final class WebhookEndpointItems {

    static final String PK_PREFIX = "HOOKS#";
    static final String ENDPOINT_PREFIX = "ENDPOINT#";
    static final String COUNT_SK = "COUNT";
    static final String ENDPOINTS = "endpoints";
    static final int MAX_ENDPOINTS = 10;

    static final String ENDPOINT_ID = "endpointId";
    static final String USER_ID = "userId";
    static final String URL = "url";
    static final String EVENTS = "events";
    static final String DESCRIPTION = "description";
    static final String CREATED_AT = "createdAt";
    static final String SECRETS = "secrets";
    static final String VERSION = "version";
    static final String SECRET_VALUE = "value";
    static final String SECRET_EXPIRES_AT = "expiresAt";

    private WebhookEndpointItems() {
    }

    static String pk(String userId) {
        return PK_PREFIX + userId;
    }

    static Map<String, AttributeValue> key(String userId, String endpointId) {
        return Attrs.key(pk(userId), ENDPOINT_PREFIX + endpointId);
    }

    static Map<String, AttributeValue> countKey(String userId) {
        return Attrs.key(pk(userId), COUNT_SK);
    }

    static Map<String, AttributeValue> toItem(WebhookEndpoint endpoint) {
        Map<String, AttributeValue> item = new HashMap<>(key(endpoint.userId(), endpoint.id()));
        item.put(ENDPOINT_ID, Attrs.s(endpoint.id()));
        item.put(USER_ID, Attrs.s(endpoint.userId()));
        item.put(URL, Attrs.s(endpoint.url()));
        item.put(EVENTS, Attrs.ss(endpoint.events().stream().map(WebhookEventType::wire).toList()));
        Attrs.putIfPresent(item, DESCRIPTION, endpoint.description());
        item.put(CREATED_AT, Attrs.s(endpoint.createdAt()));
        item.put(SECRETS, secrets(endpoint.secrets()));
        item.put(VERSION, Attrs.n(endpoint.version()));
        return item;
    }

    static AttributeValue secrets(List<EndpointSecret> secrets) {
        return Attrs.list(secrets.stream().map(secret -> {
            Map<String, AttributeValue> entry = new HashMap<>();
            entry.put(SECRET_VALUE, Attrs.s(secret.value()));
            if (secret.expiresAt() != null) {
                entry.put(SECRET_EXPIRES_AT, Attrs.s(secret.expiresAt().toString()));
            }
            return Attrs.map(entry);
        }).toList());
    }

    static WebhookEndpoint fromItem(Map<String, AttributeValue> item) {
        List<EndpointSecret> secrets = Attrs.listValue(item, SECRETS).stream().map(entry -> {
            String expiresAt = Attrs.str(entry.m(), SECRET_EXPIRES_AT);
            return new EndpointSecret(Attrs.str(entry.m(), SECRET_VALUE),
                    expiresAt == null ? null : Instant.parse(expiresAt));
        }).toList();
        List<WebhookEventType> events = Attrs.strings(item, EVENTS).stream()
                .flatMap(wire -> WebhookEventType.fromWire(wire).stream()).sorted().toList();
        return new WebhookEndpoint(Attrs.str(item, ENDPOINT_ID), Attrs.str(item, USER_ID), Attrs.str(item, URL),
                events, Attrs.str(item, DESCRIPTION), Attrs.str(item, CREATED_AT), secrets,
                Attrs.longValue(item, VERSION, 0));
    }
}

package cc.marix.reseller.account;

import java.util.HashMap;
import java.util.Map;

import cc.marix.reseller.store.Attrs;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * API users and their keys. User: {@code USER#<id> / USER}, with {@code keys}: key id -> key hash, read
 * consistently whenever the keys change. Key: {@code APIKEY#<sha256(key)> / APIKEY}, holding the user id and a copy
 * of the user's active flag, so a request is authenticated with one read. The key itself is stored nowhere.
 */
final class UserItems {

    static final String SK = "USER";
    static final String KEY_SK = "APIKEY";
    static final String ID = "id";
    static final String EMAIL = "email";
    static final String TELEGRAM_ID = "telegramId";
    static final String TELEGRAM_USERNAME = "telegramUsername";
    static final String BYBIT_UID = "bybitUid";
    static final String FIRST_NAME = "firstName";
    static final String LAST_NAME = "lastName";
    static final String ACTIVE = "isActive";
    static final String SUPER = "isSuper";
    static final String TIER = "wholesaleTier";
    static final String REFERRAL_CODE = "referralCode";
    static final String REFERRAL_PERCENTAGE = "referralPercentage";
    static final String CREATED_AT = "createdAt";
    static final String VERSION = "version";
    static final String USER_ID = "userId";
    static final String KEY_ID = "keyId";
    static final String KEYS = "keys";

    private UserItems() {
    }

    static Map<String, AttributeValue> key(String userId) {
        return Attrs.key("USER#" + userId, SK);
    }

    static Map<String, AttributeValue> apiKey(String keyHash) {
        return Attrs.key("APIKEY#" + keyHash, KEY_SK);
    }

    static Map<String, AttributeValue> toItem(ApiUser user) {
        Map<String, AttributeValue> item = new HashMap<>(key(user.id()));
        item.put(ID, Attrs.s(user.id()));
        item.put(EMAIL, Attrs.s(user.email()));
        if (user.telegramId() != null) {
            item.put(TELEGRAM_ID, Attrs.n(user.telegramId()));
        }
        Attrs.putIfPresent(item, TELEGRAM_USERNAME, user.telegramUsername());
        Attrs.putIfPresent(item, BYBIT_UID, user.bybitUid());
        Attrs.putIfPresent(item, FIRST_NAME, user.firstName());
        Attrs.putIfPresent(item, LAST_NAME, user.lastName());
        item.put(ACTIVE, Attrs.bool(user.isActive()));
        item.put(SUPER, Attrs.bool(user.isSuper()));
        item.put(TIER, Attrs.s(user.wholesaleTier()));
        item.put(REFERRAL_CODE, Attrs.s(user.referralCode()));
        item.put(REFERRAL_PERCENTAGE, Attrs.n(user.referralPercentage()));
        item.put(CREATED_AT, Attrs.s(user.createdAt()));
        item.put(VERSION, Attrs.n(user.version()));
        return item;
    }

    /** Key id -> key hash of the user's live keys. */
    static Map<String, String> keys(Map<String, AttributeValue> item) {
        Map<String, String> keys = new HashMap<>();
        AttributeValue value = item.get(KEYS);
        if (value != null && value.hasM()) {
            value.m().forEach((keyId, hash) -> keys.put(keyId, hash.s()));
        }
        return keys;
    }

    static ApiUser fromItem(Map<String, AttributeValue> item) {
        return new ApiUser(
                Attrs.str(item, ID),
                Attrs.str(item, EMAIL),
                item.containsKey(TELEGRAM_ID) ? Attrs.longValue(item, TELEGRAM_ID, 0) : null,
                Attrs.str(item, TELEGRAM_USERNAME),
                Attrs.str(item, BYBIT_UID),
                Attrs.str(item, FIRST_NAME),
                Attrs.str(item, LAST_NAME),
                Attrs.boolValue(item, ACTIVE),
                Attrs.boolValue(item, SUPER),
                Attrs.str(item, TIER),
                Attrs.str(item, REFERRAL_CODE),
                Attrs.decimal(item, REFERRAL_PERCENTAGE),
                Attrs.str(item, CREATED_AT),
                Attrs.longValue(item, VERSION, 0));
    }

    static Map<String, AttributeValue> keyItem(String keyHash, String keyId, String userId, boolean active,
            String createdAt) {
        Map<String, AttributeValue> item = new HashMap<>(apiKey(keyHash));
        item.put(KEY_ID, Attrs.s(keyId));
        item.put(USER_ID, Attrs.s(userId));
        item.put(ACTIVE, Attrs.bool(active));
        item.put(CREATED_AT, Attrs.s(createdAt));
        return item;
    }

}

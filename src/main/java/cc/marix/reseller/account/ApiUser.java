package cc.marix.reseller.account;

import java.math.BigDecimal;

/** A reseller using the public API: the seed's profile fields. */
public record ApiUser(
        String id,
        String email,
        Long telegramId,
        String telegramUsername,
        String bybitUid,
        String firstName,
        String lastName,
        boolean isActive,
        boolean isSuper,
        String wholesaleTier,
        String referralCode,
        BigDecimal referralPercentage,
        String createdAt,
        long version) {
}

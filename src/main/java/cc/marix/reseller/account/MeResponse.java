package cc.marix.reseller.account;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The seed's {@code /api/access/me} answer, plus the user's {@code id}. */
@RegisterForReflection
public record MeResponse(String id, String email, Long telegramId, String telegramUsername, String bybitUid,
        String firstName, String lastName, boolean isActive, boolean isSuper, String wholesaleTier,
        String referralCode, String referralPercentage) {

    static MeResponse of(ApiUser user) {
        return new MeResponse(user.id(), user.email(), user.telegramId(), user.telegramUsername(), user.bybitUid(),
                user.firstName(), user.lastName(), user.isActive(), user.isSuper(), user.wholesaleTier(),
                user.referralCode(), user.referralPercentage().toPlainString());
    }
}

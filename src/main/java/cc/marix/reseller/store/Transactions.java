package cc.marix.reseller.store;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jboss.logging.Logger;

import cc.marix.reseller.signing.Sha256;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * Every TransactWriteItems goes through here, carrying a ClientRequestToken derived from the operation's identity
 * (its purpose, the ids that make it unique, the attempt when a loop retries it with new values) and from the writes
 * themselves. The same attempt sent again (the SDK's retry after a timeout or a 500 that hid a commit, or a retried
 * event that rebuilds the same writes) carries the same token, and DynamoDB answers success for 10 minutes without
 * writing again; anything new carries a new one. Beyond the window, or when the values differ, the token cannot help:
 * the writes' own conditions refuse a second effect and the callers' cancellation handling gives the original answer.
 * The writes are part of the token so that DynamoDB's IdempotentParameterMismatchException (same token, other values)
 * does not arise; should it all the same, the writes are sent once more without a token and their conditions decide.
 */
public final class Transactions {

    private static final Logger LOG = Logger.getLogger(Transactions.class);
    /** DynamoDB's limit for a ClientRequestToken. */
    static final int TOKEN_LENGTH = 36;

    private Transactions() {
    }

    /**
     * Writes {@code items} as one transaction whose token is derived from {@code purpose}, {@code identity} and the
     * items; conditions as the items state them. Throws what DynamoDB throws (TransactionCanceledException, ...).
     */
    public static TransactWriteItemsResponse write(DynamoDbClient dynamo, List<TransactWriteItem> items,
            String purpose, Object... identity) {
        String token = token(purpose, identity, items);
        try {
            return dynamo.transactWriteItems(TransactWriteItemsRequest.builder().clientRequestToken(token)
                    .transactItems(items).build());
        } catch (IdempotentParameterMismatchException mismatch) {
            LOG.warnf("%s: transaction token %s reused with other values; sent again without it, its conditions decide",
                    purpose, token);
            return dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items).build());
        }
    }

    /**
     * 36 hex characters of SHA-256 over the purpose, the identity and a fingerprint of the writes: their SDK hash,
     * which covers every field of every write and is the same in every process (strings, numbers, bytes and
     * collections of them; the SDK holds enums as their strings; a new SDK model field changes it, so a retry across
     * such an upgrade gets a new token, as across any change of the writes). It is 32 bits and Java's hashes are easy
     * to make collide: two different sets of writes of one purpose and identity (some purposes have none) meeting in
     * DynamoDB's 10-minute window may share a token, and DynamoDB then refuses the second with
     * IdempotentParameterMismatchException, handled above: sent again without a token, its conditions decide. Never a
     * write taken for another. The writes' text form, hashed before, was about 8 % of the function's own CPU
     * (BENCHMARKS.md, "One thread per event").
     */
    static String token(String purpose, Object[] identity, List<TransactWriteItem> items) {
        StringBuilder text = new StringBuilder(purpose);
        for (Object part : identity) {
            // a separator no part contains, so ("a", "bc") and ("ab", "c") differ
            text.append('\u0000').append(part);
        }
        text.append('\u0000').append(items.hashCode());
        return Sha256.hex(text.toString().getBytes(StandardCharsets.UTF_8)).substring(0, TOKEN_LENGTH);
    }
}

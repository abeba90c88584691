package cc.marix.reseller.testing;

import cc.marix.reseller.local.LocalAccount;
import cc.marix.reseller.local.LoopbackDynamoDbResource;
import cc.marix.reseller.local.StreamFeeder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Feeds the delivery worker from DynamoDB Local's stream, through the Lambda runtime, as AWS would. */
public final class Streams {

    private Streams() {
    }

    public static StreamFeeder feeder(DynamoDbClient dynamo, String table) {
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                .endpointOverride(LoopbackDynamoDbResource.database().endpoint())
                .region(Region.of(LocalAccount.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalAccount.ACCESS_KEY_ID, LocalAccount.SECRET_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        return new StreamFeeder(dynamo, streams, table).fromNow();
    }

    /** Invokes the worker with every new stream batch; returns how many batches went in. */
    public static int feed(StreamFeeder feeder) {
        int batches = 0;
        for (String event : feeder.poll()) {
            TestStack.invoke(event);
            batches++;
        }
        return batches;
    }
}

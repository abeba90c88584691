package cc.marix.reseller.local;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;

/**
 * DynamoDB Local, in memory or in files of a directory, inside this JVM, reachable only on 127.0.0.1 at a free port.
 *
 * <p>DynamoDB Local's own {@code ServerRunner}/{@code DynamoDBProxyServer} listen on every interface and have no host
 * option, so the Jetty server is assembled here around the same request handler. Going around {@code ServerRunner}
 * also skips its telemetry set-up, which is what writes {@code dynamodb-local-metadata.json} into the working
 * directory and calls out to Pinpoint.
 */
public final class LoopbackDynamoDb implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    /** The file DynamoDB Local keeps a shared database in, under its {@code -dbPath}. */
    public static final String SHARED_DB_FILE = "shared-local-instance.db";

    private final Server server;
    private final LocalDynamoDBRequestHandler database;
    private final URI endpoint;

    private LoopbackDynamoDb(Server server, LocalDynamoDBRequestHandler database, URI endpoint) {
        this.server = server;
        this.database = database;
        this.endpoint = endpoint;
    }

    public static LoopbackDynamoDb start() {
        return start(null);
    }

    /**
     * Keeping its tables in {@code dataDir} (created if missing; DynamoDB Local's {@code -dbPath}, one
     * {@value #SHARED_DB_FILE} for every client), so they outlive this process; in memory when null.
     */
    public static LoopbackDynamoDb start(Path dataDir) {
        LocalDynamoDBRequestHandler database = null;
        Server server = null;
        try {
            if (dataDir != null) {
                Files.createDirectories(dataDir);
            }
            // As ServerRunner passes them: authorityLevel, inMemory, dbPath, sharedDb, delayTransientStatuses.
            // sharedDb: every access key and region (the app's, the aws CLI's) sees the same tables, like one account.
            database = new LocalDynamoDBRequestHandler(0, dataDir == null,
                    dataDir == null ? null : dataDir.toAbsolutePath().toString(), true, false);
            QueuedThreadPool threads = new QueuedThreadPool();
            threads.setName("dynamodb-local");
            // A caller that forgets stop() must not keep the JVM alive.
            threads.setDaemon(true);
            server = new Server(threads);
            ServerConnector connector = new ServerConnector(server);
            connector.setHost(LOOPBACK);
            connector.setPort(0);
            server.setConnectors(new ServerConnector[] {connector});
            server.setHandler(handlers(new LocalDynamoDBServerHandler(database, null)));
            server.start();
            URI endpoint = URI.create("http://" + LOOPBACK + ":" + connector.getLocalPort());
            return new LoopbackDynamoDb(server, database, endpoint);
        } catch (Exception e) {
            stopQuietly(server, database);
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    // The same handler tree DynamoDBProxyServer.setUpHandler builds (checked with javap against 2.6.1).
    private static ContextHandlerCollection handlers(LocalDynamoDBServerHandler dynamo) {
        ContextHandler context = new ContextHandler();
        context.setHandler(dynamo);
        ContextHandlerCollection collection = new ContextHandlerCollection();
        collection.addHandler(context);
        return collection;
    }

    /** The endpoint to give an SDK client or {@code aws --endpoint-url}, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return endpoint.getPort();
    }

    public void stop() {
        stopQuietly(server, database);
    }

    @Override
    public void close() {
        stop();
    }

    private static void stopQuietly(Server server, LocalDynamoDBRequestHandler database) {
        if (server != null) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // Stopping is best effort: the JVM may be going down anyway.
            }
        }
        if (database != null) {
            database.shutdown();
        }
    }
}

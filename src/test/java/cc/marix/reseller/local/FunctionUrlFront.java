package cc.marix.reseller.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * Plain HTTP on 127.0.0.1 in front of a {@link LocalLambdaRuntime}, playing the part of a Function URL (or an HTTP API
 * stage): each request becomes a payload 2.0 event, is invoked, and the function's answer becomes the response.
 *
 * <p>Like AWS: an event over 6 MB is refused with 413 before it reaches the function; a failed invocation answers 502
 * and a timed-out one 504, both with a JSON body. Unlike AWS, that body also names the error type and message, since
 * the function's log is right there anyway.
 */
public final class FunctionUrlFront implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(FunctionUrlFront.class);
    private static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    private final LocalLambdaRuntime runtime;
    private final HttpServer server;
    private final ExecutorService threads;
    private final ObjectMapper mapper = new ObjectMapper();

    private FunctionUrlFront(LocalLambdaRuntime runtime, int port) throws IOException {
        this.runtime = runtime;
        this.threads = DaemonThreads.pool("function-url");
        this.server = HttpServer.create(
                new InetSocketAddress(InetAddress.getByName(LocalLambdaRuntime.LOOPBACK), port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    static FunctionUrlFront start(LocalLambdaRuntime runtime, int port) {
        try {
            return new FunctionUrlFront(runtime, port);
        } catch (IOException e) {
            throw new UncheckedIOException("the HTTP front could not listen on 127.0.0.1:" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Serves a path (and everything under it) with {@code handler} instead of a function: run-local's own pages. */
    void serveLocally(String path, HttpHandler handler) {
        server.createContext(path, handler);
    }

    public URI url() {
        return URI.create("http://" + LocalLambdaRuntime.LOOPBACK + ":" + port());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            byte[] body = Exchanges.readBody(exchange, MAX_EVENT_BYTES);
            String event = body == null ? null : FunctionUrlEvent.of(exchange, body, mapper);
            if (event == null || event.getBytes(StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) {
                Exchanges.sendJson(exchange, 413, "{\"message\":\"Request Entity Too Large\"}");
                return;
            }
            String answer;
            try {
                answer = runtime.invoke(event);
            } catch (LambdaInvocationException e) {
                Exchanges.sendJson(exchange, e.isTimeout() ? 504 : 502, failure(e));
                return;
            }
            if (!FunctionUrlResponse.write(exchange, answer, mapper)) {
                Exchanges.sendJson(exchange, 502, failure(LambdaInvocationException.raised("Runtime.InvalidResponse",
                        "the function's answer is not JSON")));
            }
        } catch (RuntimeException e) {
            // The JDK server would drop the connection without a word; say what broke instead.
            LOG.errorf("HTTP front failed on %s %s: %s", exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), e.toString());
            Exchanges.sendJson(exchange, 500, "{\"message\":\"Internal Server Error\"}");
        } finally {
            exchange.close();
        }
    }

    private String failure(LambdaInvocationException e) {
        ObjectNode body = mapper.createObjectNode();
        body.put("message", e.isTimeout() ? "Gateway Timeout" : "Internal Server Error");
        body.put("errorType", e.errorType());
        body.put("errorMessage", e.errorMessage());
        return body.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

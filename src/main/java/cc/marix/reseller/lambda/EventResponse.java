package cc.marix.reseller.lambda;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.ServerCookie;
import io.vertx.core.http.impl.headers.HeadersMultiMap;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.HostAndPort;

import org.jboss.logging.Logger;

/**
 * The Vert.x response of an {@link EventRequest}: collects status, headers and body and, when it ends, becomes the
 * Lambda answer. The handlers run in Vert.x's order (headers end when the head would be written, then body end, then
 * end), on the thread that ends the response, before the answer is handed back: {@link InvocationScope} prints the
 * invocation's metrics from the first. A handler that throws is logged and the answer still handed back. The answer
 * is built as quarkus-amazon-lambda-http built it: values of a repeated header joined with commas, Set-Cookie as the
 * answer's cookies, a text body as is and any other base64.
 */
final class EventResponse implements HttpServerResponse {

    private static final Logger LOG = Logger.getLogger(EventResponse.class);

    private final ContextInternal context;
    private final EventRequest request;
    private final EventConnection connection;
    private final MultiMap headers = HeadersMultiMap.httpHeaders();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final CompletableFuture<APIGatewayV2HTTPResponse> answer = new CompletableFuture<>();

    // guarded by this
    private int status = HttpResponseStatus.OK.code();
    private String statusMessage;
    private boolean chunked;
    private MultiMap trailers;
    private boolean headWritten;
    private boolean ended;
    private boolean closed;
    private Handler<Void> headersEndHandler;
    private Handler<Void> bodyEndHandler;
    private Handler<Void> endHandler;
    private Handler<Void> closeHandler;

    EventResponse(ContextInternal context, EventRequest request, EventConnection connection) {
        this.context = context;
        this.request = request;
        this.connection = connection;
    }

    /** The Lambda answer, complete once the response has ended (or failed when it was closed before). */
    CompletableFuture<APIGatewayV2HTTPResponse> answer() {
        return answer;
    }

    /** Nothing can fail in writing to memory. */
    @Override
    public EventResponse exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public EventResponse setWriteQueueMaxSize(int maxSize) {
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return false;
    }

    @Override
    public EventResponse drainHandler(Handler<Void> handler) {
        return this;
    }

    @Override
    public synchronized int getStatusCode() {
        return status;
    }

    @Override
    public synchronized EventResponse setStatusCode(int statusCode) {
        status = statusCode;
        return this;
    }

    @Override
    public synchronized String getStatusMessage() {
        return statusMessage != null ? statusMessage : HttpResponseStatus.valueOf(status).reasonPhrase();
    }

    @Override
    public synchronized EventResponse setStatusMessage(String message) {
        statusMessage = message;
        return this;
    }

    @Override
    public synchronized EventResponse setChunked(boolean chunked) {
        this.chunked = chunked;
        return this;
    }

    @Override
    public synchronized boolean isChunked() {
        return chunked;
    }

    @Override
    public MultiMap headers() {
        return headers;
    }

    @Override
    public EventResponse putHeader(String name, String value) {
        headers.set(name, value);
        return this;
    }

    @Override
    public EventResponse putHeader(CharSequence name, CharSequence value) {
        headers.set(name, value);
        return this;
    }

    @Override
    public EventResponse putHeader(String name, Iterable<String> values) {
        headers.set(name, values);
        return this;
    }

    @Override
    public EventResponse putHeader(CharSequence name, Iterable<CharSequence> values) {
        headers.set(name, values);
        return this;
    }

    /** Kept, never sent: a Lambda answer has no trailers. */
    @Override
    public synchronized MultiMap trailers() {
        if (trailers == null) {
            trailers = HeadersMultiMap.httpHeaders();
        }
        return trailers;
    }

    @Override
    public EventResponse putTrailer(String name, String value) {
        trailers().set(name, value);
        return this;
    }

    @Override
    public EventResponse putTrailer(CharSequence name, CharSequence value) {
        trailers().set(name, value);
        return this;
    }

    @Override
    public EventResponse putTrailer(String name, Iterable<String> values) {
        trailers().set(name, values);
        return this;
    }

    @Override
    public EventResponse putTrailer(CharSequence name, Iterable<CharSequence> values) {
        trailers().set(name, values);
        return this;
    }

    @Override
    public synchronized EventResponse closeHandler(Handler<Void> handler) {
        closeHandler = handler;
        return this;
    }

    @Override
    public synchronized EventResponse endHandler(Handler<Void> handler) {
        endHandler = handler;
        return this;
    }

    @Override
    public synchronized EventResponse headersEndHandler(Handler<Void> handler) {
        headersEndHandler = handler;
        return this;
    }

    @Override
    public synchronized EventResponse bodyEndHandler(Handler<Void> handler) {
        bodyEndHandler = handler;
        return this;
    }

    @Override
    public Future<Void> writeHead() {
        synchronized (this) {
            checkOpen();
            writeHeadIfNotYet(-1);
        }
        return context.succeededFuture();
    }

    @Override
    public Future<Void> write(Buffer data) {
        synchronized (this) {
            checkOpen();
            writeHeadIfNotYet(-1);
            append(data);
        }
        return context.succeededFuture();
    }

    @Override
    public void write(Buffer data, Handler<AsyncResult<Void>> handler) {
        completed(write(data), handler);
    }

    @Override
    public Future<Void> write(String chunk, String encoding) {
        return write(Buffer.buffer(chunk, encoding));
    }

    @Override
    public void write(String chunk, String encoding, Handler<AsyncResult<Void>> handler) {
        completed(write(chunk, encoding), handler);
    }

    @Override
    public Future<Void> write(String chunk) {
        return write(Buffer.buffer(chunk, StandardCharsets.UTF_8.name()));
    }

    @Override
    public void write(String chunk, Handler<AsyncResult<Void>> handler) {
        completed(write(chunk), handler);
    }

    @Override
    public EventResponse writeContinue() {
        return this;
    }

    @Override
    public Future<Void> writeEarlyHints(MultiMap headers) {
        return context.succeededFuture();
    }

    @Override
    public void writeEarlyHints(MultiMap headers, Handler<AsyncResult<Void>> handler) {
        completed(writeEarlyHints(headers), handler);
    }

    @Override
    public Future<Void> end(String chunk) {
        return end(Buffer.buffer(chunk, StandardCharsets.UTF_8.name()));
    }

    @Override
    public void end(String chunk, Handler<AsyncResult<Void>> handler) {
        completed(end(chunk), handler);
    }

    @Override
    public Future<Void> end(String chunk, String encoding) {
        return end(Buffer.buffer(chunk, encoding));
    }

    @Override
    public void end(String chunk, String encoding, Handler<AsyncResult<Void>> handler) {
        completed(end(chunk, encoding), handler);
    }

    @Override
    public Future<Void> end(Buffer chunk) {
        Handler<Void> bodyEnd;
        Handler<Void> end;
        synchronized (this) {
            checkOpen();
            writeHeadIfNotYet(body.size() + chunk.length());
            append(chunk);
            ended = true;
            bodyEnd = bodyEndHandler;
            end = endHandler;
        }
        APIGatewayV2HTTPResponse built = toLambda();
        try {
            if (bodyEnd != null) {
                bodyEnd.handle(null);
            }
            if (end != null) {
                end.handle(null);
            }
        } catch (RuntimeException e) {
            // the answer is written already: a failing end handler (metrics, a route's) must not keep it from Lambda
            LOG.errorf("an end handler failed after the response was written: %s", e.getClass().getSimpleName());
        } finally {
            answer.complete(built);
        }
        return context.succeededFuture();
    }

    @Override
    public void end(Buffer chunk, Handler<AsyncResult<Void>> handler) {
        completed(end(chunk), handler);
    }

    @Override
    public Future<Void> end() {
        return end(Buffer.buffer());
    }

    @Override
    public void end(Handler<AsyncResult<Void>> handler) {
        completed(end(), handler);
    }

    @Override
    public Future<Void> sendFile(String filename, long offset, long length) {
        try (RandomAccessFile file = new RandomAccessFile(filename, "r")) {
            long size = Math.min(length, file.length() - offset);
            byte[] bytes = new byte[(int) Math.max(size, 0)];
            file.seek(offset);
            file.readFully(bytes);
            return end(Buffer.buffer(bytes));
        } catch (IOException e) {
            return context.failedFuture(e);
        }
    }

    @Override
    public EventResponse sendFile(String filename, long offset, long length,
            Handler<AsyncResult<Void>> handler) {
        completed(sendFile(filename, offset, length), handler);
        return this;
    }

    /**
     * The invocation ends without an answer (a handler gave up on the connection): the Lambda answer is the 500 that
     * quarkus-amazon-lambda-http gave when its in-memory connection closed first.
     */
    @Override
    public void close() {
        Handler<Void> onClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            onClose = closeHandler;
        }
        if (onClose != null) {
            onClose.handle(null);
        }
        answer.completeExceptionally(new IllegalStateException("the response was closed before it ended"));
    }

    /** The invocation failed on its way through the router: no answer but the failure. */
    void fail(Throwable cause) {
        answer.completeExceptionally(cause);
    }

    @Override
    public synchronized boolean ended() {
        return ended;
    }

    @Override
    public synchronized boolean closed() {
        return closed;
    }

    @Override
    public synchronized boolean headWritten() {
        return headWritten;
    }

    @Override
    public synchronized long bytesWritten() {
        return body.size();
    }

    @Override
    public int streamId() {
        return -1;
    }

    @Override
    public Future<HttpServerResponse> push(HttpMethod method, String host, String path, MultiMap headers) {
        return context.failedFuture("no server push in a Lambda answer");
    }

    @Override
    public Future<HttpServerResponse> push(HttpMethod method, HostAndPort authority, String path,
            MultiMap headers) {
        return context.failedFuture("no server push in a Lambda answer");
    }

    @Override
    public boolean reset(long code) {
        connection.close();
        return true;
    }

    @Override
    public EventResponse writeCustomFrame(int type, int flags, Buffer payload) {
        return this;
    }

    @Override
    public EventResponse addCookie(Cookie cookie) {
        request.cookieJar().add((ServerCookie) cookie);
        return this;
    }

    @Override
    public Cookie removeCookie(String name, boolean invalidate) {
        return request.cookieJar().removeOrInvalidate(name, invalidate);
    }

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public Set<Cookie> removeCookies(String name, boolean invalidate) {
        return (Set) request.cookieJar().removeOrInvalidateAll(name, invalidate);
    }

    @Override
    public Cookie removeCookie(String name, String domain, String path, boolean invalidate) {
        return request.cookieJar().removeOrInvalidate(name, domain, path, invalidate);
    }

    /**
     * Copies a chunk into the body and releases it: a writer hands the response a buffer it no longer owns (Quarkus'
     * output stream a pooled one), as a channel write would have released it.
     */
    private void append(Buffer chunk) {
        ByteBuf bytes = chunk.getByteBuf();
        try {
            bytes.getBytes(bytes.readerIndex(), body, bytes.readableBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            ReferenceCountUtil.release(bytes);
        }
    }

    private void checkOpen() {
        if (ended) {
            throw new IllegalStateException("Response has already been written");
        }
        if (closed) {
            throw new IllegalStateException("Response is closed");
        }
    }

    /**
     * What Vert.x does before writing the head: the headers-end handler, then the cookies set, then the length of a
     * body whose size is known (-1: not known yet, so no length).
     */
    private void writeHeadIfNotYet(long contentLength) {
        if (headWritten) {
            return;
        }
        if (headersEndHandler != null) {
            headersEndHandler.handle(null);
        }
        if (request.hasCookies()) {
            for (ServerCookie cookie : request.cookieJar()) {
                if (cookie.isChanged()) {
                    headers.add(HttpHeaders.SET_COOKIE, cookie.encode());
                }
            }
        }
        if (chunked) {
            headers.set(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED);
        } else if (contentLength >= 0 && !headers.contains(HttpHeaders.CONTENT_LENGTH)
                && !headers.contains(HttpHeaders.TRANSFER_ENCODING) && mayHaveBody()) {
            headers.set(HttpHeaders.CONTENT_LENGTH, String.valueOf(contentLength));
        }
        headWritten = true;
    }

    private boolean mayHaveBody() {
        return status >= 200 && status != HttpResponseStatus.NO_CONTENT.code()
                && status != HttpResponseStatus.NOT_MODIFIED.code();
    }

    private APIGatewayV2HTTPResponse toLambda() {
        APIGatewayV2HTTPResponse lambda = new APIGatewayV2HTTPResponse();
        Map<String, String> flat = new HashMap<>();
        synchronized (this) {
            lambda.setStatusCode(status);
            for (String name : headers.names()) {
                List<String> values = headers.getAll(name);
                if (values.isEmpty()) {
                    continue;
                }
                if (HttpHeaders.SET_COOKIE.toString().equalsIgnoreCase(name)) {
                    lambda.setCookies(new ArrayList<>(values));
                    continue;
                }
                if (HttpHeaders.TRANSFER_ENCODING.toString().equalsIgnoreCase(name)
                        && values.size() == 1 && HttpHeaders.CHUNKED.toString().equals(values.get(0))) {
                    continue;
                }
                flat.put(name, String.join(",", values));
            }
            lambda.setHeaders(flat);
            if (body.size() > 0) {
                if (isText(flat.get("Content-Type"))) {
                    lambda.setBody(body.toString(StandardCharsets.UTF_8));
                } else {
                    lambda.setIsBase64Encoded(true);
                    lambda.setBody(Base64.getEncoder().encodeToString(body.toByteArray()));
                }
            }
        }
        return lambda;
    }

    private static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.startsWith("text") || type.contains("json")
                || type.contains("xml") && !type.contains("openxmlformats") || type.contains("yaml");
    }

    private void completed(Future<Void> result, Handler<AsyncResult<Void>> handler) {
        if (handler != null) {
            result.onComplete(handler);
        }
    }
}

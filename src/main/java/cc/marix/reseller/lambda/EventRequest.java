package cc.marix.reseller.lambda;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.security.cert.X509Certificate;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpFrame;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.StreamPriority;
import io.vertx.core.http.impl.CookieJar;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.NetSocket;

/**
 * One Lambda HTTP event as the Vert.x request the router serves, with its whole body already in hand: what
 * quarkus-amazon-lambda-http's request on an in-memory Netty channel was, without the channel, its pipeline and
 * Vert.x's HTTP/1 connection. It behaves as Vert.x's own request does where our stack looks (paused until a reader
 * resumes it, then the body, then the end), and it carries the Lambda context and the event in its
 * {@link QuarkusHttpHeaders}, where Quarkus' producers and {@link InvocationScope} read them.
 */
final class EventRequest extends HttpServerRequestInternal {

    private final ContextInternal context;
    private final CallerTurns turns;
    private final HttpMethod method;
    private final String path;
    private final String query;
    private final String uri;
    private final QuarkusHttpHeaders headers;
    private final Buffer body;
    private final EventConnection connection;
    private final EventResponse response;

    private Charset paramsCharset = StandardCharsets.UTF_8;
    private MultiMap params;
    private boolean paramsSemicolonIsNormalChar;
    private CookieJar cookies;
    private boolean expectMultipart;

    // the body's delivery, as Vert.x's inbound buffer does it; guarded by this
    private Handler<Buffer> dataHandler;
    private Handler<Void> endHandler;
    private boolean paused;
    private boolean drainScheduled;
    private boolean bodyHandedOver;
    private boolean draining;
    private boolean ended;

    EventRequest(ContextInternal context, CallerTurns turns, HttpMethod method, String path, String query,
            QuarkusHttpHeaders headers, Buffer body, EventConnection connection) {
        this.context = context;
        this.turns = turns;
        this.method = method;
        this.path = path;
        this.query = query;
        this.uri = query == null ? path : path + '?' + query;
        this.headers = headers;
        this.body = body;
        this.connection = connection;
        this.response = new EventResponse(context, this, connection);
        connection.serve(response);
    }

    @Override
    public Context context() {
        return context;
    }

    @Override
    public Object metric() {
        return null;
    }

    @Override
    public synchronized EventRequest exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public synchronized EventRequest handler(Handler<Buffer> handler) {
        dataHandler = handler;
        scheduleDrain();
        return this;
    }

    @Override
    public synchronized EventRequest pause() {
        paused = true;
        return this;
    }

    @Override
    public EventRequest resume() {
        synchronized (this) {
            paused = false;
        }
        drain();
        return this;
    }

    @Override
    public EventRequest fetch(long amount) {
        if (amount <= 0) {
            return this;
        }
        synchronized (this) {
            paused = false;
        }
        drain();
        return this;
    }

    @Override
    public synchronized EventRequest endHandler(Handler<Void> handler) {
        endHandler = handler;
        scheduleDrain();
        return this;
    }

    /**
     * A reader that only set its handlers gets the body on the request's context after the call, as from Vert.x; one
     * that asks for it ({@link #resume()}, {@link #fetch(long)}) gets it at once, the body being whole: RESTEasy
     * Reactive's blocking reader asks and then waits on this very thread (see {@link CallerTurns}). So a reader that
     * blocks for the body on the serving thread must ask for it first, as that reader does; one that only set its
     * handlers would wait for a hand-over queued behind itself.
     */
    private void scheduleDrain() {
        if (ended || paused || drainScheduled || dataHandler == null && endHandler == null) {
            return;
        }
        drainScheduled = true;
        turns.execute(() -> {
            synchronized (this) {
                drainScheduled = false;
            }
            drain();
        });
    }

    /**
     * The body to the data handler, then the end to the end handler; the end waits while a reader paused the request
     * after the body or has not set an end handler yet, as Vert.x's inbound buffer holds it. One thread delivers at a
     * time and the end only after the body's handler has returned: a drain asked for meanwhile (a handler resuming
     * the request, another thread) leaves it to the thread delivering, which looks again after each hand-over.
     */
    private void drain() {
        synchronized (this) {
            if (draining) {
                return;
            }
            draining = true;
        }
        while (true) {
            Handler<Buffer> data = null;
            Handler<Void> end = null;
            synchronized (this) {
                boolean due = !paused && !ended && (dataHandler != null || endHandler != null)
                        && (!bodyHandedOver || endHandler != null);
                if (!due) {
                    draining = false;
                    return;
                }
                if (!bodyHandedOver) {
                    // with no data handler set, the body is dropped, as Vert.x drops data nobody reads
                    bodyHandedOver = true;
                    data = dataHandler;
                } else {
                    ended = true;
                    end = endHandler;
                }
            }
            if (data != null && body.length() > 0) {
                data.handle(body);
            } else if (end != null) {
                end.handle(null);
            }
        }
    }

    @Override
    public HttpVersion version() {
        return HttpVersion.HTTP_1_1;
    }

    @Override
    public HttpMethod method() {
        return method;
    }

    /** "http", as the in-memory connection of quarkus-amazon-lambda-http had it: the TLS ended at AWS's edge. */
    @Override
    public String scheme() {
        return "http";
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String query() {
        return query;
    }

    @Override
    public HostAndPort authority() {
        return HostAndPort.parseAuthority(host(), -1);
    }

    @Override
    public HostAndPort authority(boolean real) {
        return authority();
    }

    @Override
    public String host() {
        return headers.get(HttpHeaders.HOST);
    }

    @Override
    public long bytesRead() {
        return body.length();
    }

    @Override
    public HttpServerResponse response() {
        return response;
    }

    @Override
    public MultiMap headers() {
        return headers;
    }

    @Override
    public synchronized EventRequest setParamsCharset(String charset) {
        Charset chosen = Charset.forName(charset);
        if (!chosen.equals(paramsCharset)) {
            paramsCharset = chosen;
            params = null;
        }
        return this;
    }

    @Override
    public synchronized String getParamsCharset() {
        return paramsCharset.name();
    }

    /** The query's parameters, decoded as Vert.x decodes them. */
    @Override
    public synchronized MultiMap params(boolean semicolonIsNormalChar) {
        if (params == null || paramsSemicolonIsNormalChar != semicolonIsNormalChar) {
            QueryStringDecoder decoder = new QueryStringDecoder(uri, paramsCharset, true, 1024,
                    semicolonIsNormalChar);
            MultiMap decoded = MultiMap.caseInsensitiveMultiMap();
            for (Map.Entry<String, List<String>> parameter : decoder.parameters().entrySet()) {
                decoded.add(parameter.getKey(), parameter.getValue());
            }
            params = decoded;
            paramsSemicolonIsNormalChar = semicolonIsNormalChar;
        }
        return params;
    }

    @Override
    public X509Certificate[] peerCertificateChain() throws SSLPeerUnverifiedException {
        throw new SSLPeerUnverifiedException("no TLS between the Lambda runtime and the function");
    }

    @Override
    public String absoluteURI() {
        return scheme() + "://" + host() + uri;
    }

    @Override
    public Future<Buffer> body() {
        Buffer whole = Buffer.buffer();
        handler(whole::appendBuffer);
        return end().map(ignored -> whole);
    }

    @Override
    public Future<Void> end() {
        Promise<Void> done = context.promise();
        synchronized (this) {
            if (ended) {
                return context.succeededFuture();
            }
            endHandler(ignored -> done.tryComplete());
        }
        resume();
        return done.future();
    }

    @Override
    public Future<NetSocket> toNetSocket() {
        return context.failedFuture("a Lambda event is not a connection");
    }

    @Override
    public synchronized EventRequest setExpectMultipart(boolean expect) {
        expectMultipart = expect;
        return this;
    }

    @Override
    public synchronized boolean isExpectMultipart() {
        return expectMultipart;
    }

    @Override
    public EventRequest uploadHandler(Handler<HttpServerFileUpload> handler) {
        return this;
    }

    /** No route reads a form: the attributes are always empty, as they are where nothing asked to decode them. */
    @Override
    public MultiMap formAttributes() {
        return MultiMap.caseInsensitiveMultiMap();
    }

    @Override
    public String getFormAttribute(String name) {
        return null;
    }

    @Override
    public Future<ServerWebSocket> toWebSocket() {
        return context.failedFuture("a Lambda event is not a connection");
    }

    @Override
    public synchronized boolean isEnded() {
        return ended;
    }

    @Override
    public EventRequest customFrameHandler(Handler<HttpFrame> handler) {
        return this;
    }

    @Override
    public HttpConnection connection() {
        return connection;
    }

    @Override
    public EventRequest streamPriorityHandler(Handler<StreamPriority> handler) {
        return this;
    }

    @Override
    public DecoderResult decoderResult() {
        return DecoderResult.SUCCESS;
    }

    @Override
    public Cookie getCookie(String name) {
        return cookieJar().get(name);
    }

    @Override
    public Cookie getCookie(String name, String domain, String path) {
        return cookieJar().get(name, domain, path);
    }

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public Set<Cookie> cookies(String name) {
        return (Set) cookieJar().getAll(name);
    }

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public Set<Cookie> cookies() {
        return (Set) cookieJar();
    }

    /** The request's cookies and those the response sets, in one jar as Vert.x keeps them. */
    synchronized CookieJar cookieJar() {
        if (cookies == null) {
            String header = headers.get(HttpHeaders.COOKIE);
            cookies = header == null ? new CookieJar() : new CookieJar(header);
        }
        return cookies;
    }

    synchronized boolean hasCookies() {
        return cookies != null;
    }
}

package cc.marix.reseller.lambda;

import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelHandlerContext;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.GoAway;
import io.vertx.core.http.Http2Settings;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.spi.metrics.NetworkMetrics;

/**
 * The "connection" of one {@link EventRequest}. RESTEasy Reactive asks a request's connection for its Netty channel to
 * learn whether it runs on the request's I/O thread, so this is a Vert.x connection on a channel that lives on the
 * request's event loop ({@link RouterDispatch} keeps one per loop); nothing is ever written to that channel. Closing
 * it ends the invocation without an answer.
 */
final class EventConnection extends ConnectionBase implements HttpConnection {

    private final SocketAddress remote;
    private EventResponse response;

    EventConnection(ContextInternal context, ChannelHandlerContext channel, SocketAddress remote) {
        super(context, channel);
        this.remote = remote;
    }

    void serve(EventResponse response) {
        this.response = response;
    }

    @Override
    public NetworkMetrics metrics() {
        return null;
    }

    @Override
    protected void handleInterestedOpsChanged() {
        // nothing is written to the channel, so its writability never changes
    }

    @Override
    public Future<Void> close() {
        response.close();
        return context.succeededFuture();
    }

    @Override
    public synchronized EventConnection closeHandler(Handler<Void> handler) {
        return this;
    }

    @Override
    public synchronized EventConnection exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    /** The caller's address from the event (API Gateway's source IP), as the Lambda HTTP extension reported it. */
    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public SocketAddress remoteAddress(boolean real) {
        return remote;
    }

    @Override
    public SocketAddress localAddress() {
        return null;
    }

    @Override
    public SocketAddress localAddress(boolean real) {
        return null;
    }

    @Override
    public EventConnection goAway(long errorCode, int lastStreamId, Buffer debugData) {
        return this;
    }

    @Override
    public EventConnection goAwayHandler(Handler<GoAway> handler) {
        return this;
    }

    @Override
    public EventConnection shutdownHandler(Handler<Void> handler) {
        return this;
    }

    @Override
    public Future<Void> shutdown(long timeout, TimeUnit unit) {
        return close();
    }

    @Override
    public Http2Settings settings() {
        return null;
    }

    @Override
    public Future<Void> updateSettings(Http2Settings settings) {
        return context.failedFuture("not an HTTP/2 connection");
    }

    @Override
    public EventConnection updateSettings(Http2Settings settings, Handler<AsyncResult<Void>> handler) {
        updateSettings(settings).onComplete(handler);
        return this;
    }

    @Override
    public Http2Settings remoteSettings() {
        return null;
    }

    @Override
    public EventConnection remoteSettingsHandler(Handler<Http2Settings> handler) {
        return this;
    }

    @Override
    public EventConnection ping(Buffer data, Handler<AsyncResult<Buffer>> handler) {
        ping(data).onComplete(handler);
        return this;
    }

    @Override
    public Future<Buffer> ping(Buffer data) {
        return context.failedFuture("not an HTTP/2 connection");
    }

    @Override
    public EventConnection pingHandler(Handler<Buffer> handler) {
        return this;
    }
}

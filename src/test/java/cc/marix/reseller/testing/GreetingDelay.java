package cc.marix.reseller.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP relay in front of the test SMTP server that holds the server's first bytes (its 220 greeting) for 30 ms, as
 * any network between a function and its mail server does. Measured: against GreenMail on loopback, whose greeting
 * arrives within microseconds of the connect, the Vert.x mail client misses it on about 2.6 % of connections (18 of
 * 700) and waits until its timeout; with the greeting 30 ms later, 0 of 700. The delivery worker survives such a
 * hang (a timed-out e-mail is sent again after 5 minutes), but a test that expects the first attempt to succeed
 * would fail at random without this.
 */
final class GreetingDelay implements AutoCloseable {

    static final int DELAY_MILLIS = 30;

    private final ServerSocket listener;
    private final int target;

    private GreetingDelay(int port, int target) throws IOException {
        this.listener = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"));
        this.target = target;
        Thread acceptor = new Thread(this::accept, "smtp-greeting-delay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Relays 127.0.0.1:{@code port} to 127.0.0.1:{@code target}. */
    static GreetingDelay start(int port, int target) {
        try {
            return new GreetingDelay(port, target);
        } catch (IOException e) {
            throw new UncheckedIOException("the SMTP relay could not listen on 127.0.0.1:" + port, e);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server;
                try {
                    server = new Socket(InetAddress.getByName("127.0.0.1"), target);
                } catch (IOException down) {
                    client.close();                        // the server is down: so is the relay, to the client
                    continue;
                }
                relay(server, client, DELAY_MILLIS);
                relay(client, server, 0);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void relay(Socket from, Socket to, long firstDelayMillis) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read = in.read(buffer);
                if (read > 0 && firstDelayMillis > 0) {
                    Thread.sleep(firstDelayMillis);
                }
                while (read > 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                    read = in.read(buffer);
                }
            } catch (IOException | InterruptedException ended) {
                // either side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "smtp-relay");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}

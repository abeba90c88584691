package cc.marix.reseller.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import cc.marix.reseller.local.SecretsExtensionStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A real SMTP server (GreenMail) on 127.0.0.1 and a free port, that tests can stop and start again. */
public class GreenMailResource implements QuarkusTestResourceLifecycleManager {

    private static volatile int port;
    private static volatile GreenMail smtp;
    private static volatile int relayPort;
    private static volatile GreetingDelay relay;

    @Override
    public Map<String, String> start() {
        port = freePort();
        // the functions reach the server through the relay (see GreetingDelay); tests read it directly
        relayPort = freePort();
        startSmtp();
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", Integer.toString(relayPort));
    }

    @Override
    public void stop() {
        stopSmtp();
    }

    public static synchronized GreenMail smtp() {
        return smtp;
    }

    public static synchronized void startSmtp() {
        if (smtp == null) {
            smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            smtp.start();
            // the credentials of the SMTP secret: a mailer logging in with any other is refused
            smtp.setUser(SecretsExtensionStandIn.DEMO_SMTP_USERNAME, SecretsExtensionStandIn.DEMO_SMTP_USERNAME,
                    SecretsExtensionStandIn.DEMO_SMTP_PASSWORD);
            awaitGreeting();
            relay = GreetingDelay.start(relayPort, port);
        }
    }

    /** Takes the mail server down, as an outage would; what it had received is gone with it. */
    public static synchronized void stopSmtp() {
        if (smtp != null) {
            // the relay goes too, so a client is refused as by a server that is down
            relay.close();
            smtp.stop();
            smtp = null;
        }
    }

    /** A restarted server may accept before it greets; the next test's first e-mail must not meet that gap. */
    private static void awaitGreeting() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port)) {
                socket.setSoTimeout(1_000);
                BufferedReader reader = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                String greeting = reader.readLine();
                if (greeting != null && greeting.startsWith("220")) {
                    socket.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
            } catch (IOException notYet) {
                // not listening or not greeting yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("GreenMail did not greet on port " + port);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

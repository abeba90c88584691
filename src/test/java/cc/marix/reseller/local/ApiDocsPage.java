package cc.marix.reseller.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * run-local's {@code /api/docs}: a static page (src/test/resources/api-docs/index.html) that renders the API's own
 * {@code /api/openapi.json} with Swagger UI, whose files come from the {@code org.webjars:swagger-ui} jar on
 * run-local's class path: nothing from a CDN, and nothing of it in the Lambda artifact (a test-scope dependency).
 * Serves the page and the three files it loads; any other path under {@code /api/docs} is 404, any method but GET
 * and HEAD 405.
 */
final class ApiDocsPage implements HttpHandler {

    static final String PATH = "/api/docs";
    private static final String PAGE = "api-docs/index.html";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png");

    private final String webjarRoot = "META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            Exchanges.sendJson(exchange, 405, "{\"error\":\"method_not_allowed\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (path.equals(PATH) || path.equals(PATH + "/")) {
            send(exchange, PAGE, "text/html; charset=utf-8");
            return;
        }
        String file = path.startsWith(PATH + "/") ? path.substring(PATH.length() + 1) : "";
        if (ASSETS.containsKey(file)) {
            send(exchange, webjarRoot + file, ASSETS.get(file));
            return;
        }
        Exchanges.sendJson(exchange, 404, "{\"error\":\"not_found\"}");
    }

    private static void send(HttpExchange exchange, String resource, String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        Exchanges.send(exchange, 200, read(resource));
    }

    private static byte[] read(String resource) {
        try (InputStream in = ApiDocsPage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource
                        + " is not on the class path (org.webjars:swagger-ui, test scope)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The webjar's own version, so that the page follows the pom's without a second place to change. */
    private static String webjarVersion() {
        Properties pom = new Properties();
        try (InputStream in = ApiDocsPage.class.getClassLoader().getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IllegalStateException(WEBJAR_POM + " is not on the class path: add org.webjars:swagger-ui");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }
}

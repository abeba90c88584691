package cc.marix.reseller.lambda;

import java.util.List;

/**
 * One HTTP route of a function: a method and a path template whose {name} segments match one segment each. The
 * template is split once, here: every request is matched against every route (the route guard), so splitting it per
 * request was most of the guard's cost.
 */
public record Route(String method, String path, List<String> template, int literalSegments) {

    public Route(String method, String path) {
        this(method, path, segments(path), literals(segments(path)));
    }

    /** How specific a template is: its literal segments (a literal beats a {variable}, as in an HTTP API). */
    private static int literals(List<String> template) {
        return (int) template.stream().filter(segment -> !segment.startsWith("{")).count();
    }

    public boolean matches(String requestMethod, String requestPath) {
        return matches(requestMethod, segments(requestPath));
    }

    /** {@link #matches(String, String)} with the request's path already split by {@link #segments}. */
    boolean matches(String requestMethod, List<String> actual) {
        return method.equalsIgnoreCase(requestMethod) && matchesPath(actual);
    }

    /** Whether the path fits the template, whatever the method. */
    public boolean matchesPath(String requestPath) {
        return matchesPath(segments(requestPath));
    }

    boolean matchesPath(List<String> actual) {
        if (template.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < template.size(); i++) {
            String expected = template.get(i);
            boolean variable = expected.startsWith("{") && expected.endsWith("}");
            if (!variable && !expected.equals(actual.get(i))) {
                return false;
            }
            if (variable && actual.get(i).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    // A trailing slash is not significant: the seed writes "/api/orders/" and clients send both forms.
    static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return List.of(trimmed.split("/", -1));
    }
}

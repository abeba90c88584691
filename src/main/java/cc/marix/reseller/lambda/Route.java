package cc.marix.reseller.lambda;

import java.util.List;

/** One HTTP route of a function: a method and a path template whose {name} segments match one segment each. */
public record Route(String method, String path) {

    public boolean matches(String requestMethod, String requestPath) {
        return method.equalsIgnoreCase(requestMethod) && matchesPath(requestPath);
    }

    /** Whether the path fits the template, whatever the method. */
    public boolean matchesPath(String requestPath) {
        List<String> template = segments(path);
        List<String> actual = segments(requestPath);
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

    /** How specific the route is: its literal segments (a literal beats a {variable}, as in an HTTP API). */
    public int literalSegments() {
        return (int) segments(path).stream().filter(segment -> !segment.startsWith("{")).count();
    }

    // A trailing slash is not significant: the seed writes "/api/orders/" and clients send both forms.
    private static List<String> segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return List.of(trimmed.split("/", -1));
    }
}

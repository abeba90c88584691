package cc.marix.reseller.api;

import java.util.List;
import java.util.Locale;

import cc.marix.reseller.support.Ids;

/** A UUID in a route's path: 422 (FastAPI's {@code uuid_parsing} at {@code ["path", name]}) when it is not one. */
public final class PathIds {

    private PathIds() {
    }

    /** The id in lower case, as ids are stored. */
    public static String uuid(String value, String name) {
        if (!Ids.isUuid(value)) {
            throw ApiException.invalid(List.of(Violation.of("Input should be a valid UUID", "uuid_parsing", "path",
                    name)));
        }
        return value.toLowerCase(Locale.ROOT);
    }
}

package cc.marix.reseller.lambda;

import java.util.List;

/** A deployed function: its name (template.yaml's APP_FUNCTION), how it is triggered and the routes it answers. */
public record FunctionSpec(String name, FunctionKind kind, List<Route> routes) {
}

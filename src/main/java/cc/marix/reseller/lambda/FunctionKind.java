package cc.marix.reseller.lambda;

/** How AWS invokes a function: with HTTP events (API or Function URL) or with other JSON events. */
public enum FunctionKind {
    HTTP,
    EVENT
}

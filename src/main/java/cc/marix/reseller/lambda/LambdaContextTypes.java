package cc.marix.reseller.lambda;

import com.amazonaws.services.lambda.runtime.CognitoIdentity;

import io.quarkus.amazon.lambda.runtime.ClientContextImpl;
import io.quarkus.amazon.lambda.runtime.ClientImpl;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The Lambda runtime's own invocation headers (client context, Cognito identity) are read with a copy of the
 * application's ObjectMapper into these types, which quarkus-amazon-lambda 3.34 does not register for reflection:
 * without this, an invocation that carries a client context (e.g. {@code aws lambda invoke --client-context}) fails in
 * a native image before it reaches our code. Found by nativeimage.NativeConfigAudit.
 */
@RegisterForReflection(targets = { ClientContextImpl.class, ClientImpl.class, CognitoIdentity.class })
final class LambdaContextTypes {

    private LambdaContextTypes() {
    }
}

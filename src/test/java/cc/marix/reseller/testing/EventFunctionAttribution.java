package cc.marix.reseller.testing;

import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import cc.marix.reseller.lambda.EventFunction;

/** Attributes the DynamoDB calls an event function makes to it (see {@link CalledFor}). */
@Decorator
@Priority(1)
public abstract class EventFunctionAttribution implements EventFunction {

    @Inject
    @Delegate
    @Any
    EventFunction delegate;

    @Override
    public Object handle(JsonNode event) {
        CalledFor.set(delegate.name());
        try {
            return delegate.handle(event);
        } finally {
            CalledFor.clear();
        }
    }

    @Override
    public Object handle(JsonNode event, Optional<Duration> remaining) {
        CalledFor.set(delegate.name());
        try {
            return delegate.handle(event, remaining);
        } finally {
            CalledFor.clear();
        }
    }
}

package org.kam.chassis.outbox;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * The W3C {@code traceparent} of the span in scope: the HTTP request or the consumed record whose
 * handling appends an event. The outbox keeps it with the event because the relay sends the event
 * later, on its own thread, where that span is long gone.
 */
public final class TraceParent {

    public static final String HEADER = "traceparent";

    private TraceParent() {
    }

    /** Reads the current span each time it is asked; null without tracing or outside any span. */
    public static Supplier<String> current(ObjectProvider<Tracer> tracers, ObjectProvider<Propagator> propagators) {
        Supplier<Tracer> tracerOnce = resolvedOnce(tracers);
        Supplier<Propagator> propagatorOnce = resolvedOnce(propagators);
        return () -> {
            Tracer tracer = tracerOnce.get();
            Propagator propagator = propagatorOnce.get();
            if (tracer == null || propagator == null) {
                return null;
            }
            Span span = tracer.currentSpan();
            if (span == null) {
                return null;
            }
            Map<String, String> carrier = new HashMap<>(4);
            propagator.inject(span.context(), carrier, Map::put);
            return carrier.get(HEADER);
        };
    }

    /**
     * The provider's bean, looked up at the first call and then remembered (null too): resolving it
     * on every record or event went through the bean factory's dependency resolution each time, 4 %
     * of a consumer thread's time on the demo (JFR).
     */
    public static <T> Supplier<T> resolvedOnce(ObjectProvider<T> provider) {
        return new Supplier<>() {
            private volatile boolean resolved;
            private T bean;

            @Override
            public T get() {
                if (!resolved) {
                    bean = provider.getIfAvailable();
                    resolved = true;
                }
                return bean;
            }
        };
    }
}

package org.helpline.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The registry wiring: one Prometheus registry per node with JVM and process meters, and the Vert.x options that feed
 * it HTTP and WebSocket meters. Labels are a fixed small set (never the remote address or the path); the HTTP method
 * label is bounded too (unknown methods become {@code other}), so invented method names cannot grow the registry.
 */
public final class MeterRegistries {
    /** The HTTP methods counted by name; any other method name a client invents is counted as {@code other}. */
    private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS",
            "PATCH", "TRACE", "CONNECT");
    private static final String OTHER_METHOD = "other";
    /**
     * Vert.x's metrics keep one registry per name in the JVM, and a second Vert.x given a name in use writes its
     * meters to the first one's registry, not to its own: each node's Vert.x gets a name of its own (tests run
     * several nodes in one JVM).
     */
    private static final String VERTX_REGISTRY_PREFIX = "helpline-node-";
    private static final AtomicInteger VERTX_REGISTRIES = new AtomicInteger();

    private MeterRegistries() {
    }

    public static PrometheusMeterRegistry prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MeterFilter.replaceTagValues(Label.HTTP_METHOD.toString(),
                method -> KNOWN_METHODS.contains(method) ? method : OTHER_METHOD));
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /**
     * The options of one node's Vert.x, whose meters go to the registry given to its {@code MicrometerMetricsFactory}:
     * each call names a registry of its own ({@link #VERTX_REGISTRY_PREFIX}).
     */
    public static VertxOptions vertxOptions() {
        MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
                .setEnabled(true)
                .setRegistryName(VERTX_REGISTRY_PREFIX + VERTX_REGISTRIES.incrementAndGet())
                .setJvmMetricsEnabled(false)
                .setLabels(EnumSet.of(Label.HTTP_METHOD, Label.HTTP_CODE, Label.HTTP_ROUTE, Label.POOL_TYPE,
                        Label.POOL_NAME))
                .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true));
        return new VertxOptions().setMetricsOptions(metrics);
    }
}

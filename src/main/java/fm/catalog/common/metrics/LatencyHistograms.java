package fm.catalog.common.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Latency histograms of the HTTP server's requests (http_server_requests_seconds_bucket, per uri
 * template, method and status), so that percentiles can be computed across instances and over any
 * window. Quarkus publishes the timer without buckets; Micrometer's own percentile histogram would
 * add some 70 buckets to every series, so these are a fixed dozen from a cache hit (well under a
 * millisecond) to a query that ran into its deadline.
 */
@Singleton
public class LatencyHistograms {
    static final String HTTP_SERVER_REQUESTS = "http.server.requests";
    private static final double[] BUCKETS = Stream.of(
            Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10))
            .mapToDouble(Duration::toNanos).toArray();

    @Produces
    @Singleton
    MeterFilter httpServerBuckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(BUCKETS).build().merge(config);
            }
        };
    }
}

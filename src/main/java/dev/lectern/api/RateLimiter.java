package dev.lectern.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * One rate limit, kept per client: a token bucket each (Bucket4j, lock-free), holding twice the rate per
 * {@code period} and refilled continuously at the rate. Buckets of clients gone quiet are dropped once they would be
 * full again, so memory stays bounded by the clients of the last few minutes (and by {@link #MAX_CLIENTS}).
 */
final class RateLimiter {

    /** Clients tracked at once; beyond this the least recently seen lose their bucket (and start afresh). */
    static final int MAX_CLIENTS = 100_000;

    private final Cache<String, Bucket> buckets;
    private final long capacity;
    private final Duration perToken;
    private final TimeMeter clock;

    /**
     * @param rate requests per {@code period}, above 0
     * @param setting the configuration key, for messages
     */
    RateLimiter(double rate, Duration period, String setting) {
        this(rate, period, setting, TimeMeter.SYSTEM_NANOTIME);
    }

    RateLimiter(double rate, Duration period, String setting, TimeMeter clock) {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException(setting + " must be a number above 0 (or 0 for no limit), was " + rate);
        }
        // Bursts of twice the rate; a bucket holds at least one request, or nothing would ever pass.
        this.capacity = Math.max(1, (long) Math.ceil(2 * rate));
        this.perToken = Duration.ofNanos(Math.max(1, Math.round(period.toNanos() / rate)));
        this.clock = clock;
        // An idle bucket is full again after capacity * perToken; dropping it then changes nothing.
        Duration refillTime = perToken.multipliedBy(capacity);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(MAX_CLIENTS)
                .expireAfterAccess(refillTime.compareTo(Duration.ofMinutes(1)) > 0 ? refillTime : Duration.ofMinutes(1))
                // Evict on the caller's thread, as the other caches do: no common-pool thread competes for the cores.
                .executor(Runnable::run)
                .build();
    }

    /** Requests a client may make at once after a quiet spell. */
    long burst() {
        return capacity;
    }

    /**
     * Takes one request from the client's bucket.
     *
     * @return empty when the request may go ahead, else the seconds to wait (at least 1) before the next one will
     */
    OptionalLong tryAcquire(String client) {
        Bucket bucket = buckets.get(
                client,
                key -> Bucket.builder()
                        .addLimit(limit -> limit.capacity(capacity).refillGreedy(1, perToken))
                        .withCustomTimePrecision(clock)
                        .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return OptionalLong.empty();
        }
        long nanos = probe.getNanosToWaitForRefill();
        return OptionalLong.of(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }
}

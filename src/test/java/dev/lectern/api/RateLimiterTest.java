package dev.lectern.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Token buckets on a clock the test moves. */
class RateLimiterTest {

    /** A clock that only moves when told to. */
    private static final class ManualClock implements TimeMeter {
        long nanos;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        void advance(Duration by) {
            nanos += by.toNanos();
        }
    }

    private final ManualClock clock = new ManualClock();

    @Test
    void burstsToTwiceTheRateThenRefillsAtTheRate() {
        RateLimiter limiter = new RateLimiter(5, Duration.ofSeconds(1), "setting", clock);
        assertEquals(10, limiter.burst());
        for (int i = 0; i < 10; i++) {
            assertTrue(limiter.tryAcquire("a").isEmpty(), "request " + i + " of the burst");
        }
        OptionalLong wait = limiter.tryAcquire("a");
        assertEquals(1, wait.orElseThrow(), "one token comes back in 200 ms, rounded up to 1 s");
        clock.advance(Duration.ofMillis(200));
        assertTrue(limiter.tryAcquire("a").isEmpty());
        assertTrue(limiter.tryAcquire("a").isPresent());
    }

    @Test
    void clientsHaveBucketsOfTheirOwn() {
        RateLimiter limiter = new RateLimiter(1, Duration.ofMinutes(1), "setting", clock);
        assertTrue(limiter.tryAcquire("a").isEmpty());
        assertTrue(limiter.tryAcquire("a").isEmpty());
        assertEquals(60, limiter.tryAcquire("a").orElseThrow(), "the next write in a minute");
        assertTrue(limiter.tryAcquire("b").isEmpty());
    }

    @Test
    void slowRatesStillLetOneRequestThrough() {
        RateLimiter limiter = new RateLimiter(0.1, Duration.ofSeconds(1), "setting", clock);
        assertEquals(1, limiter.burst());
        assertTrue(limiter.tryAcquire("a").isEmpty());
        assertEquals(10, limiter.tryAcquire("a").orElseThrow());
        clock.advance(Duration.ofSeconds(10));
        assertTrue(limiter.tryAcquire("a").isEmpty());
    }

    @Test
    void rejectsRatesThatMakeNoSense() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new RateLimiter(-1, Duration.ofSeconds(1), "lectern.rate-limit.searches-per-second", clock));
        assertEquals(
                "lectern.rate-limit.searches-per-second must be a number above 0 (or 0 for no limit), was -1.0",
                e.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> new RateLimiter(Double.NaN, Duration.ofSeconds(1), "s", clock));
    }
}

package dev.lectern.api;

import dev.lectern.config.PositiveSize;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;

/**
 * Limits on the request line and headers, checked by Lectern so that a request over them gets a problem+json 414
 * or 431 naming the limit. The HTTP server's own limits ({@code quarkus.http.limits.max-initial-line-length} and
 * {@code max-header-size}, 256K each in application.properties) stay above these as a backstop: a request beyond
 * them is refused by the HTTP codec with a bare status, before any handler of Lectern's can see it.
 */
@ConfigMapping(prefix = "lectern.http")
public interface HttpLimitsConfig {

    /**
     * Longest request URI (path and query), in characters. Default 16384: every valid search fits (a 1000-character
     * question of non-Latin script is about 9000 characters once URL-encoded), so a long question gets a 400
     * naming {@code q}'s own limit rather than a 414.
     */
    @WithDefault("16384")
    @Positive
    int maxUriLength();

    /** Largest total size of the request headers (names and values). Default 20K, as Quarkus's own default. */
    @WithDefault("20K")
    @PositiveSize
    MemorySize maxHeaderSize();
}

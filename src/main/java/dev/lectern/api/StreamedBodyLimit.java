package dev.lectern.api;

import dev.lectern.config.LecternConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Holds bodies sent without a length (chunked) to {@code lectern.max-transcript-bytes} as they are read, the limit
 * {@link BodyLimitFilter} applies to declared lengths, with the same problem+json 413. Without it such a body
 * would run into the HTTP layer's backstop ({@code quarkus.http.limits.max-body-size}), which answers 413 with an
 * empty body.
 */
class StreamedBodyLimit {

    private final long limit;

    StreamedBodyLimit(LecternConfig config) {
        this.limit = config.maxTranscriptBytes().asLongValue();
    }

    @ServerRequestFilter
    void limitStreamedBody(ContainerRequestContext request) {
        if (request.getLength() < 0 && request.hasEntity()) {
            request.setEntityStream(new LimitedStream(request.getEntityStream(), limit));
        }
    }

    /** Counts the bytes read and fails with a 413 problem once they pass the limit. */
    private static final class LimitedStream extends FilterInputStream {

        private final long limit;
        private long read;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(
                        "the request body is over " + limit + " bytes, the limit (lectern.max-transcript-bytes)");
            }
        }
    }

    /**
     * An {@link IOException}, so that it leaves JSON parsers as it is, unwrapped; mapped to a 413 by
     * {@link ProblemMappers}.
     */
    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(String message) {
            super(message);
        }
    }
}

package dev.lectern.api;

import dev.lectern.config.LecternConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Applies {@link WriteAccessPolicy} to PUT, POST and DELETE under {@code /api/lectures}. */
class WriteAccessFilter {

    private static final Set<String> WRITES = Set.of("PUT", "POST", "DELETE", "PATCH");

    private final WriteAccessPolicy policy;

    WriteAccessFilter(LecternConfig config) {
        this.policy = new WriteAccessPolicy(config.apiKey());
    }

    @ServerRequestFilter
    Optional<Response> checkWriteAccess(ContainerRequestContext context, HttpServerRequest request) {
        String path = context.getUriInfo().getPath();
        if (!WRITES.contains(context.getMethod()) || !path.startsWith("/api/lectures")) {
            return Optional.empty();
        }
        SocketAddress remote = request.remoteAddress();
        return policy.check(
                        context.getHeaderString(HttpHeaders.AUTHORIZATION),
                        remote == null ? null : remote.hostAddress())
                .map(Problem::toResponse);
    }
}

package dev.lectern.openai;

import dev.lectern.view.ProblemDetails;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Adds OpenAI's error member to the problems answered under {@code /v1}, beside the problem+json members: OpenAI's
 * SDKs read {@code error.message} and {@code error.param} for the exception they raise, and without them report
 * only "400 status code (no body)". The body stays {@code application/problem+json}:
 *
 * <pre>{"type": "about:blank", "title": "Invalid request", "status": 400, "detail": "...", "field": "query",
 *  "error": {"message": "...", "type": "invalid_request_error", "param": "query", "code": null}}</pre>
 */
class OpenAiErrors {

    @ServerResponseFilter
    void addOpenAiErrorMember(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof ProblemDetails problem)
                || !request.getUriInfo().getPath().startsWith("/v1/")) {
            return;
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", problem.detail());
        error.put("type", problem.status() >= 500 ? "server_error" : "invalid_request_error");
        error.put("param", problem.field());
        error.put("code", null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.type());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        if (problem.field() != null) {
            body.put("field", problem.field());
        }
        body.put("error", error);
        response.setEntity(body);
    }
}

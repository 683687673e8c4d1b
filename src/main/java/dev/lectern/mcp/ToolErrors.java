package dev.lectern.mcp;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.lectern.LecternFailure;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Tools of a class so marked report Lectern's failures ({@link LecternFailure}: bad arguments, an unknown lecture, a
 * store or model outage) as tool errors, results with {@code isError: true} and the failure's message, which a model
 * reads and acts on; never as protocol errors. The MCP server's own business-error support does the rest: this
 * throws its {@link io.quarkiverse.mcp.server.ToolCallException}, which it answers with {@code ToolResponse.error}
 * (unlike {@code @WrapBusinessError}, whose messages would start with the exception's class name). See
 * {@link ToolErrorsInterceptor}.
 */
@InterceptorBinding
@Target({TYPE, METHOD})
@Retention(RUNTIME)
@interface ToolErrors {}

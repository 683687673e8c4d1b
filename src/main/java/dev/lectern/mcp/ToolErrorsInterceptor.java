package dev.lectern.mcp;

import dev.lectern.InvalidRequestException;
import dev.lectern.LecternFailure;
import dev.lectern.embedding.ModelBusyException;
import dev.lectern.lecture.LectureNotFoundException;
import dev.lectern.store.StoreUnavailableException;
import io.quarkiverse.mcp.server.ToolCallException;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Turns Lectern's failures into tool errors, in one place for every tool; the message says what the model can do
 * next (which tool gives the ids, when to call again).
 */
@ToolErrors
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
class ToolErrorsInterceptor {

    @AroundInvoke
    Object reportFailuresAsToolErrors(InvocationContext call) throws Exception {
        try {
            return call.proceed();
        } catch (RuntimeException e) {
            if (e instanceof LecternFailure failure) {
                throw new ToolCallException(forModel(failure), e);
            }
            throw e;
        }
    }

    static String forModel(LecternFailure failure) {
        String message = failure.getMessage();
        if (failure instanceof LectureNotFoundException
                || (failure instanceof InvalidRequestException invalid && "lectureId".equals(invalid.field()))) {
            return message + "; call list_lectures for the ids";
        }
        if (failure instanceof ModelBusyException) {
            return message + "; call the tool again in a second";
        }
        if (failure instanceof StoreUnavailableException) {
            return message + "; call the tool again in " + StoreUnavailableException.RETRY_AFTER_SECONDS + " seconds";
        }
        return message;
    }
}

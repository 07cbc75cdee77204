package jp.hip.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * A path id that is not a UUID ({@code @PathVariable UUID id}) names nothing: 404, as an id of another tenant
 * does, never 400 or 500. A malformed request parameter stays a 400.
 */
@ControllerAdvice(basePackages = "jp.hip.web")
class PathIdAdvice {

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    void mismatch(MethodArgumentTypeMismatchException e, HttpServletResponse response) throws IOException {
        response.sendError(e.getParameter().hasParameterAnnotation(PathVariable.class)
                ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_BAD_REQUEST);
    }
}

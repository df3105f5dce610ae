package org.kam.chassis.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.common.KafkaException;
import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.resilience.Failure;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import tools.jackson.core.JacksonException;

/**
 * Every error a client can cause answers as an RFC 9457 ProblemDetail that names the field at
 * fault: {@code detail} reads "field: problem" and {@code errors} lists each field with its
 * problem, so both people and programs can tell what to fix.
 */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    static final URI INVALID_FIELD = URI.create("https://kam.example.org/problems/invalid-field");
    static final URI NOT_FOUND = URI.create("https://kam.example.org/problems/not-found");
    static final URI CONFLICT = URI.create("https://kam.example.org/problems/conflict");
    static final URI UNAVAILABLE = URI.create("https://kam.example.org/problems/unavailable");
    static final int RETRY_AFTER_SECONDS = 5;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ApiProblems.class);

    @ExceptionHandler(InvalidEventException.class)
    ProblemDetail invalidField(InvalidEventException e) {
        return invalid(List.of(new FieldProblem(e.field(), e.problem())));
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(NOT_FOUND);
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler(TooLargeException.class)
    ProblemDetail tooLarge(TooLargeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "$: " + e.getMessage());
        problem.setType(RequestBodyLimit.TOO_LARGE);
        problem.setTitle("Request body too large");
        return problem;
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setType(CONFLICT);
        problem.setTitle("Conflict");
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName();
        return invalid(List.of(new FieldProblem(e.getName(), "must be " + expected + ", was '" + e.getValue() + "'")));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
                .map(ApiProblems::toProblem)
                .toList();
        if (problems.isEmpty()) {
            problems = e.getBindingResult().getGlobalErrors().stream()
                    .map(error -> new FieldProblem(error.getObjectName(), error.getDefaultMessage()))
                    .toList();
        }
        return ResponseEntity.badRequest().body(invalid(problems));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(invalid(List.of(new FieldProblem(e.getParameterName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RequestBodyLimit.BodyTooLarge tooLarge) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                        "$: " + tooLarge.getMessage());
                problem.setType(RequestBodyLimit.TOO_LARGE);
                problem.setTitle("Request body too large");
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
            }
        }
        return ResponseEntity.badRequest().body(invalid(List.of(unreadable(e))));
    }

    /**
     * A dependency (PostgreSQL, Kafka) is down or overloaded: 503 with {@code Retry-After}, so a
     * client waits and tries again instead of taking it for a bug. Anything else stays a 500 that
     * tells nothing of the inside.
     */
    @ExceptionHandler({ DataAccessException.class, TransactionException.class, KafkaException.class })
    ResponseEntity<ProblemDetail> dependencyFailed(RuntimeException e) {
        if (Failure.of(e) != Failure.OUTAGE) {
            log.error("Request failed", e);
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                    "the request could not be completed; it has been logged");
            problem.setTitle("Internal error");
            return ResponseEntity.internalServerError().body(problem);
        }
        log.warn("Request refused while a dependency is unavailable: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "a dependency of this service (database or message broker) is unavailable; nothing was changed, "
                        + "try again later");
        problem.setType(UNAVAILABLE);
        problem.setTitle("Service unavailable");
        problem.setProperty("retryAfterSeconds", RETRY_AFTER_SECONDS);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            String parameter = parameterName(result.getMethodParameter());
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field = error instanceof FieldError fieldError ? fieldError.getField() : parameter;
                problems.add(new FieldProblem(field, error.getDefaultMessage()));
            }
        }
        return ResponseEntity.badRequest().body(invalid(problems));
    }

    /** Method validation through a {@code @Validated} proxy reports violations this way instead. */
    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        return invalid(e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(lastNode(v.getPropertyPath()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(FieldProblem::field))
                .toList());
    }

    private static String lastNode(Path path) {
        String name = null;
        for (Path.Node node : path) {
            name = node.getName();
        }
        return name == null ? "$" : name;
    }

    private static String parameterName(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !path.name().isEmpty()) {
            return path.name();
        }
        String name = parameter.getParameterName();
        return name == null ? "$" : name;
    }

    private static FieldProblem unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof InvalidEventException invalid) {
            return new FieldProblem(invalid.field(), invalid.problem());
        }
        if (cause instanceof JacksonException jackson) {
            String path = jackson.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return new FieldProblem(path.isEmpty() ? "$" : path, jackson.getOriginalMessage());
        }
        return new FieldProblem("$", "the request body is missing or is not valid JSON");
    }

    private static FieldProblem toProblem(FieldError error) {
        return new FieldProblem(error.getField(), error.getDefaultMessage());
    }

    static ProblemDetail invalid(List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")));
        problem.setType(INVALID_FIELD);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", problems.stream()
                .map(p -> Map.of("field", p.field(), "message", p.message()))
                .toList());
        return problem;
    }

    record FieldProblem(String field, String message) {
    }
}

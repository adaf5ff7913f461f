package io.miaopu.chassis.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.miaopu.chassis.rest.InvalidQueryParameter;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error a service answers leaves through here as {@code application/problem+json}: a stable
 * {@code type}, messages in English and Chinese, the offending fields, and no stack trace.
 */
public class ProblemMappers {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** Seconds a caller should wait before retrying when a dependency (Keycloak, a service) is down. */
    public static final String RETRY_AFTER_SECONDS = "5";

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri, HttpHeaders headers) {
        Response response = respond(e.problem(), uri, headers);
        // Every 503 is temporary (busy, a dependency down): tell the caller when to try again.
        return e.problem().status() == 503
                ? Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build() : response;
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri, HttpHeaders headers) {
        if (IdentityProviderFailures.isUnreachable(e)) {
            LOG.warnf("Identity provider unreachable while authenticating %s: %s", uri.getPath(), e.getMessage());
            return identityProviderUnavailable(uri, headers);
        }
        return unauthorized("The bearer token is missing, expired, or not signed by the Miaopu realm.",
                "令牌缺失、已过期或签名无效。", uri, headers);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri, HttpHeaders headers) {
        return unauthorized("This operation needs a bearer token from the Miaopu realm.",
                "此操作需要苗圃认证域签发的访问令牌。", uri, headers);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
        return respond(Problem.of(ProblemType.FORBIDDEN, "Your role or division does not allow this operation.",
                "您的角色或辖区不允许执行此操作。"), uri, headers);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri, HttpHeaders headers) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage(), ValidationMessagesZh.of(v)))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(Problem.of(ProblemType.VALIDATION, "The request breaks " + errors.size() + " rule(s); see errors.",
                "请求有 " + errors.size() + " 处不符合规则，见 errors。").withErrors(errors), uri, headers);
    }

    /** The request field a violation is about: the property path without the method and parameter. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = new java.util.ArrayList<>();
        violation.getPropertyPath().forEach(nodes::add);
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            boolean last = i == nodes.size() - 1;
            // Skip the Java method, and the body parameter's own name (keep a query/path parameter's).
            if (node.getKind() == ElementKind.METHOD || (node.getKind() == ElementKind.PARAMETER && !last)) {
                continue;
            }
            names.add(node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName());
        }
        return String.join(".", names);
    }

    // Quarkus REST maps these two itself (as plain JSON); naming them here makes ours the closer match.
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri, HttpHeaders headers) {
        return malformedJson(e, uri, headers);
    }

    @ServerExceptionMapper
    public Response unparseable(JsonParseException e, UriInfo uri, HttpHeaders headers) {
        return malformedJson(e, uri, headers);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
        Problem problem = Problem.of(ProblemType.BAD_REQUEST, "The request body is not valid JSON for this operation.",
                "请求体不是本操作可接受的 JSON。");
        String field = null;
        String reason = "has a value of the wrong type or format";
        String reasonZh = "取值类型或格式错误";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            // One wording for a request and for a row of a bulk import (JsonInput).
            Problem.FieldError error = io.miaopu.chassis.rest.JsonInput.fieldError(mapping);
            field = error.field();
            reason = error.message();
            reasonZh = error.messageZh();
        } else if (e instanceof MismatchedInputException && String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            field = "body";
            reason = "has more after the JSON document (one document per request)";
            reasonZh = "JSON 文档之后还有多余内容（每个请求只能有一个文档）";
        } else if (e instanceof JsonParseException parse && String.valueOf(parse.getOriginalMessage()).startsWith("Duplicate field")
                && parse.getProcessor() != null && parse.getProcessor().getParsingContext() != null) {
            // The message names the member ("Duplicate field 'name'"); the context is the object holding it.
            String message = parse.getOriginalMessage();
            int open = message.indexOf('\'');
            int close = message.lastIndexOf('\'');
            String member = open >= 0 && close > open ? message.substring(open + 1, close) : "";
            String parent = jsonPointerToField(parse.getProcessor().getParsingContext().pathAsPointer().toString());
            field = member.isEmpty() || parent.equals(member) || parent.endsWith("." + member) ? parent
                    : parent.isEmpty() ? member : parent + "." + member;
            reason = "appears twice in one object";
            reasonZh = "在同一对象中出现两次";
        }
        if (field != null && !field.isEmpty()) {
            problem = problem.withErrors(List.of(new Problem.FieldError(field, reason, reasonZh)));
        }
        return respond(problem, uri, headers);
    }

    /** /leader/name → leader.name, /items/0/group → items[0].group. */
    private static String jsonPointerToField(String pointer) {
        StringBuilder field = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                field.append('[').append(name).append(']');
            } else {
                field.append(field.length() == 0 ? "" : ".").append(name);
            }
        }
        return field.toString();
    }

    /** A typed query parameter that does not parse: 400 naming it (JAX-RS would answer 404). */
    @ServerExceptionMapper
    public Response invalidQueryParameter(InvalidQueryParameter e, UriInfo uri, HttpHeaders headers) {
        return respond(Problem.of(ProblemType.VALIDATION, "Parameter " + e.parameter() + " " + e.reason() + ".",
                        "参数 " + e.parameter() + " " + e.reasonZh() + "。")
                .withErrors(List.of(new Problem.FieldError(e.parameter(), e.reason(), e.reasonZh()))), uri, headers);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        if (status == 400 && e.getCause() instanceof JsonProcessingException json) {
            // Quarkus REST wraps what the parser itself refuses (a duplicate member, garbage): name it the same way
            return malformedJson(json, uri, headers);
        }
        ProblemType type = switch (status) {
            case 400 -> ProblemType.BAD_REQUEST;
            case 401 -> ProblemType.UNAUTHORIZED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 409 -> ProblemType.CONFLICT;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            default -> null;
        };
        if (type == null && status >= 400 && status < 600) {
            // Any other status a framework raises keeps its status, in the problem form.
            type = new ProblemType("http-" + status, status, e.getResponse().getStatusInfo().getReasonPhrase(), "请求未能处理");
        }
        if (type == null) {
            return unexpected(e, uri, headers);
        }
        return respond(Problem.of(type, type.title(), type.titleZh()), uri, headers);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers) {
        String requestId = headers.getHeaderString(REQUEST_ID_HEADER);
        LOG.errorf(e, "Unexpected failure on %s (request id %s)", uri.getPath(), requestId);
        return respond(Problem.of(ProblemType.INTERNAL, "An unexpected error occurred; it has been logged.",
                "发生意外错误，已记录日志。"), uri, headers);
    }

    private Response unauthorized(String detail, String detailZh, UriInfo uri, HttpHeaders headers) {
        return Response.fromResponse(respond(Problem.of(ProblemType.UNAUTHORIZED, detail, detailZh), uri, headers))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"miaopu\"").build();
    }

    private Response identityProviderUnavailable(UriInfo uri, HttpHeaders headers) {
        return Response.fromResponse(respond(Problem.of(ProblemType.IDENTITY_PROVIDER_UNAVAILABLE,
                        "The token cannot be verified because Keycloak is unreachable; retry shortly.",
                        "认证服务暂时无法访问，无法校验令牌，请稍后重试。"), uri, headers))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
    }

    private static Response respond(Problem problem, UriInfo uri, HttpHeaders headers) {
        Problem located = problem.at(uri.getPath(), headers.getHeaderString(REQUEST_ID_HEADER));
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(located).build();
    }
}

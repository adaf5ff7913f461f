package io.miaopu.chassis.problem;

import java.net.URI;

/**
 * A stable kind of problem (RFC 9457 {@code type}): clients branch on {@link #uri()}, never on the
 * message text. Titles are given in English and Chinese because the callers are a provincial
 * platform and township clerks' front ends.
 */
public record ProblemType(String slug, int status, String title, String titleZh) {

    private static final String URN_PREFIX = "urn:miaopu:problem:";

    public URI uri() {
        return URI.create(URN_PREFIX + slug);
    }

    public static final ProblemType UNAUTHORIZED = new ProblemType("unauthorized", 401,
            "Authentication required", "需要身份认证");
    public static final ProblemType FORBIDDEN = new ProblemType("forbidden", 403,
            "Not allowed for this role or division", "当前角色或辖区无权执行此操作");
    public static final ProblemType NOT_FOUND = new ProblemType("not-found", 404,
            "Resource not found", "资源不存在");
    public static final ProblemType METHOD_NOT_ALLOWED = new ProblemType("method-not-allowed", 405,
            "Method not allowed", "不支持该请求方法");
    public static final ProblemType NOT_ACCEPTABLE = new ProblemType("not-acceptable", 406,
            "Representation not acceptable", "无法提供所请求的表示格式");
    public static final ProblemType BAD_REQUEST = new ProblemType("bad-request", 400,
            "Malformed request", "请求格式错误");
    public static final ProblemType VALIDATION = new ProblemType("validation", 400,
            "Invalid input", "输入数据不合法");
    public static final ProblemType CONFLICT = new ProblemType("conflict", 409,
            "Conflicts with the current state", "与当前状态冲突");
    public static final ProblemType PRECONDITION_FAILED = new ProblemType("precondition-failed", 412,
            "Changed since you read it", "数据已被他人修改，请重新读取");
    public static final ProblemType PRECONDITION_REQUIRED = new ProblemType("precondition-required", 428,
            "If-Match required", "需要提供 If-Match 请求头");
    public static final ProblemType RULE_VIOLATION = new ProblemType("rule-violation", 422,
            "Breaks a rule of the domain", "不符合业务规则");
    public static final ProblemType TOO_MANY_REQUESTS = new ProblemType("too-many-requests", 429,
            "Too many requests", "请求过于频繁");
    /** A request body that stopped arriving: the caller sent nothing for the allowed time. */
    public static final ProblemType REQUEST_TIMEOUT = new ProblemType("request-timeout", 408,
            "Request body not received in time", "请求体传输超时");
    public static final ProblemType PAYLOAD_TOO_LARGE = new ProblemType("payload-too-large", 413,
            "Request body too large", "请求体过大");
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE = new ProblemType("unsupported-media-type", 415,
            "Unsupported media type", "不支持的内容类型");
    public static final ProblemType IDENTITY_PROVIDER_UNAVAILABLE = new ProblemType(
            "identity-provider-unavailable", 503,
            "Identity provider unavailable", "身份认证服务暂不可用");
    public static final ProblemType UPSTREAM_UNAVAILABLE = new ProblemType("upstream-unavailable", 503,
            "Service temporarily unavailable", "服务暂不可用");
    /** Too much of the same work is under way (uploads being applied); nothing was written: retry after {@code Retry-After}. */
    public static final ProblemType BUSY = new ProblemType("busy", 503,
            "Busy, retry shortly", "系统繁忙，请稍后重试");
    /** The service runs but has not yet received what it needs to answer (for example the division hierarchy). */
    public static final ProblemType NOT_READY = new ProblemType("not-ready", 503,
            "Not ready yet", "数据尚未就绪");
    public static final ProblemType UPSTREAM_TIMEOUT = new ProblemType("upstream-timeout", 504,
            "Service did not answer in time", "服务响应超时");
    public static final ProblemType UPSTREAM_ERROR = new ProblemType("upstream-error", 502,
            "Service failed", "服务内部错误");
    public static final ProblemType INTERNAL = new ProblemType("internal", 500,
            "Internal error", "系统内部错误");
}

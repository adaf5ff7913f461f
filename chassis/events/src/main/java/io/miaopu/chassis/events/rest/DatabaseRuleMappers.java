package io.miaopu.chassis.events.rest;

import io.miaopu.chassis.problem.Problem;
import io.miaopu.chassis.problem.ProblemType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.exception.ConstraintViolationException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A rule the database kept when two requests raced past the service's own checks (a unique code
 * created twice at once, a second active federation): a 409, never a 500. The transaction is
 * already rolled back, so nothing was written.
 */
public class DatabaseRuleMappers {

    private static final String UNIQUE_VIOLATION = "23505";

    @ServerExceptionMapper
    public Response constraint(ConstraintViolationException e, UriInfo uri, HttpHeaders headers) {
        boolean duplicate = UNIQUE_VIOLATION.equals(e.getSQLState());
        Problem problem = Problem.of(duplicate ? ProblemType.CONFLICT : ProblemType.RULE_VIOLATION,
                duplicate ? "Another request created the same thing at the same moment." : "The change breaks a rule of the data.",
                duplicate ? "另一请求同时创建了相同的记录。" : "该修改违反数据规则。")
                .at(uri.getPath(), headers.getHeaderString("X-Request-Id"));
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}

package io.miaopu.registry.rest;

import io.miaopu.chassis.problem.ProblemType;
import io.miaopu.chassis.rest.Inputs;
import io.miaopu.chassis.rest.QueryParams;
import io.miaopu.registry.domain.Classification.Category;
import io.miaopu.registry.domain.Classification.ManagementClass;
import io.miaopu.registry.domain.Classification.Status;
import io.miaopu.registry.domain.Classification.Subcategory;
import io.miaopu.registry.repository.OrganizationFilter;
import jakarta.ws.rs.QueryParam;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The filters of the organization list, shared by the list and the export; a bad value is a 400 naming it. */
public class OrganizationQuery {

    @QueryParam("division")
    @Parameter(description = "A county, township or community code: organizations of the communities under it "
            + "(default: your jurisdiction)")
    String division;
    @QueryParam("category")
    @Parameter(description = "FUNCTIONAL_SERVICE or INTEREST_VOLUNTEER")
    String category;
    @QueryParam("subcategory")
    @Parameter(description = "LIFE_SERVICE, COMMUNITY_AFFAIRS, CULTURE_SPORTS or CHARITY_VOLUNTEER")
    String subcategory;
    @QueryParam("managementClass")
    @Parameter(description = "REGISTERED, TOWNSHIP_MANAGED or COMMUNITY_GUIDED")
    String managementClass;
    @QueryParam("status")
    @Parameter(description = "ACTIVE, ABNORMAL, SUSPENDED or DEREGISTERED")
    String status;
    @QueryParam("registeredFrom")
    @Parameter(description = "Registered or filed on or after this date (yyyy-MM-dd)")
    String registeredFrom;
    @QueryParam("registeredTo")
    @Parameter(description = "Registered or filed on or before this date (yyyy-MM-dd)")
    String registeredTo;
    @QueryParam("q")
    @Parameter(description = "Part of the name, Chinese included, at most 50 characters")
    String q;

    public String division() {
        return QueryParams.text(division);
    }

    public OrganizationFilter filter() {
        LocalDate from = QueryParams.date("registeredFrom", registeredFrom);
        LocalDate to = QueryParams.date("registeredTo", registeredTo);
        if (from != null && to != null && to.isBefore(from)) {
            throw Inputs.invalid(ProblemType.VALIDATION, "registeredTo", "is before registeredFrom", "早于 registeredFrom");
        }
        return new OrganizationFilter(null, QueryParams.enumValue(Category.class, "category", category),
                QueryParams.enumValue(Subcategory.class, "subcategory", subcategory),
                QueryParams.enumValue(ManagementClass.class, "managementClass", managementClass),
                QueryParams.enumValue(Status.class, "status", status), from, to, name(q), false);
    }

    /** The part of a name searched for, or null. */
    public static String name(String q) {
        String text = QueryParams.text(q);
        if (text != null && text.length() > 50) {
            throw Inputs.invalid(ProblemType.VALIDATION, "q", "has more than 50 characters", "超过 50 个字符");
        }
        return text;
    }
}

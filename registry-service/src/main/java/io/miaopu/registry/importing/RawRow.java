package io.miaopu.registry.importing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.miaopu.chassis.problem.Problem.FieldError;
import java.util.List;

/**
 * One row of an upload, numbered from 1 after the header (CSV) or by line (JSON lines): either the
 * organization as the body of POST /organizations would carry it (a CSV row's cells put in that
 * form), read later exactly as that body is; or, when the row could not even be read, its errors.
 */
public record RawRow(int row, ObjectNode input, List<FieldError> errors) {
}

package io.miaopu.registry.importing;

import io.miaopu.chassis.problem.Problem.FieldError;
import java.util.List;
import java.util.Map;

/**
 * One row of an upload as text, numbered from 1 after the header (CSV) or by line (JSON lines);
 * either its fields or, when the row could not even be read, its errors.
 */
public record RawRow(int row, Map<String, String> fields, List<FieldError> errors) {
}

package vademecum.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The body of every JSON error: a stable code ({@code not_found}, {@code conflict}…), a sentence
 * for people, and for invalid input the fields at fault.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String error, String message, Map<String, String> fields) {}

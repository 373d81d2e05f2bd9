package coop.sol.web.payment;

/** Constants for the OpenAPI annotations of this package's endpoints. */
final class ApiDocs {
  static final String PROBLEM_JSON = "application/problem+json";
  static final String PROBLEM = "#/components/schemas/Problem";

  private ApiDocs() {}
}

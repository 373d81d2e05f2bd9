package coop.sol.web.payment;

/** Constants for the OpenAPI annotations of this package's endpoints. */
final class ApiDocs {
  static final String PROBLEM_JSON = "application/problem+json";
  static final String PROBLEM = "#/components/schemas/Problem";
  static final String IDEMPOTENCY_KEY_DESCRIPTION =
      "1 à 128 caractères ASCII imprimables, sans espace ; la même clé rejoue la réponse d'origine";

  private ApiDocs() {}
}

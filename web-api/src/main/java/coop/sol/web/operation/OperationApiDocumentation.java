package coop.sol.web.operation;

import coop.sol.web.apidoc.ProblemResponses;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The problems the operations answer besides those every endpoint has (which {@code apidoc} adds):
 * 422 for a refusal by an operation rule or the ledger, 409 for conflicts (an idempotency key used
 * for another request, a correction already decided or self-approved, an overlapping fonte period).
 * The 503 of requests that post (the ledger busy) is {@code apidoc}'s, for every Idempotency-Key.
 */
@Configuration(proxyBeanMethods = false)
class OperationApiDocumentation {
  private static final List<String> PATHS =
      List.of(
          "/api/v1/networks/",
          "/api/v1/exchange/",
          "/api/v1/rewards",
          "/api/v1/volunteering/",
          "/api/v1/vouchers/",
          "/api/v1/reconversions",
          "/api/v1/fonte/",
          "/api/v1/corrections");

  /**
   * Sets the operations' own 409 and 422, whether apidoc's customizer (whose general texts only
   * fill statuses still undocumented) ran before this one or not: springdoc does not order them.
   */
  @Bean
  OpenApiCustomizer operationProblemResponses() {
    return openApi -> {
      if (openApi.getPaths() == null) {
        return;
      }
      openApi
          .getPaths()
          .forEach(
              (path, item) -> {
                if (PATHS.stream().anyMatch(path::startsWith)) {
                  item.readOperationsMap().forEach((method, op) -> addProblems(method, op));
                }
              });
    };
  }

  private static void addProblems(PathItem.HttpMethod method, Operation operation) {
    ApiResponses responses = ProblemResponses.of(operation);
    if (method != PathItem.HttpMethod.GET || operation.getParameters() != null) {
      ProblemResponses.set(
          responses,
          "422",
          "Refus d'une règle de l'opération ou du grand livre ; le code dit laquelle"
              + " (MERCHANT_CATEGORY_NOT_ALLOWED, INSUFFICIENT_FUNDS...)");
    }
    if (method != PathItem.HttpMethod.GET) {
      ProblemResponses.set(
          responses,
          "409",
          "Conflit : Idempotency-Key déjà utilisée pour une autre demande, décision déjà prise,"
              + " auto-approbation...");
    }
  }
}

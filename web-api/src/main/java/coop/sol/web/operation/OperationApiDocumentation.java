package coop.sol.web.operation;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The problems the operations answer besides those every endpoint has (which {@code apidoc} adds):
 * 422 for a refusal by an operation rule or the ledger, 409 for conflicts (an idempotency key used
 * for another request, a correction already decided or self-approved, an overlapping fonte period),
 * and, for requests that post, 503 when the ledger is busy (retry with the same key).
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
    ApiResponses responses = operation.getResponses();
    if (responses == null) {
      responses = new ApiResponses();
      operation.setResponses(responses);
    }
    boolean posts =
        operation.getParameters() != null
            && operation.getParameters().stream()
                .anyMatch(p -> OperationContext.IDEMPOTENCY_KEY.equals(p.getName()));
    if (method != PathItem.HttpMethod.GET || operation.getParameters() != null) {
      problem(
          responses,
          "422",
          "Refus d'une règle de l'opération ou du grand livre ; le code dit laquelle"
              + " (MERCHANT_CATEGORY_NOT_ALLOWED, INSUFFICIENT_FUNDS...)");
    }
    if (method != PathItem.HttpMethod.GET) {
      problem(
          responses,
          "409",
          "Conflit : Idempotency-Key déjà utilisée pour une autre demande, décision déjà prise,"
              + " auto-approbation...");
    }
    if (posts) {
      ApiResponse busy =
          problem(responses, "503", "Grand livre saturé ou injoignable : réessayer (même clé)");
      busy.addHeaderObject(
          "Retry-After", new Header().description("Secondes").schema(new IntegerSchema()));
    }
  }

  private static ApiResponse problem(ApiResponses responses, String status, String description) {
    ApiResponse existing = responses.get(status);
    if (existing != null) {
      return existing;
    }
    ApiResponse response =
        new ApiResponse()
            .description(description)
            .content(
                new Content()
                    .addMediaType(
                        "application/problem+json",
                        new MediaType()
                            .schema(new Schema<>().$ref("#/components/schemas/Problem"))));
    responses.addApiResponse(status, response);
    return response;
  }
}

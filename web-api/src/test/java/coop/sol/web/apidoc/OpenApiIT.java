package coop.sol.web.apidoc;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.web.Api;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.problem.ProblemCode;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The OpenAPI document as served: valid (swagger-parser finds nothing to say), and complete — every
 * API endpoint mapped by Spring is in it, with its security, its problem responses and the problem
 * schema listing every stable code.
 */
@SolApplicationTest
class OpenApiIT {
  private final Api api;
  private final ApplicationContext context;
  private String document;
  private OpenAPI openApi;

  @Autowired
  OpenApiIT(@LocalServerPort int port, ApplicationContext context) {
    this.api = new Api(port);
    this.context = context;
  }

  @BeforeEach
  void fetchAndParse() {
    Api.Response response = api.get("/v3/api-docs").send();
    assertThat(response.status()).isEqualTo(200);
    document = response.body();
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIParser().readContents(document, null, options);
    assertThat(result.getMessages()).as("swagger-parser's findings").isEmpty();
    openApi = result.getOpenAPI();
    assertThat(openApi).isNotNull();
  }

  @Test
  void every_api_endpoint_spring_maps_is_documented() {
    Set<String> mapped = new TreeSet<>();
    for (RequestMappingInfoHandlerMapping mapping :
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        for (String pattern : info.getPatternValues()) {
          if (pattern.startsWith("/api/")) {
            for (RequestMethod method : info.getMethodsCondition().getMethods()) {
              mapped.add(method.name() + " " + pattern);
            }
          }
        }
      }
    }
    Set<String> documented = new TreeSet<>();
    openApi
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .keySet()
                    .forEach(m -> documented.add(m.name() + " " + path)));

    assertThat(mapped).isNotEmpty();
    assertThat(documented).containsAll(mapped);
    assertThat(documented).allMatch(endpoint -> endpoint.contains(" /api/v1/"));
  }

  @Test
  void every_operation_has_a_summary_its_security_and_its_problem_responses() {
    List<String> gaps = new ArrayList<>();
    openApi
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) -> {
                          String name = method + " " + path;
                          if (operation.getSummary() == null || operation.getSummary().isBlank()) {
                            gaps.add(name + ": no summary");
                          }
                          boolean isPublic =
                              operation.getSecurity() != null && operation.getSecurity().isEmpty();
                          for (String status :
                              isPublic ? List.of("401", "500") : List.of("401", "403", "500")) {
                            if (!isProblem(operation, status)) {
                              gaps.add(name + ": no problem response " + status);
                            }
                          }
                          if (path.contains("{") && !isProblem(operation, "404")) {
                            gaps.add(name + ": no 404");
                          }
                          if (operation.getRequestBody() != null
                              && !(isProblem(operation, "400") && isProblem(operation, "413"))) {
                            gaps.add(name + ": no 400/413");
                          }
                          if (hasParameter(operation, "caller")
                              || hasParameter(operation, "http")) {
                            gaps.add(name + ": an internal parameter leaked into the document");
                          }
                        }));
    assertThat(gaps).isEmpty();

    Operation createToken = openApi.getPaths().get("/api/v1/auth/tokens").getPost();
    assertThat(createToken.getSecurity()).as("token creation is public").isEmpty();
    Operation pay = openApi.getPaths().get("/api/v1/transfers").getPost();
    assertThat(pay.getResponses()).containsKeys("200", "201", "409", "422", "503");
    assertThat(pay.getParameters())
        .anyMatch(p -> p.getName().equals("Idempotency-Key") && p.getRequired());
    assertThat(openApi.getPaths().get("/api/v1/me").getGet().getParameters()).isNullOrEmpty();
  }

  @Test
  void every_request_that_moves_money_documents_the_ledgers_answers() {
    List<String> posting = new ArrayList<>();
    openApi
        .getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, operation) -> {
                          if (operation.getParameters() == null
                              || operation.getParameters().stream()
                                  .noneMatch(p -> p.getName().equals("Idempotency-Key"))) {
                            return;
                          }
                          String name = method + " " + path;
                          posting.add(name);
                          assertThat(operation.getResponses())
                              .as(name)
                              .containsKeys("409", "422", "503");
                          var busy = operation.getResponses().get("503");
                          assertThat(busy.getDescription()).as(name).contains("Grand livre");
                          assertThat(busy.getHeaders()).as(name).containsKey("Retry-After");
                          var key =
                              operation.getParameters().stream()
                                  .filter(p -> p.getName().equals("Idempotency-Key"))
                                  .findFirst()
                                  .orElseThrow();
                          assertThat(key.getIn()).as(name).isEqualTo("header");
                          assertThat(key.getRequired()).as(name).isTrue();
                          assertThat(key.getSchema().getMaxLength()).as(name).isEqualTo(128);
                        }));
    assertThat(posting)
        .contains(
            "POST /api/v1/transfers",
            "POST /api/v1/payment-requests/{id}/pay",
            "POST /api/v1/pay-tokens/redeem",
            "POST /api/v1/exchange/purchases");
    // an operation's own refusals are described, not replaced by the general texts
    var purchase = openApi.getPaths().get("/api/v1/exchange/purchases").getPost().getResponses();
    assertThat(purchase.get("409").getDescription()).contains("auto-approbation");
    assertThat(purchase.get("422").getDescription()).contains("règle de l'opération");
  }

  @Test
  void both_ways_to_authenticate_are_described() {
    Map<String, SecurityScheme> schemes = openApi.getComponents().getSecuritySchemes();
    assertThat(schemes.get("basicAuth").getScheme()).isEqualTo("basic");
    assertThat(schemes.get("bearerAuth").getScheme()).isEqualTo("bearer");
    assertThat(openApi.getSecurity()).hasSize(2);
  }

  @Test
  void the_problem_schema_lists_every_stable_code() {
    Schema<?> code = property("Problem", "code");
    List<String> codes = new ArrayList<>();
    for (Object value : code.getEnum()) {
      codes.add(value.toString());
    }
    for (ProblemCode problemCode : ProblemCode.values()) {
      assertThat(codes).contains(problemCode.name());
    }
    for (RejectionReason reason : RejectionReason.values()) {
      assertThat(codes).contains(reason.name());
    }
    assertThat(openApi.getComponents().getSchemas())
        .containsKeys("PaymentRequest", "Transfer", "Account", "Me");
    // an amount is a string, never a JSON number (OpenAPI 3.1 keeps types as a set)
    Schema<?> amount = property("PaymentRequest", "amount");
    assertThat(amount.getType() != null ? Set.of(amount.getType()) : amount.getTypes())
        .containsExactly("string");
  }

  @Test
  void the_qr_payment_endpoints_document_their_answers() {
    Operation keys = openApi.getPaths().get("/api/v1/networks/{networkId}/keys").getGet();
    assertThat(keys.getSecurity()).as("network keys are public").isEmpty();
    for (String path : List.of("/api/v1/payment-requests/{id}/pay", "/api/v1/pay-tokens/redeem")) {
      Operation charge = openApi.getPaths().get(path).getPost();
      assertThat(charge.getResponses()).as(path).containsKeys("200", "201", "409", "422", "503");
      assertThat(charge.getParameters())
          .as(path)
          .anyMatch(p -> p.getName().equals("Idempotency-Key") && p.getRequired());
    }
    assertThat(openApi.getPaths().get("/api/v1/payment-requests/{id}/pay").getPost().getResponses())
        .containsKey("410");
    assertThat(
            openApi
                .getPaths()
                .get("/api/v1/payment-requests/{id}/qr.png")
                .getGet()
                .getResponses()
                .get("200")
                .getContent())
        .containsKey("image/png");
    assertThat(
            openApi
                .getPaths()
                .get("/api/v1/payment-requests/{id}/events")
                .getGet()
                .getResponses()
                .get("200")
                .getContent())
        .containsKey("text/event-stream");
    assertThat(openApi.getComponents().getSchemas())
        .containsKeys(
            "PaymentRequestDetails",
            "NewPaymentRequest",
            "PayToken",
            "PayTokenRedemption",
            "NetworkKeys",
            "StaticMerchantCode",
            "NewRefund");
    for (String[] amount :
        List.of(
            new String[] {"NewPaymentRequest", "amount"},
            new String[] {"PayTokenRedemption", "amount"},
            new String[] {"NewPayToken", "cap"},
            new String[] {"PaymentRequestDetails", "amount"})) {
      Schema<?> field = property(amount[0], amount[1]);
      assertThat(field.getType() != null ? Set.of(field.getType()) : field.getTypes())
          .as("%s.%s", amount[0], amount[1])
          .containsExactly("string");
    }
  }

  private Schema<?> property(String schema, String property) {
    Map<String, Schema> properties =
        openApi.getComponents().getSchemas().get(schema).getProperties();
    return properties.get(property);
  }

  private static boolean isProblem(Operation operation, String status) {
    var response = operation.getResponses() == null ? null : operation.getResponses().get(status);
    if (response == null || response.getContent() == null) {
      return false;
    }
    var problem = response.getContent().get("application/problem+json");
    return problem != null
        && problem.getSchema() != null
        && "#/components/schemas/Problem".equals(problem.getSchema().get$ref());
  }

  private static boolean hasParameter(Operation operation, String name) {
    return operation.getParameters() != null
        && operation.getParameters().stream().anyMatch(p -> p.getName().equalsIgnoreCase(name));
  }
}

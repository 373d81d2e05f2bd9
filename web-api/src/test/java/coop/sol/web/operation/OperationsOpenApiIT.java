package coop.sol.web.operation;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.operation.OperationReason;
import coop.sol.web.Api;
import coop.sol.web.SolApplicationTest;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The operations in the OpenAPI document (its validity and completeness for every endpoint are
 * {@code OpenApiIT}'s): the problem codes include every operation refusal, and every request that
 * posts takes a required Idempotency-Key and documents its conflicts, refusals and 503.
 */
@SolApplicationTest
class OperationsOpenApiIT {
  private final Api api;

  @Autowired
  OperationsOpenApiIT(@LocalServerPort int port) {
    this.api = new Api(port);
  }

  @Test
  void operation_refusals_and_idempotent_posts_are_documented() {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    OpenAPI openApi =
        new OpenAPIParser()
            .readContents(api.get("/v3/api-docs").send().body(), null, options)
            .getOpenAPI();

    @SuppressWarnings("rawtypes")
    Map<String, Schema> problem =
        openApi.getComponents().getSchemas().get("Problem").getProperties();
    List<String> codes = new ArrayList<>();
    for (Object code : problem.get("code").getEnum()) {
      codes.add(code.toString());
    }
    for (OperationReason reason : OperationReason.values()) {
      assertThat(codes).contains(reason.name());
    }

    List<String> posting =
        List.of(
            "/api/v1/exchange/purchases",
            "/api/v1/exchange/offices/{id}/bank",
            "/api/v1/rewards",
            "/api/v1/volunteering/allowances",
            "/api/v1/volunteering/certifications",
            "/api/v1/vouchers/grants",
            "/api/v1/vouchers/payments",
            "/api/v1/reconversions");
    for (String path : posting) {
      Operation post = openApi.getPaths().get(path).getPost();
      assertThat(post.getParameters())
          .as(path)
          .anyMatch(p -> p.getName().equals("Idempotency-Key") && p.getRequired());
      assertThat(post.getResponses()).as(path).containsKeys("201", "409", "422", "503");
    }
    assertThat(openApi.getPaths().get("/api/v1/corrections/{id}/approve").getPost().getResponses())
        .containsKeys("404", "409", "422");
  }
}

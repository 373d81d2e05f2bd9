package coop.sol.web.apidoc;

import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/** Problem responses added to operations of the OpenAPI document by its customizers. */
public final class ProblemResponses {
  static final String PROBLEM_JSON = "application/problem+json";
  static final String PROBLEM = "Problem";

  private ProblemResponses() {}

  /**
   * Adds a problem response for {@code status}, unless the operation documents one already (its own
   * annotation says more): returns the response the operation has.
   */
  public static ApiResponse add(ApiResponses responses, String status, String description) {
    ApiResponse existing = responses.get(status);
    return existing != null ? existing : set(responses, status, description);
  }

  /**
   * Sets the problem response for {@code status}, replacing any: for operations whose controllers
   * annotate none of it, and whose text must win over the general one.
   */
  public static ApiResponse set(ApiResponses responses, String status, String description) {
    ApiResponse response =
        new ApiResponse()
            .description(description)
            .content(
                new Content()
                    .addMediaType(
                        PROBLEM_JSON,
                        new MediaType()
                            .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    responses.addApiResponse(status, response);
    return response;
  }

  /** Adds a {@code Retry-After} header to {@code response}, if it has none. */
  public static void retryAfter(ApiResponse response) {
    if (response.getHeaders() == null || !response.getHeaders().containsKey("Retry-After")) {
      response.addHeaderObject(
          "Retry-After", new Header().description("Secondes").schema(new IntegerSchema()));
    }
  }

  /** The operation's responses, created empty if it has none yet. */
  public static ApiResponses of(io.swagger.v3.oas.models.Operation operation) {
    if (operation.getResponses() == null) {
      operation.setResponses(new ApiResponses());
    }
    return operation.getResponses();
  }
}

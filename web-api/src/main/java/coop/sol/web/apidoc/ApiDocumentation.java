package coop.sol.web.apidoc;

import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.transfer.RejectionReason;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.transfer.ClientKeys;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document that springdoc generates from the controllers ({@code /v3/api-docs},
 * browsable at {@code /swagger-ui.html}): title and purpose, the two ways to authenticate (HTTP
 * Basic, bearer personal access token), the problem schema with every stable {@code code}, and the
 * error responses each operation can give, so that a client generated from the document knows them
 * all.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {
  static final String BASIC_AUTH = "basicAuth";
  static final String BEARER_AUTH = "bearerAuth";
  static final String PROBLEM = ProblemResponses.PROBLEM;

  static {
    // the authenticated caller is resolved from the security context, not from the request
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
  }

  @Bean
  OpenAPI solOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("API SOL")
                .version("v1")
                .description(
                    "Grand livre ouvert du SOL, monnaie complémentaire de l'économie sociale et"
                        + " solidaire : soldes, virements et paiements pour les adhérents, les"
                        + " commerçants et les coordinateurs d'un réseau. Authentification : jeton"
                        + " d'accès personnel (POST /api/v1/auth/tokens, puis « Authorization:"
                        + " Bearer ») ou HTTP Basic (sauf pour les rôles à double facteur). Les"
                        + " montants sont des chaînes décimales (\"12.50\"). Les erreurs sont des"
                        + " problèmes RFC 9457 (application/problem+json) avec un champ « code »"
                        + " stable."))
        .components(
            new Components()
                .addSecuritySchemes(
                    BASIC_AUTH,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("basic")
                        .description("Nom d'utilisateur et mot de passe (rôles sans TOTP)"))
                .addSecuritySchemes(
                    BEARER_AUTH,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("sol_pat_…")
                        .description("Jeton d'accès personnel créé par POST /api/v1/auth/tokens")))
        .addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH))
        .addSecurityItem(new SecurityRequirement().addList(BEARER_AUTH));
  }

  /** RFC 9457 problem details, with the {@code code} extension member and all its values. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static Schema<?> problemSchema() {
    List<String> codes = new ArrayList<>();
    for (ProblemCode code : ProblemCode.values()) {
      codes.add(code.name());
    }
    for (RejectionReason reason : RejectionReason.values()) {
      codes.add(reason.name());
    }
    // the SOL operations' own refusals (coop.sol.web.operation)
    for (OperationReason reason : OperationReason.values()) {
      if (!codes.contains(reason.name())) {
        codes.add(reason.name());
      }
    }
    Map<String, Schema> properties = new LinkedHashMap<>();
    properties.put("type", new StringSchema().format("uri-reference").example("about:blank"));
    properties.put("title", new StringSchema().example("Not Found"));
    properties.put("status", new IntegerSchema().format("int32").example(404));
    properties.put(
        "detail",
        new StringSchema()
            .description("Explication en français, pour les personnes ; peut changer"));
    properties.put("instance", new StringSchema().format("uri-reference"));
    StringSchema code = new StringSchema();
    code.setEnum(codes);
    code.description(
        "Raison stable du refus, sur laquelle les clients se règlent (les raisons de refus du"
            + " grand livre, comme INSUFFICIENT_FUNDS, en font partie)");
    properties.put("code", code);
    properties.put(
        "field",
        new StringSchema()
            .description(
                "Le champ refusé, quand le refus en vise un (INVALID_TEXT, INVALID_PERIOD) : un"
                    + " paramètre, un champ de formulaire ou une propriété JSON (chemin pointé,"
                    + " legs.0.memo)"));
    Schema problem = new ObjectSchema();
    problem.setProperties(properties);
    problem.setRequired(List.of("status", "code"));
    problem.setDescription("Problème RFC 9457");
    return problem;
  }

  /** Adds to every operation the error responses it can give, each a problem. */
  @Bean
  OpenApiCustomizer problemResponses() {
    return openApi -> {
      // added here, after springdoc has built the schemas of the controllers' types
      openApi.getComponents().addSchemas(PROBLEM, problemSchema());
      if (openApi.getPaths() == null) {
        return;
      }
      openApi
          .getPaths()
          .forEach(
              (path, item) ->
                  item.readOperationsMap()
                      .forEach((method, operation) -> addProblems(path, method, operation)));
    };
  }

  private static void addProblems(String path, PathItem.HttpMethod method, Operation operation) {
    boolean isPublic = operation.getSecurity() != null && operation.getSecurity().isEmpty();
    boolean hasBody = operation.getRequestBody() != null;
    boolean hasParameters =
        operation.getParameters() != null && !operation.getParameters().isEmpty();
    // every request that moves money takes the client's key, and answers as the ledger does
    boolean postsToLedger =
        hasParameters
            && operation.getParameters().stream()
                .anyMatch(p -> ClientKeys.HEADER.equals(p.getName()));
    ApiResponses responses = ProblemResponses.of(operation);
    if (hasBody || hasParameters) {
      problem(responses, "400", "Requête invalide (JSON mal formé, valeur invalide, montant...)");
    }
    problem(
        responses,
        "401",
        isPublic
            ? "Identifiants ou code TOTP refusés"
            : "Authentification absente ou refusée, jeton inconnu, expiré ou révoqué");
    if (!isPublic) {
      problem(responses, "403", "Rôle ou portée du jeton insuffisants, ou jeton CSRF absent");
    }
    if (path.contains("{")) {
      problem(responses, "404", "Inconnu, ou hors de ce que vous pouvez voir");
    }
    if (hasBody) {
      problem(responses, "413", "Corps de requête de plus de 64 Kio");
    }
    if (path.equals("/api/v1/auth/tokens") && method == PathItem.HttpMethod.POST) {
      ProblemResponses.retryAfter(
          problem(responses, "429", "Trop d'échecs : verrouillé un moment"));
    }
    if (postsToLedger) {
      operation.getParameters().stream()
          .filter(p -> ClientKeys.HEADER.equals(p.getName()))
          .forEach(ApiDocumentation::describeClientKey);
      problem(responses, "409", "Idempotency-Key déjà utilisée pour une autre demande");
      problem(responses, "422", "Refus du grand livre (INSUFFICIENT_FUNDS, STRAND_MISMATCH...)");
      ProblemResponses.retryAfter(
          problem(responses, "503", "Grand livre saturé ou injoignable : réessayer (même clé)"));
    }
    if (path.equals("/api/v1/admin/backups") && method == PathItem.HttpMethod.POST) {
      problem(responses, "409", "Sauvegarde déjà en cours, ou base externe (pg_basebackup)");
    }
    // any request may be shed under load or meet a database that is restarting
    ProblemResponses.retryAfter(
        problem(
            responses,
            "503",
            "Serveur saturé (OVERLOADED) ou base de données injoignable (DATABASE_UNAVAILABLE) :"
                + " réessayer après Retry-After"));
    problem(responses, "500", "Erreur interne (journalisée ; jamais de trace de pile)");
  }

  /**
   * The client's key, declared by each controller as an optional header so that its absence gets
   * the API's own problem (IDEMPOTENCY_KEY_REQUIRED): documented once here, as required.
   */
  private static void describeClientKey(Parameter key) {
    key.required(true)
        .description(
            "1 à "
                + ClientKeys.MAX_LENGTH
                + " caractères ASCII imprimables, sans espace ni barre oblique ; la même clé"
                + " rejoue la réponse d'origine")
        .schema(
            new StringSchema()
                .minLength(1)
                .maxLength(ClientKeys.MAX_LENGTH)
                .pattern(ClientKeys.PATTERN));
  }

  private static ApiResponse problem(ApiResponses responses, String status, String description) {
    return ProblemResponses.add(responses, status, description);
  }
}

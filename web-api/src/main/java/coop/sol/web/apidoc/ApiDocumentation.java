package coop.sol.web.apidoc;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The head of the OpenAPI document that springdoc generates from the controllers ({@code
 * /v3/api-docs}, browsable at {@code /swagger-ui.html}): title, purpose, and how to authenticate.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {
  static final String BASIC_AUTH = "basicAuth";

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
                        + " commerçants et les coordinateurs d'un réseau. Les erreurs sont des"
                        + " problèmes RFC 9457 (application/problem+json) avec un champ « code »"
                        + " stable."))
        .components(
            new Components()
                .addSecuritySchemes(
                    BASIC_AUTH,
                    new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
        .addSecurityItem(new SecurityRequirement().addList(BASIC_AUTH));
  }
}

package coop.sol.web.transfer;

import coop.sol.web.input.QueryParameters;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The query of an account's history page, as the client wrote it: checked by the controller. Read
 * from the request at once by {@link Resolver} (see {@link QueryParameters} for why), documented as
 * query parameters by springdoc ({@code @ParameterObject} on the controller's parameter).
 *
 * @param code the operation codes, as repeated parameters or one list separated by commas
 */
record HistoryParams(
    @Parameter(description = "Curseur : seulement les virements d'identifiant inférieur")
        Long before,
    @Parameter(description = "Taille de page, 1 à 200 (50 par défaut)") Integer limit,
    @Parameter(
            description = "Depuis cet instant inclus (ISO 8601, ex. 2026-01-01T00:00:00Z)",
            schema = @Schema(type = "string", format = "date-time"))
        String from,
    @Parameter(
            description = "Jusqu'à cet instant exclu (ISO 8601)",
            schema = @Schema(type = "string", format = "date-time"))
        String to,
    @Parameter(description = "Seulement ces codes d'opération (PAYMENT, REWARD...), répétable")
        String[] code) {

  /** Resolves a controller method's {@link HistoryParams} parameter. */
  static final class Resolver implements HandlerMethodArgumentResolver {
    @Override
    public boolean supportsParameter(MethodParameter parameter) {
      return parameter.getParameterType() == HistoryParams.class;
    }

    @Override
    public HistoryParams resolveArgument(
        MethodParameter parameter,
        ModelAndViewContainer mavContainer,
        NativeWebRequest webRequest,
        WebDataBinderFactory binderFactory) {
      QueryParameters query = QueryParameters.of(webRequest, parameter);
      return new HistoryParams(
          query.wholeLong("before"),
          query.wholeInt("limit"),
          query.text("from"),
          query.text("to"),
          query.texts("code"));
    }
  }

  /** Registers the {@link Resolver}. */
  @Configuration(proxyBeanMethods = false)
  static class Registration implements WebMvcConfigurer {
    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
      resolvers.add(new Resolver());
    }
  }
}

package coop.sol.web.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

class PathFirstMappingsTest {

  /** How many times Spring's conditions were tested against the request, mapping by mapping. */
  private final AtomicInteger conditionTests = new AtomicInteger();

  private final PathFirstMappings mappings =
      new PathFirstMappings() {
        @Override
        protected RequestMappingInfo getMatchingMapping(
            RequestMappingInfo info, HttpServletRequest request) {
          conditionTests.incrementAndGet();
          return super.getMatchingMapping(info, request);
        }
      };
  private final StaticWebApplicationContext context = new StaticWebApplicationContext();

  @BeforeEach
  void registerTheControllers() {
    context.registerSingleton("accounts", Accounts.class);
    context.registerSingleton("anyKind", AnyKind.class);
    context.registerSingleton("twice", Twice.class);
    mappings.setApplicationContext(context);
    mappings.afterPropertiesSet();
  }

  @Test
  void the_literal_beginning_of_a_pattern_ends_at_its_first_variable_or_wildcard() {
    assertThat(PathFirstMappings.literalBeginning("/api/v1/accounts/{id}"))
        .isEqualTo("/api/v1/accounts/");
    assertThat(PathFirstMappings.literalBeginning("/api/v1/transfers"))
        .isEqualTo("/api/v1/transfers");
    assertThat(PathFirstMappings.literalBeginning("/css/**")).isEqualTo("/css/");
    assertThat(PathFirstMappings.literalBeginning("/img/logo?.png")).isEqualTo("/img/logo");
    assertThat(PathFirstMappings.comparesRaw("/api/v1/accounts/12")).isTrue();
    assertThat(PathFirstMappings.comparesRaw("/api/v1/acc%6Funts/12")).isFalse();
    assertThat(PathFirstMappings.comparesRaw("/api/v1/accounts;v=1/12")).isFalse();
  }

  @Test
  void each_path_finds_the_method_spring_would_find() throws Exception {
    assertThat(handler("GET", "/api/v1/accounts/12")).isEqualTo("balance");
    assertThat(handler("GET", "/api/v1/accounts/12/transfers")).isEqualTo("history");
    assertThat(handler("GET", "/api/v1/accounts/mine")).isEqualTo("mine"); // the literal wins
    assertThat(handler("GET", "/things/12/count")).isEqualTo("count");
    // matched as Spring matches them: decoded, without matrix variables
    assertThat(handler("GET", "/api/v1/acc%6Funts/12")).isEqualTo("balance");
    assertThat(handler("GET", "/api/v1/accounts;v=1/12")).isEqualTo("balance");
    assertThat(handler("GET", "/api/v1/nothing")).isNull();
  }

  @Test
  void a_miss_is_explained_from_every_mapping_as_before() {
    assertThatThrownBy(() -> handler("DELETE", "/api/v1/accounts/12"))
        .isInstanceOf(HttpRequestMethodNotSupportedException.class);
    assertThatThrownBy(
            () -> {
              var request = request("POST", "/api/v1/accounts/12");
              request.setContentType("text/csv");
              mappings.getHandler(request);
            })
        .isInstanceOf(HttpMediaTypeNotSupportedException.class);
  }

  @Test
  void a_path_no_pattern_matches_has_no_handler_without_testing_any_mapping_further()
      throws Exception {
    assertThat(handler("GET", "/actuator/health")).isNull();
    assertThat(handler("GET", "/actuator/prometheus")).isNull();
    assertThat(conditionTests).hasValue(0);
    // asked before the actuator's endpoint mappings (Boot gives them the order -100)
    assertThat(mappings.getOrder()).isLessThan(-100);
  }

  @Test
  void each_request_leaves_the_attributes_spring_leaves() throws Exception {
    var spring = new RequestMappingHandlerMapping();
    spring.setApplicationContext(context);
    spring.afterPropertiesSet();
    for (String[] call :
        new String[][] {
          {"GET", "/api/v1/accounts/12"},
          {"GET", "/api/v1/accounts/mine"},
          {"GET", "/api/v1/accounts/12/transfers"},
          {"POST", "/api/v1/accounts/12"},
          {"GET", "/things/12/count"},
          {"GET", "/api/v1/acc%6Funts/12"},
        }) {
      var ours = request(call[0], call[1]);
      var theirs = request(call[0], call[1]);
      ours.setContentType("application/json");
      theirs.setContentType("application/json");
      assertThat(mappings.getHandler(ours).getHandler())
          .as(call[1])
          .isEqualTo(spring.getHandler(theirs).getHandler());
      for (String attribute :
          List.of(
              HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE,
              HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE,
              HandlerMapping.PATH_WITHIN_HANDLER_MAPPING_ATTRIBUTE,
              HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE,
              HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE)) {
        assertThat(ours.getAttribute(attribute))
            .as(call[1] + " " + attribute)
            .isEqualTo(theirs.getAttribute(attribute));
      }
    }
  }

  @Test
  void two_equally_good_mappings_are_refused_as_spring_refuses_them() {
    assertThatThrownBy(() -> handler("GET", "/twice/1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Ambiguous handler methods");
  }

  @Test
  void a_mapping_registered_or_removed_while_running_is_found_or_gone() throws Exception {
    Method shown = Accounts.class.getDeclaredMethod("balance", String.class);
    RequestMappingInfo info =
        RequestMappingInfo.paths("/api/v2/accounts/{id}")
            .methods(RequestMethod.GET)
            .options(mappings.getBuilderConfiguration())
            .build();
    mappings.registerMapping(info, context.getBean("accounts"), shown);
    assertThat(handler("GET", "/api/v2/accounts/12")).isEqualTo("balance");
    mappings.unregisterMapping(info);
    assertThat(handler("GET", "/api/v2/accounts/12")).isNull();
  }

  private String handler(String method, String path) throws Exception {
    var chain = mappings.getHandler(request(method, path));
    return chain == null ? null : ((HandlerMethod) chain.getHandler()).getMethod().getName();
  }

  private static MockHttpServletRequest request(String method, String path) {
    var request = new MockHttpServletRequest(method, path);
    ServletRequestPathUtils.parseAndCache(request);
    return request;
  }

  @RestController
  @RequestMapping("/api/v1/accounts")
  static class Accounts {
    @GetMapping("/{id}")
    String balance(@PathVariable String id) {
      return id;
    }

    @GetMapping("/mine")
    String mine() {
      return "";
    }

    @GetMapping("/{id}/transfers")
    String history(@PathVariable String id) {
      return id;
    }

    @PostMapping(path = "/{id}", consumes = "application/json")
    String change(@PathVariable String id) {
      return id;
    }
  }

  @RestController
  static class Twice {
    @GetMapping("/twice/{a}")
    String once() {
      return "";
    }

    @GetMapping("/twice/{b}")
    String again() {
      return "";
    }
  }

  @RestController
  static class AnyKind {
    @GetMapping("/{kind}/{id}/count")
    String count() {
      return "";
    }
  }
}

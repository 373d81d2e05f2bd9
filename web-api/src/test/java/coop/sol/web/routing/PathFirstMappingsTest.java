package coop.sol.web.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.util.ServletRequestPathUtils;

class PathFirstMappingsTest {

  private final PathFirstMappings mappings = new PathFirstMappings();

  @BeforeEach
  void registerTheControllers() {
    var context = new StaticWebApplicationContext();
    context.registerSingleton("accounts", Accounts.class);
    context.registerSingleton("anyKind", AnyKind.class);
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
    assertThat(PathFirstMappings.mayBegin("/api/v1/accounts/12", new String[] {"/api/v1/me"}))
        .isFalse();
    assertThat(PathFirstMappings.mayBegin("/api/v1/acc%6Funts/12", new String[] {"/api/v1/me"}))
        .isTrue();
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
  static class AnyKind {
    @GetMapping("/{kind}/{id}/count")
    String count() {
      return "";
    }
  }
}

package coop.sol.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.HandlerExecutionChain;

class StaticAssetsFirstTest {
  private final HandlerExecutionChain resource = new HandlerExecutionChain(new Object());
  private final StaticAssetsFirst mapping = new StaticAssetsFirst(request -> resource);

  @Test
  void the_assets_paths_go_to_the_resource_handler_and_every_other_to_the_controllers()
      throws Exception {
    assertThat(mapping.getHandler(get("/css/sol-0123456789abcdef0123456789abcdef.css")))
        .isSameAs(resource);
    assertThat(mapping.getHandler(get("/js/scanner.js"))).isSameAs(resource);
    assertThat(mapping.getHandler(get("/favicon.ico"))).isSameAs(resource);
    assertThat(mapping.getHandler(get("/api/v1/accounts/12"))).isNull();
    assertThat(mapping.getHandler(get("/login"))).isNull();
    assertThat(mapping.getHandler(get("/cssx/sol.css"))).isNull();
    // asked before the controllers' mapping (order 0)
    assertThat(mapping.getOrder()).isNegative();
  }

  private static MockHttpServletRequest get(String path) {
    return new MockHttpServletRequest("GET", path);
  }
}

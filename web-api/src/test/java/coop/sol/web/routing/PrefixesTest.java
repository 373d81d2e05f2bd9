package coop.sol.web.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrefixesTest {
  private final Prefixes<String> prefixes =
      new Prefixes.Builder<String>(String[]::new)
          .add("/api/v1/accounts/", "account")
          .add("/api/v1/accounts", "accounts")
          .add("/api/v1/accounts/", "account") // filed twice: found once
          .add("/api/v1/me", "me")
          .add("", "everything")
          .add("/img/logo", "logo")
          .add("/api/v1/a", "both")
          .add("/api/v1/accounts/", "both") // under two prefixes of one path: found once
          .build();

  @Test
  void a_text_finds_the_values_of_its_prefixes_shortest_first_each_once() {
    assertThat(prefixes.startingWith("/api/v1/accounts/12/transfers"))
        .containsExactly("everything", "both", "accounts", "account");
    assertThat(prefixes.startingWith("/api/v1/accounts"))
        .containsExactly("everything", "both", "accounts");
    assertThat(prefixes.startingWith("/img/logo2.png")).containsExactly("everything", "logo");
  }

  @Test
  void a_text_no_prefix_begins_finds_only_the_empty_prefix() {
    assertThat(prefixes.startingWith("/api/v2/accounts/12")).containsExactly("everything");
    assertThat(prefixes.startingWith("")).containsExactly("everything");
    assertThat(prefixes.startingWith("/api/v1/m")).containsExactly("everything");
    assertThat(new Prefixes.Builder<String>(String[]::new).build().startingWith("/x")).isEmpty();
  }
}

package coop.sol.web;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.web.installation.SolProperties;
import coop.sol.web.routing.PathFirstMappings;
import java.net.http.HttpResponse;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.jdbc.health.DataSourceHealthIndicator;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The whole application on the embedded PostgreSQL: health, schema, and the security edge. */
@SolApplicationTest
class ApplicationIT {
  private final TestHttp http;
  private final DSLContext sql;
  private final DataSource dataSource;
  private final SolProperties sol;
  private final DataSourceHealthIndicator databaseHealth;
  private final RequestMappingHandlerMapping controllers;
  private final WebServerApplicationContext context;
  private final JsonMapper json = JsonMapper.builder().build();

  @Autowired
  ApplicationIT(
      @LocalServerPort int port,
      DataSource dataSource,
      SolProperties sol,
      DataSourceHealthIndicator databaseHealth,
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping controllers,
      WebServerApplicationContext context) {
    this.controllers = controllers;
    this.context = context;
    this.http = new TestHttp(port);
    this.sql = DSL.using(dataSource, SQLDialect.POSTGRES);
    this.dataSource = dataSource;
    this.sol = sol;
    this.databaseHealth = databaseHealth;
  }

  @Test
  void health_is_public_and_up_with_the_database_checked() {
    HttpResponse<String> response = http.get("/actuator/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body()).get("status").asString()).isEqualTo("UP");
    // the aggregate includes the "db" indicator, which runs a query on this pool
    assertThat(databaseHealth.health(true).getStatus().getCode()).isEqualTo("UP");
    assertThat(databaseHealth.health(true).getDetails()).containsEntry("database", "PostgreSQL");
  }

  @Test
  void the_embedded_database_lives_in_the_data_directory() throws Exception {
    try (var connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getDatabaseProductVersion()).startsWith("17.");
    }
    assertThat(sol.dataDirectory().resolve("postgres").resolve("PG_VERSION")).hasContent("17");
  }

  @Test
  void flyway_applied_every_migration() {
    var applied =
        sql.fetch(
            "select version, success from flyway_schema_history"
                + " where version is not null order by installed_rank");

    // V3 (SOL operations) is another branch's; this one brings V4
    assertThat(applied.getValues("version", String.class)).contains("1", "2", "4");
    assertThat(applied.getValues("success", Boolean.class)).containsOnly(true);
  }

  @Test
  void the_core_tables_exist() {
    var tables =
        sql.fetch("select table_name from information_schema.tables where table_schema = 'public'")
            .getValues("table_name", String.class);

    assertThat(tables)
        .contains(
            "network",
            "strand",
            "account",
            "transfer",
            "app_user",
            "user_role",
            "api_token",
            "audit_event",
            "cashier_refund_limit");
  }

  @Test
  void an_anonymous_api_call_gets_a_401_problem() {
    HttpResponse<String> response = http.get("/api/v1/anything");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("status").asInt()).isEqualTo(401);
    assertThat(problem.get("code").asString()).isEqualTo("UNAUTHENTICATED");
    assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/anything");
    // an API call is not remembered for after a login, so it opens no session
    assertThat(response.headers().allValues("Set-Cookie"))
        .noneMatch(cookie -> cookie.startsWith("SESSION=") || cookie.startsWith("JSESSIONID"));
  }

  @Test
  void a_browser_asking_for_a_page_is_sent_to_the_login_form() {
    HttpResponse<String> response = http.get("/", "text/html");

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
  }

  @Test
  void a_wrong_password_gets_the_same_401_as_no_password() {
    HttpResponse<String> response = http.get("/api/v1/anything", "alice", "not-her-password");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void a_user_from_the_database_logs_in_and_an_api_path_without_a_rule_is_refused() {
    String password = DemoLogins.in(sol.dataDirectory()).password("alice");

    HttpResponse<String> response = http.get("/api/v1/anything", "alice", password);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo("FORBIDDEN");
  }

  @Test
  void an_unknown_page_is_refused_with_a_problem() {
    String password = DemoLogins.in(sol.dataDirectory()).password("alice");

    // deny by default: a path in neither the API's nor the pages' access table is refused
    HttpResponse<String> response = http.get("/nothing-here", "alice", password);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonNode problem = json.readTree(response.body());
    assertThat(problem.get("code").asString()).isEqualTo("FORBIDDEN");
    assertThat(response.body()).doesNotContain("Exception", "trace");
  }

  @Test
  void actuator_endpoints_other_than_health_and_prometheus_are_refused() {
    String password = DemoLogins.in(sol.dataDirectory()).password("alice");

    assertThat(http.get("/actuator/env").statusCode()).isEqualTo(401);
    assertThat(http.get("/actuator/env", "alice", password).statusCode()).isEqualTo(403);
    assertThat(http.get("/actuator/beans", "alice", password).statusCode()).isEqualTo(403);
  }

  @Test
  void the_api_documentation_is_public() {
    HttpResponse<String> response = http.get("/v3/api-docs");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode document = json.readTree(response.body());
    assertThat(document.get("openapi").asString()).startsWith("3.");
    assertThat(document.get("info").get("title").asString()).isEqualTo("API SOL");
    assertThat(http.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
  }

  @Test
  void the_controllers_are_found_path_first() {
    assertThat(controllers).isInstanceOf(PathFirstMappings.class);
  }

  @Test
  void tomcat_sends_an_answer_of_up_to_16_kib_in_one_write() {
    var connector = ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
    assertThat(connector.getProperty("socket.appWriteBufSize")).hasToString("16384");
  }
}

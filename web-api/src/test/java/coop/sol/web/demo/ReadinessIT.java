package coop.sol.web.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.sol.web.SolApplication;
import coop.sol.web.TestDataDirectory;
import coop.sol.web.TestHttp;
import coop.sol.web.user.Users;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The application says it is ready only once it serves what it advertises: while its start-up tasks
 * run (here held at a gate placed before the demo's seed), {@code /actuator/health} and {@code
 * /actuator/health/readiness} answer 503 OUT_OF_SERVICE though the web server already answers and
 * liveness is UP; the first UP comes after the demo network and its logins exist.
 */
class ReadinessIT {
  private static final CountDownLatch GATE_REACHED = new CountDownLatch(1);
  private static final CountDownLatch GATE_OPEN = new CountDownLatch(1);

  /** A start-up task that waits, ordered before the demo's seed (order 10). */
  @Configuration(proxyBeanMethods = false)
  static class Gate {
    @Bean
    ApplicationRunner gate() {
      return new Held();
    }
  }

  static final class Held implements ApplicationRunner, Ordered {
    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
      GATE_REACHED.countDown();
      GATE_OPEN.await(3, TimeUnit.MINUTES);
    }

    @Override
    public int getOrder() {
      return 5;
    }
  }

  @Test
  void not_ready_until_the_start_up_tasks_and_the_demo_seed_are_done() throws Exception {
    int port = freePort();
    Path data = TestDataDirectory.create();
    var application = new SpringApplication(SolApplication.class, Gate.class);
    CompletableFuture<ConfigurableApplicationContext> started =
        CompletableFuture.supplyAsync(
            () ->
                application.run(
                    "--server.port=" + port, "--sol.data-dir=" + data, "--sol.demo=true"));
    try {
      assertThat(GATE_REACHED.await(3, TimeUnit.MINUTES)).as("start-up tasks running").isTrue();
      TestHttp http = new TestHttp(port);
      HttpResponse<String> health = http.get("/actuator/health");
      assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
      assertThat(health.body()).contains("OUT_OF_SERVICE");
      HttpResponse<String> readiness = http.get("/actuator/health/readiness");
      assertThat(readiness.statusCode()).isEqualTo(503);
      assertThat(readiness.body()).contains("OUT_OF_SERVICE");
      assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
      assertThat(data.resolve(DemoCredentials.FILE_NAME)).doesNotExist();

      GATE_OPEN.countDown();
      // the demo's seed runs meanwhile; ready once it is done
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> http.get("/actuator/health/readiness").statusCode() == 200);
      // ready: the demo is there, logins included
      assertThat(Files.exists(data.resolve(DemoCredentials.FILE_NAME))).isTrue();
      assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
      ConfigurableApplicationContext context = started.get(1, TimeUnit.MINUTES);
      assertThat(context.getBean(Users.class).exists("alice")).isTrue();
      assertThat(context.getBean(Users.class).exists("coord2")).isTrue();
    } finally {
      GATE_OPEN.countDown();
      started.thenAccept(ConfigurableApplicationContext::close).get(3, TimeUnit.MINUTES);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

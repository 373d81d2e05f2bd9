package coop.sol.web.reliability;

import coop.sol.web.TestClockConfiguration;
import coop.sol.web.TestDataDirectory;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application in demo mode, as it runs behind a TLS-terminating reverse proxy ({@code
 * server.forward-headers-strategy=framework}: {@code X-Forwarded-Proto} and {@code X-Forwarded-For}
 * are believed), with short timeouts so that tests of them run quickly. Its own application and
 * data directory, shared by the reliability tests only: they lock logins, kill the database and
 * fuzz, which the other tests' shared application must not see.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "sol.demo=true",
      "server.forward-headers-strategy=framework",
      "server.tomcat.connection-timeout=2s",
      "sol.reliability.ledger-answer-timeout=2s",
      "sol.backup.keep=2"
    })
@ContextConfiguration(initializers = TestDataDirectory.class)
@Import(TestClockConfiguration.class)
public @interface ReliabilityApplicationTest {}

package coop.sol.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port, in demo mode, on the embedded PostgreSQL in a fresh data
 * directory. Test classes with this same annotation share one application (Spring caches the
 * context), which keeps the suite fast: leave their data as other tests may find it, and create
 * your own network for anything else. The application's clock is a {@link MovableClock}: move it
 * rather than wait.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "sol.demo=true")
@ContextConfiguration(initializers = TestDataDirectory.class)
@Import(TestClockConfiguration.class)
public @interface SolApplicationTest {}

package coop.sol.web;

import coop.sol.web.database.DataDirectoryInUseReport;
import coop.sol.web.installation.Commands;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The SOL application: {@code java -jar sol.jar} serves the web API; {@code --demo} also seeds a
 * demo network; {@code --create-admin=NAME} creates the first administrator and exits; {@code
 * --verify-journal} verifies every network's journal and exits; {@code --help} prints the usage
 * ({@link LaunchOptions}, which refuses anything else that is not a Spring property).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SolApplication {

  /** Exit code of a start refused because another instance has the data directory. */
  static final int DATA_DIRECTORY_IN_USE = 1;

  public static void main(String[] args) {
    var launch =
        LaunchOptions.parse(
            args,
            new PrintWriter(System.out, true, StandardCharsets.UTF_8),
            new PrintWriter(System.err, true, StandardCharsets.UTF_8));
    if (!launch.starts()) {
      System.exit(launch.exitCode()); // --help, or a usage error: nothing was started
    }
    String[] springArgs = launch.springArgs();
    ConfigurableApplicationContext context;
    try {
      context = start(springArgs);
    } catch (RuntimeException e) {
      if (DataDirectoryInUseReport.cause(e).isPresent()) {
        // its one line is printed (DataDirectoryInUseReport); nothing was changed
        System.exit(DATA_DIRECTORY_IN_USE);
      }
      throw e;
    }
    if (isCommand(springArgs)) {
      // A one-shot command: its runner has done the work and set the exit code.
      System.exit(SpringApplication.exit(context));
    }
  }

  /**
   * Starts the application as {@code main} does, without exiting: a one-shot command runs without a
   * web server (so it neither needs nor takes the HTTP port), and its context is returned for the
   * caller to close with {@link SpringApplication#exit}.
   */
  public static ConfigurableApplicationContext start(String... args) {
    SpringApplication application = new SpringApplication(SolApplication.class);
    if (isCommand(args)) {
      application.setWebApplicationType(WebApplicationType.NONE);
      // A command's output is its few lines of result; start-up chatter would drown them.
      application.setBannerMode(Banner.Mode.OFF);
      application.setDefaultProperties(Map.of("logging.level.root", "warn"));
    }
    return application.run(args);
  }

  static boolean isCommand(String[] args) {
    return Arrays.stream(args)
        .anyMatch(
            arg ->
                arg.equals("--" + Commands.CREATE_ADMIN)
                    || arg.startsWith("--" + Commands.CREATE_ADMIN + "=")
                    || arg.equals("--" + Commands.VERIFY_JOURNAL));
  }
}

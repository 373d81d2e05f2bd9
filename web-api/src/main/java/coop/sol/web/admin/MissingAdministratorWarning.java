package coop.sol.web.admin;

import coop.sol.web.installation.Commands;
import coop.sol.web.installation.SolProperties;
import coop.sol.web.user.Users;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On a normal start of an installation that has no administrator yet, says in one log line how to
 * create the first one. There is no default account: someone with access to the server creates it.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class MissingAdministratorWarning implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(MissingAdministratorWarning.class);

  private final Users users;
  private final SolProperties sol;

  MissingAdministratorWarning(Users users, SolProperties sol) {
    this.users = users;
    this.sol = sol;
  }

  @Override
  public void run(ApplicationArguments args) {
    boolean demo = sol.demo() || args.containsOption(Commands.DEMO);
    if (demo
        || args.containsOption(Commands.CREATE_ADMIN)
        || args.containsOption(Commands.VERIFY_JOURNAL)) {
      return;
    }
    if (!users.anyAdministrator()) {
      log.warn(
          "No administrator exists yet. Create the first one with the same data directory or"
              + " database settings (with the embedded database, stop SOL first): "
              + "SOL_ADMIN_PASSWORD='<{} characters or more>' java -jar web-api/target/sol.jar"
              + " --create-admin=<username> (without SOL_ADMIN_PASSWORD it prompts for the"
              + " password). See README.md, 'First administrator'.",
          CreateAdministratorCommand.MIN_PASSWORD_LENGTH);
    }
  }
}

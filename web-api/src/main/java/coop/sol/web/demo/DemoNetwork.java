package coop.sol.web.demo;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.HolderAccounts;
import coop.sol.ledger.network.Network;
import coop.sol.web.user.NewUser;
import coop.sol.web.user.RoleGrant;
import coop.sol.web.user.Users;
import java.util.List;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Builds the demo network: the network, its users and their roles, their ledger accounts, and
 * balances in every SOL strand made by the operations a real network runs ({@link DemoOperations}),
 * so that the journal explains every balance and verifies.
 *
 * <p>Every step is idempotent: existing users and accounts are kept, and each operation has a fixed
 * idempotency key, which the ledger answers as a replay the second time. So running it on a
 * complete demo network changes nothing, and running it after a start that was interrupted half-way
 * completes the network instead of failing or duplicating it.
 */
@Component
class DemoNetwork {
  static final String CODE = "demo";
  static final String NAME = "SOL Démo";

  private final Ledger ledger;
  private final Users users;
  private final PasswordEncoder passwords;
  private final DemoOperations operations;

  DemoNetwork(Ledger ledger, Users users, PasswordEncoder passwords, DemoOperations operations) {
    this.ledger = ledger;
    this.users = users;
    this.passwords = passwords;
    this.operations = operations;
  }

  /** Whether any demo user exists already (their passwords are then only in the credentials). */
  boolean anyUserExists() {
    return DemoPerson.CAST.stream().anyMatch(person -> users.exists(person.username()));
  }

  /**
   * Creates what is missing of the demo network, with the logins in {@code credentials}.
   *
   * @return true if the network had to be created, false if it existed
   */
  boolean seed(DemoCredentials credentials) {
    var existing = ledger.networks().findByCode(CODE);
    Network network = existing.orElseGet(() -> ledger.networks().create(CODE, NAME));
    for (DemoPerson person : DemoPerson.CAST) {
      if (!users.exists(person.username())) {
        users.create(newUser(network, person, credentials.user(person.username()).orElseThrow()));
      }
    }
    var holders = new HolderAccounts(ledger.accounts());
    for (DemoPerson person : DemoPerson.CAST) {
      if (person.ownerKind() != null) {
        holders.open(network.id(), person.ownerKind(), person.username(), person.displayName());
      }
    }
    operations.setUp(network);
    operations.history(network);
    return existing.isEmpty();
  }

  private NewUser newUser(Network network, DemoPerson person, DemoLogin login) {
    RoleGrant grant =
        switch (person.role()) {
          case ADMINISTRATOR -> RoleGrant.administrator();
          case CASHIER -> RoleGrant.cashier(network.id(), person.merchantRef());
          default -> RoleGrant.in(network.id(), person.role());
        };
    return new NewUser(
        person.username(),
        person.displayName(),
        passwords.encode(login.password()),
        login.totpSecret(),
        List.of(grant));
  }
}

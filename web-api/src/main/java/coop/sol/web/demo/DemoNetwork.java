package coop.sol.web.demo;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.TransferCode;
import coop.sol.ledger.transfer.TransferCommand;
import coop.sol.ledger.transfer.TransferOutcome;
import coop.sol.web.user.NewUser;
import coop.sol.web.user.RoleGrant;
import coop.sol.web.user.Users;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Builds the demo network: the network, its users and their roles, their ledger accounts, and
 * balances in every SOL strand made by real transfers, so that the journal explains every balance
 * and verifies.
 *
 * <p>Every step is idempotent: existing users and accounts are kept, and each transfer has a fixed
 * idempotency key, which the ledger answers as a replay the second time. So running it on a
 * complete demo network changes nothing, and running it after a start that was interrupted half-way
 * completes the network instead of failing or duplicating it.
 */
@Component
class DemoNetwork {
  static final String CODE = "demo";
  static final String NAME = "SOL Démo";

  /** The system accounts' owner_ref: money created per strand, and the association's fund. */
  static final String ISSUANCE = "issuance";

  static final String FUND = "fund";

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
    var accounts = new Accounts(network);
    for (DemoPerson person : DemoPerson.CAST) {
      for (StrandKind strand : person.strands()) {
        accounts.open(person.ownerKind(), person.username(), strand, person.displayName());
      }
    }
    for (StrandKind strand : DemoPerson.SOL_STRANDS) {
      accounts.openSystem(ISSUANCE, strand, "Émission " + strand.name(), OptionalLong.empty());
    }
    for (StrandKind strand : List.of(StrandKind.COOPERATION, StrandKind.ENGAGEMENT)) {
      accounts.openSystem(FUND, strand, "Fonds de l'association", OptionalLong.of(0));
    }
    new Transfers(network, accounts).post();
    operations.setUp(network);
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

  /** The demo network's accounts by owner and strand, opened on first use. */
  private final class Accounts {
    private final Network network;
    private final Map<String, Account> byOwnerAndStrand = new HashMap<>();

    Accounts(Network network) {
      this.network = network;
    }

    void open(OwnerKind kind, String owner, StrandKind strand, String name) {
      find(kind, owner, strand, name, OptionalLong.of(0));
    }

    void openSystem(String owner, StrandKind strand, String name, OptionalLong creditLimit) {
      find(OwnerKind.SYSTEM, owner, strand, name, creditLimit);
    }

    Account of(String owner, StrandKind strand) {
      Account account = byOwnerAndStrand.get(owner + "/" + strand);
      if (account == null) {
        throw new IllegalStateException("the demo has no " + strand + " account for " + owner);
      }
      return account;
    }

    private void find(
        OwnerKind kind, String owner, StrandKind strand, String name, OptionalLong limit) {
      Account account =
          ledger.accounts().findByOwner(network.id(), kind, owner).stream()
              .filter(a -> a.strand() == strand)
              .findFirst()
              .orElseGet(
                  () -> ledger.accounts().open(network.id(), strand, kind, owner, name, limit));
      byOwnerAndStrand.put(owner + "/" + strand, account);
    }
  }

  /**
   * The demo's history: money issued in each strand, then a little circulation (a member paying the
   * bakery, the bakery re-spending at the bookshop: local re-spending is what a local currency is
   * for). Amounts are decimal SOL at scale 2.
   */
  private final class Transfers {
    private final Network network;
    private final Accounts accounts;
    private int sequence;

    Transfers(Network network, Accounts accounts) {
      this.network = network;
      this.accounts = accounts;
    }

    void post() {
      var coop = StrandKind.COOPERATION;
      issue(coop, "comptoir", "500.00", TransferCode.ISSUANCE, "Fonds de caisse du comptoir");
      issue(coop, "alice", "150.00", TransferCode.ISSUANCE, "Achat au comptoir : 150 € → 150 SOL");
      issue(coop, "bruno", "80.00", TransferCode.ISSUANCE, "Achat au comptoir : 80 € → 80 SOL");
      issue(coop, "boulangerie", "200.00", TransferCode.ISSUANCE, "Achat au comptoir");
      issue(coop, "librairie", "120.00", TransferCode.ISSUANCE, "Achat au comptoir");
      issue(coop, "asso", "100.00", TransferCode.ISSUANCE, "Achat au comptoir");
      move(coop, "alice", "boulangerie", "4.20", TransferCode.PAYMENT, "Pain et croissants");
      move(coop, "boulangerie", "alice", "0.21", TransferCode.REWARD, "Récompense 5 %");
      move(coop, "bruno", "librairie", "18.50", TransferCode.PAYMENT, "Un roman");
      move(coop, "boulangerie", "librairie", "25.00", TransferCode.PAYMENT, "Livres de recettes");

      var engagement = StrandKind.ENGAGEMENT;
      issue(engagement, "asso", "600.00", TransferCode.VOLUNTEER_ALLOWANCE, "Dotation annuelle");
      move(engagement, "asso", "alice", "120.00", TransferCode.VOLUNTEER_CREDIT, "2 h au jardin");
      move(engagement, "asso", "bruno", "60.00", TransferCode.VOLUNTEER_CREDIT, "1 h au jardin");
      move(engagement, "alice", "boulangerie", "15.00", TransferCode.PAYMENT, "Une tarte");

      var affecte = StrandKind.AFFECTE;
      issue(affecte, "mairie", "1000.00", TransferCode.ISSUANCE, "Budget chèques alimentation");
      move(affecte, "mairie", "alice", "50.00", TransferCode.GRANT, "Chèque alimentation");
      move(affecte, "mairie", "bruno", "50.00", TransferCode.GRANT, "Chèque alimentation");
      move(affecte, "bruno", "boulangerie", "7.80", TransferCode.PAYMENT, "Pain de la semaine");
    }

    private void issue(
        StrandKind strand, String to, String amount, TransferCode code, String memo) {
      move(strand, ISSUANCE, to, amount, code, memo);
    }

    private void move(
        StrandKind strand, String from, String to, String amount, TransferCode code, String memo) {
      // fixed keys: the n-th transfer of the demo is always "demo-n", so a rerun is a replay
      var key = new IdempotencyKey("demo-" + ++sequence);
      var command =
          TransferCommand.posted(
                  key,
                  strand,
                  accounts.of(from, strand).id(),
                  accounts.of(to, strand).id(),
                  Decimals.parseAmount(amount, network.scale(strand)),
                  code)
              .withMemo(memo);
      TransferOutcome outcome = ledger.transfers().execute(network.id(), command);
      if (outcome instanceof TransferOutcome.Rejected rejected) {
        throw new IllegalStateException("demo transfer " + key + " rejected: " + rejected.reason());
      }
    }
  }
}

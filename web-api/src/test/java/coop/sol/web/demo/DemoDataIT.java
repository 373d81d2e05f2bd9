package coop.sol.web.demo;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.Operations;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.StrandKind;
import coop.sol.web.DemoLogins;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.installation.SolProperties;
import coop.sol.web.user.AppUser;
import coop.sol.web.user.Role;
import coop.sol.web.user.RoleGrant;
import coop.sol.web.user.Users;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/** The demo network as {@code sol.demo=true} left it in the shared application. */
@SolApplicationTest
class DemoDataIT {
  private static final List<StrandKind> SOL_STRANDS =
      List.of(StrandKind.COOPERATION, StrandKind.ENGAGEMENT, StrandKind.AFFECTE);

  private final Ledger ledger;
  private final Users users;
  private final PasswordEncoder passwords;
  private final DemoMode demoMode;
  private final Path dataDirectory;
  private final Operations operations;

  @Autowired
  DemoDataIT(
      Ledger ledger,
      Users users,
      PasswordEncoder passwords,
      DemoMode demoMode,
      SolProperties sol,
      Operations operations) {
    this.operations = operations;
    this.ledger = ledger;
    this.users = users;
    this.passwords = passwords;
    this.demoMode = demoMode;
    this.dataDirectory = sol.dataDirectory();
  }

  private Network demo() {
    return ledger.networks().findByCode("demo").orElseThrow();
  }

  @Test
  void the_credentials_file_is_private_and_lists_every_role() throws Exception {
    Path file = dataDirectory.resolve("demo-credentials.json");
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (JsonNode user : DemoLogins.in(dataDirectory).users()) {
      user.get("roles").forEach(role -> roles.add(Role.valueOf(role.asString())));
    }
    assertThat(roles).containsExactlyInAnyOrder(Role.values());
  }

  @Test
  void every_login_in_the_file_works_against_the_database() {
    for (JsonNode login : DemoLogins.in(dataDirectory).users()) {
      String username = login.get("username").asString();
      AppUser user = users.find(username).orElseThrow();
      assertThat(user.passwordHash()).as(username).startsWith("$argon2id$");
      assertThat(passwords.matches(login.get("password").asString(), user.passwordHash()))
          .as("password of %s", username)
          .isTrue();
      Role role = Role.valueOf(login.get("roles").get(0).asString());
      assertThat(user.has(role)).as("%s is %s", username, role).isTrue();
      if (role.requiresSecondFactor()) {
        assertThat(login.get("totpSecret").asString()).matches("[A-Z2-7]{32}");
        assertThat(user.totpSecret()).contains(login.get("totpSecret").asString());
        assertThat(login.get("totpUri").asString()).startsWith("otpauth://totp/");
      } else {
        assertThat(user.totpSecret()).as(username).isEmpty();
      }
    }
  }

  @Test
  void the_roles_are_scoped_to_the_demo_network_and_the_cashier_to_the_bakery() {
    var network = demo().id();

    assertThat(users.find("alice").orElseThrow().roles())
        .containsExactly(RoleGrant.in(network, Role.MEMBER));
    assertThat(users.find("caisse").orElseThrow().roles())
        .containsExactly(RoleGrant.cashier(network, "boulangerie"));
    assertThat(users.find("admin").orElseThrow().roles())
        .containsExactly(RoleGrant.administrator());
    assertThat(users.find("coord1").orElseThrow().has(Role.COORDINATOR)).isTrue();
    assertThat(users.find("coord2").orElseThrow().has(Role.COORDINATOR)).isTrue();
  }

  @Test
  void members_hold_balances_in_every_strand_made_by_real_transfers() {
    Network network = demo();
    for (StrandKind strand : SOL_STRANDS) {
      for (String member : List.of("alice", "bruno")) {
        // SOL Affecté reach members only as lots of vouchers, each an account of its own
        long held =
            strand == StrandKind.AFFECTE
                ? lots(network, member).stream().mapToLong(a -> a.balance().posted()).sum()
                : account(network, OwnerKind.MEMBER, member, strand).balance().posted();
        assertThat(held).as("%s in %s", member, strand).isPositive();
      }
      // every strand's money came from somewhere: its issuance account is in debit
      assertThat(account(network, OwnerKind.SYSTEM, "issuance", strand).balance().posted())
          .isNegative();
    }
    assertThat(account(network, OwnerKind.MERCHANT, "boulangerie", StrandKind.COOPERATION))
        .satisfies(a -> assertThat(a.balance().posted()).isPositive());
    assertThat(account(network, OwnerKind.FUNDER, "mairie", StrandKind.AFFECTE))
        .satisfies(a -> assertThat(a.balance().posted()).isPositive());
    assertThat(account(network, OwnerKind.ASSOCIATION, "asso", StrandKind.ENGAGEMENT))
        .satisfies(a -> assertThat(a.balance().posted()).isPositive());
  }

  @Test
  void the_journal_verifies() {
    var report = ledger.verifier().verify(demo().id());

    assertThat(report.firstDiscrepancy()).isEmpty();
    assertThat(report.valid()).isTrue();
    for (StrandKind strand : SOL_STRANDS) {
      assertThat(report.rows().get(strand)).as("journal rows in %s", strand).isPositive();
    }
  }

  @Test
  void starting_demo_mode_again_changes_nothing() {
    Network network = demo();
    List<Account> before = ledger.accounts().list(network.id());
    var rowsBefore = ledger.verifier().verify(network.id()).rows();
    String fileBefore = fileContent();

    demoMode.run(new DefaultApplicationArguments("--demo"));

    assertThat(ledger.accounts().list(network.id())).isEqualTo(before);
    assertThat(ledger.verifier().verify(network.id()).rows()).isEqualTo(rowsBefore);
    assertThat(fileContent()).isEqualTo(fileBefore);
    assertThat(ledger.networks().list().stream().filter(n -> n.code().equals("demo"))).hasSize(1);
  }

  private String fileContent() {
    try {
      return Files.readString(dataDirectory.resolve("demo-credentials.json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private List<Account> lots(Network network, String member) {
    List<Account> lots =
        new ArrayList<>(ledger.accounts().findByOwner(network.id(), OwnerKind.MEMBER, member));
    lots.removeIf(a -> operations.vouchers().lot(network.id(), a.id()).isEmpty());
    return lots;
  }

  private Account account(Network network, OwnerKind kind, String owner, StrandKind strand) {
    List<Account> found = new ArrayList<>(ledger.accounts().findByOwner(network.id(), kind, owner));
    found.removeIf(a -> a.strand() != strand);
    // a lot of earmarked vouchers is an account of its own, besides the person's account
    found.removeIf(a -> operations.vouchers().lot(network.id(), a.id()).isPresent());
    assertThat(found).as("%s %s account in %s", kind, owner, strand).hasSize(1);
    return found.get(0);
  }
}

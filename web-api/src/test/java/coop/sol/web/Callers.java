package coop.sol.web;

import static org.assertj.core.api.Assertions.assertThat;

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
import coop.sol.web.installation.SolProperties;
import coop.sol.web.user.NewUser;
import coop.sol.web.user.Role;
import coop.sol.web.user.RoleGrant;
import coop.sol.web.user.Totp;
import coop.sol.web.user.TotpSecret;
import coop.sol.web.user.Users;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Logged-in callers for tests on the shared application: a personal access token for each demo user
 * (created once per application, with every scope the user's roles can use), and users made on
 * demand — in the demo network or in a network of their own. TOTP codes are computed as an
 * authenticator app would, never twice for the same step of one user (the server refuses replays).
 */
public final class Callers {
  private static final Map<Integer, Callers> BY_PORT = new ConcurrentHashMap<>();
  private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();
  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final Api api;
  private final ApplicationContext context;
  private final DemoLogins logins;
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final Map<String, String> passwords = new ConcurrentHashMap<>();
  private final Map<String, String> totpSecrets = new ConcurrentHashMap<>();

  private Callers(Api api, ApplicationContext context) {
    this.api = api;
    this.context = context;
    this.logins = DemoLogins.in(context.getBean(SolProperties.class).dataDirectory());
    for (var user : logins.users()) {
      String username = user.get("username").asString();
      passwords.put(username, user.get("password").asString());
      if (user.get("totpSecret") != null && !user.get("totpSecret").isNull()) {
        totpSecrets.put(username, user.get("totpSecret").asString());
      }
    }
  }

  public static Callers of(int port, ApplicationContext context) {
    return BY_PORT.computeIfAbsent(port, p -> new Callers(new Api(p), context));
  }

  public Api api() {
    return api;
  }

  public String password(String username) {
    return passwords.get(username);
  }

  /**
   * Remembers the password (and TOTP secret, or null) of a user made otherwise than by {@link
   * #newUser}, such as one who activated their access, so tokens can be made for them.
   */
  public void remember(String username, String password, String totpSecret) {
    passwords.put(username, password);
    tokens.remove(username);
    if (totpSecret != null) {
      totpSecrets.put(username, totpSecret);
    } else {
      totpSecrets.remove(username);
    }
  }

  /** The TOTP secret {@code username} logs in with, or null. */
  public String totpSecret(String username) {
    return totpSecrets.get(username);
  }

  /** Whether {@code username} logs in with a TOTP code too. */
  public boolean hasTotp(String username) {
    return totpSecrets.containsKey(username);
  }

  /** Forgets the token made for {@code username}, as after it was revoked. */
  public void forgetToken(String username) {
    tokens.remove(username);
  }

  /** A token of {@code username} with every scope their roles can use, created once. */
  public String token(String username) {
    return tokens.computeIfAbsent(username, u -> createToken(u, scopesFor(u)));
  }

  /** An API client acting as {@code username} with their token. */
  public Api as(String username) {
    return api.as(token(username));
  }

  /** A new token of {@code username} with exactly these scopes. */
  public String createToken(String username, List<String> scopes) {
    var response =
        api.anonymous()
            .post(
                "/api/v1/auth/tokens",
                Api.json(
                    "username",
                    username,
                    "password",
                    passwords.get(username),
                    "totp",
                    totpSecrets.containsKey(username) ? nextTotp(username) : null,
                    "name",
                    "test " + SEQUENCE.incrementAndGet(),
                    "scopes",
                    scopes))
            .send();
    assertThat(response.status()).as("token for %s: %s", username, response).isEqualTo(201);
    return response.json().get("token").asString();
  }

  /**
   * A TOTP code of {@code username} for a step not used before. The server accepts one step either
   * side of its own; when both the current and the next step were used, the server's clock is moved
   * on to the step the code needs (rather than the test waiting for it).
   */
  public String nextTotp(String username) {
    String secret = totpSecrets.get(username);
    MovableClock clock = context.getBean(MovableClock.class);
    synchronized (LAST_STEP) {
      long now = Totp.step(clock.instant());
      long last = LAST_STEP.getOrDefault(username, Long.MIN_VALUE);
      // Take [now, now + 1], not now - 1: a code of step now - 1 expires at the end of the current
      // step, which a loaded machine can reach before the request is checked.
      long step = Math.max(now, last + 1);
      if (step > now + 1) {
        clock.advance(Duration.ofSeconds(Totp.STEP_SECONDS * (step - now - 1)));
      }
      LAST_STEP.put(username, step);
      return Totp.code(secret, step);
    }
  }

  private List<String> scopesFor(String username) {
    List<Role> roles =
        context.getBean(Users.class).find(username).orElseThrow().roles().stream()
            .map(RoleGrant::role)
            .toList();
    List<String> scopes = new ArrayList<>();
    for (coop.sol.web.auth.Scope scope : coop.sol.web.auth.Scope.values()) {
      if (scope.usableBy(roles)) {
        scopes.add(scope.value());
      }
    }
    return scopes;
  }

  /**
   * Creates a user with one role (a TOTP secret if the role needs one) and, for roles that hold
   * accounts, a COOPERATION account in {@code network} funded with {@code balance} (may be null).
   */
  public String newUser(String prefix, Role role, Network network, String balance) {
    String username = prefix + "-" + SEQUENCE.incrementAndGet();
    String password = "password-" + username;
    String totp = role.requiresSecondFactor() ? TotpSecret.generate(new SecureRandom()) : null;
    RoleGrant grant =
        role == Role.ADMINISTRATOR ? RoleGrant.administrator() : RoleGrant.in(network.id(), role);
    context
        .getBean(Users.class)
        .create(
            new NewUser(
                username,
                username,
                context.getBean(PasswordEncoder.class).encode(password),
                totp,
                List.of(grant)));
    passwords.put(username, password);
    if (totp != null) {
      totpSecrets.put(username, totp);
    }
    if (role.accountKind().isPresent()) {
      Account account = openAccount(network, role.accountKind().get(), username);
      if (balance != null) {
        fund(network, account, balance);
      }
    }
    return username;
  }

  /** Creates a cashier of merchant {@code merchantUsername} in {@code network}. */
  public String newCashier(String prefix, Network network, String merchantUsername) {
    String username = prefix + "-" + SEQUENCE.incrementAndGet();
    String password = "password-" + username;
    context
        .getBean(Users.class)
        .create(
            new NewUser(
                username,
                username,
                context.getBean(PasswordEncoder.class).encode(password),
                null,
                List.of(RoleGrant.cashier(network.id(), merchantUsername))));
    passwords.put(username, password);
    return username;
  }

  public Account openAccount(Network network, OwnerKind kind, String owner) {
    return ledger()
        .accounts()
        .open(network.id(), StrandKind.COOPERATION, kind, owner, owner, OptionalLong.of(0));
  }

  public Account account(Network network, OwnerKind kind, String owner, StrandKind strand) {
    return ledger().accounts().findByOwner(network.id(), kind, owner).stream()
        .filter(a -> a.strand() == strand)
        .findFirst()
        .orElseThrow();
  }

  /**
   * Issues {@code amount} to {@code account} from the network's issuance account (made if need be).
   */
  public void fund(Network network, Account account, String amount) {
    Account issuance =
        ledger().accounts().findByOwner(network.id(), OwnerKind.SYSTEM, "issuance").stream()
            .filter(a -> a.strand() == account.strand())
            .findFirst()
            .orElseGet(
                () ->
                    ledger()
                        .accounts()
                        .open(
                            network.id(),
                            account.strand(),
                            OwnerKind.SYSTEM,
                            "issuance",
                            "Émission",
                            OptionalLong.empty()));
    TransferOutcome outcome =
        ledger()
            .transfers()
            .execute(
                network.id(),
                TransferCommand.posted(
                    new IdempotencyKey("test-fund-" + SEQUENCE.incrementAndGet()),
                    account.strand(),
                    issuance.id(),
                    account.id(),
                    Decimals.parseAmount(amount, network.scale(account.strand())),
                    TransferCode.ISSUANCE));
    assertThat(outcome.isPosted()).isTrue();
  }

  /** A network of its own for a test, so the demo network is left as other tests expect it. */
  public Network newNetwork(String prefix) {
    return ledger().networks().create(prefix + "-" + SEQUENCE.incrementAndGet(), prefix);
  }

  public Network demo() {
    return ledger().networks().findByCode("demo").orElseThrow();
  }

  public Ledger ledger() {
    return context.getBean(Ledger.class);
  }
}

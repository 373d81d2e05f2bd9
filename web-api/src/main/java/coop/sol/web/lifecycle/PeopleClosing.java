package coop.sol.web.lifecycle;

import coop.sol.ledger.Operations;
import coop.sol.ledger.lifecycle.StatusChange;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.operation.Outcome;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.token.PersonalAccessTokens;
import coop.sol.web.user.AppUser;
import coop.sol.web.user.RoleGrant;
import coop.sol.web.user.Users;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Closes a person in a network: every account of theirs closed at zero (the ledger's rule) and
 * renamed, then what identifies them replaced by a pseudonym ({@code Personne close n°<id>}), their
 * login disabled and their tokens revoked. The journal names accounts by id and users by id in its
 * keys, so nothing in it changes: its hash chains verify as before and reports keep their figures.
 * The username stays, as the key of their accounts.
 *
 * <p>A person who also holds a role in another network is refused ({@code
 * PERSON_IN_OTHER_NETWORKS}): their personal data is shared with that network. Retrying a close
 * that stopped half-way finishes it (closed accounts stay closed, the pseudonym is the same).
 */
@Component
public class PeopleClosing {
  private final Operations operations;
  private final Users users;
  private final PersonalAccessTokens tokens;
  private final PasswordEncoder passwords;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  PeopleClosing(
      Operations operations,
      Users users,
      PersonalAccessTokens tokens,
      PasswordEncoder passwords,
      Clock clock) {
    this.operations = operations;
    this.users = users;
    this.tokens = tokens;
    this.passwords = passwords;
    this.clock = clock;
  }

  /** The pseudonym of a closed person. */
  public static String pseudonym(long userId) {
    return "Personne close n°" + userId;
  }

  Outcome<List<StatusChange>> close(NetworkId network, String username, String reason, Actor by) {
    Optional<AppUser> user = users.find(username);
    boolean inNetwork =
        user.isPresent()
            && user.get().roles().stream()
                .map(RoleGrant::network)
                .anyMatch(n -> Objects.equals(n, network));
    if (user.isEmpty() || !inNetwork) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    if (user.get().roles().stream().anyMatch(g -> !Objects.equals(g.network(), network))) {
      throw new ApiProblemException(ProblemCode.PERSON_IN_OTHER_NETWORKS);
    }
    String pseudonym = pseudonym(user.get().id());
    Outcome<List<StatusChange>> closed =
        operations.lifecycle().closePerson(network, username, reason, by, pseudonym);
    if (closed instanceof Outcome.Refused<?> refused
        && refused.reason() == OperationReason.ACCOUNT_NOT_FOUND) {
      closed = Outcome.done(List.of()); // staff hold no account: only their data to replace
    }
    if (!closed.isDone()) {
      return closed;
    }
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    users.pseudonymize(
        user.get().id(),
        pseudonym,
        passwords.encode(Base64.getEncoder().encodeToString(secret)),
        clock.instant());
    tokens.forgetUser(user.get().id());
    return closed;
  }
}

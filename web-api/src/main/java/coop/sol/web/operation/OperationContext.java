package coop.sol.web.operation;

import coop.sol.ledger.Ledger;
import coop.sol.ledger.account.Account;
import coop.sol.ledger.account.AccountId;
import coop.sol.ledger.account.OwnerKind;
import coop.sol.ledger.money.Amount;
import coop.sol.ledger.money.Decimals;
import coop.sol.ledger.network.Network;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.network.StrandKind;
import coop.sol.ledger.operation.OperationReason;
import coop.sol.ledger.transfer.IdempotencyKey;
import coop.sol.ledger.transfer.Payer;
import coop.sol.ledger.transfer.Transfer;
import coop.sol.web.account.AccountAccess;
import coop.sol.web.account.NetworkDirectory;
import coop.sol.web.amount.ApiAmounts;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.auth.Caller;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.LedgerProblems;
import coop.sol.web.problem.ProblemCode;
import coop.sol.web.transfer.TransferView;
import coop.sol.web.user.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * What the operations' controllers share: in which network a request acts, which accounts it may
 * name, amounts at the strand's scale, the caller's idempotency key, responses of money-moving
 * requests and audit entries.
 *
 * <p>Scoping: a request acts only in a network where the caller holds the role the operation needs.
 * An account named in a body is looked up in those networks only; one outside them is answered as
 * an account that does not exist (422 {@code ACCOUNT_NOT_FOUND}), as payments do for accounts the
 * caller cannot see. A network or resource named in the path outside them is 404.
 */
@Component
public class OperationContext {

  private final Ledger ledger;
  private final NetworkDirectory networks;
  private final AuditLog audit;
  private final AccountAccess access;

  OperationContext(Ledger ledger, NetworkDirectory networks, AuditLog audit, AccountAccess access) {
    this.ledger = ledger;
    this.networks = networks;
    this.audit = audit;
    this.access = access;
  }

  /** The caller as the ledger knows a payer in {@code network} (see {@link AccountAccess}). */
  public Payer payer(Caller caller, NetworkId network) {
    return access.payer(caller, network);
  }

  public Ledger ledger() {
    return ledger;
  }

  public Network network(NetworkId id) {
    return networks.network(id);
  }

  /**
   * The network a request without an account acts in: the one named by {@code code}, which must be
   * one where the caller holds {@code role} (else 404), or, with no code, the caller's only network
   * with that role (400 if they have several: they must say which).
   */
  public NetworkId networkAs(Caller caller, Role role, String code) {
    Set<NetworkId> mine = caller.networksAs(role);
    if (code != null) {
      return ledger
          .networks()
          .findByCode(code)
          .map(Network::id)
          .filter(mine::contains)
          .orElseThrow(() -> new ApiProblemException(ProblemCode.NOT_FOUND));
    }
    if (mine.size() == 1) {
      return mine.iterator().next();
    }
    if (mine.isEmpty()) {
      throw new ApiProblemException(ProblemCode.FORBIDDEN);
    }
    throw new ApiProblemException(
        ProblemCode.INVALID_PARAMETER,
        "network : vous agissez dans plusieurs réseaux, précisez lequel (son code).");
  }

  /** The network with this id if the caller holds {@code role} in it; 404 otherwise. */
  public NetworkId networkById(Caller caller, Role role, long id) {
    if (id <= 0) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    NetworkId network = new NetworkId(id);
    if (!caller.holds(role, network)) {
      throw new ApiProblemException(ProblemCode.NOT_FOUND);
    }
    return network;
  }

  /**
   * An account named in a request body, in one of {@code scope}; answered as ACCOUNT_NOT_FOUND
   * (422) when it is in none of them, exactly like an id that exists nowhere.
   */
  public Account accountIn(Collection<NetworkId> scope, Long id) {
    if (id == null) {
      throw new ApiProblemException(ProblemCode.VALIDATION_FAILED, "Identifiant de compte requis.");
    }
    if (id <= 0 || scope.isEmpty()) {
      throw LedgerProblems.problem(OperationReason.ACCOUNT_NOT_FOUND);
    }
    return ledger
        .accounts()
        .findIn(scope, new AccountId(id))
        .orElseThrow(() -> LedgerProblems.problem(OperationReason.ACCOUNT_NOT_FOUND));
  }

  /**
   * The account the caller holds in {@code network} as {@code kind} in {@code strand} (the oldest,
   * should they have several); 422 ACCOUNT_NOT_FOUND if they hold none.
   */
  public Account ownAccount(Caller caller, NetworkId network, OwnerKind kind, StrandKind strand) {
    return ownAccount(network, kind, caller.username(), strand)
        .orElseThrow(
            () ->
                new ApiProblemException(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    OperationReason.ACCOUNT_NOT_FOUND.name(),
                    "Vous n'avez pas de compte " + strand + " dans ce réseau.",
                    Map.of()));
  }

  Optional<Account> ownAccount(
      NetworkId network, OwnerKind kind, String ownerRef, StrandKind strand) {
    return ledger.accounts().findByOwner(network, kind, ownerRef).stream()
        .filter(a -> a.strand() == strand)
        .min(Comparator.comparing(a -> a.id().value()));
  }

  /** A strictly positive amount of {@code strand} in {@code network}, from the client's text. */
  public Amount amount(NetworkId network, StrandKind strand, String text) {
    return ApiAmounts.parse(text, networks.scale(network, strand));
  }

  public String format(NetworkId network, StrandKind strand, long minorUnits) {
    return Decimals.format(minorUnits, networks.scale(network, strand));
  }

  List<TransferView> views(List<Transfer> transfers) {
    return transfers.stream().map(this::view).toList();
  }

  TransferView view(Transfer transfer) {
    return TransferView.of(transfer, networks.network(transfer.network()));
  }

  /**
   * The ledger key for the caller's {@code Idempotency-Key}, theirs alone ({@code u<user
   * id>:<key>}, as for payments): the same key with the same request answers what was posted the
   * first time.
   */
  public static IdempotencyKey key(Caller caller, String clientKey) {
    return coop.sol.web.transfer.ClientKeys.ledgerKey(caller, clientKey);
  }

  /** 201 for what this request posted, 200 with {@code Idempotent-Replayed} for a retry. */
  static <T> ResponseEntity<T> posted(T body, boolean replayed) {
    if (replayed) {
      return ResponseEntity.ok().header("Idempotent-Replayed", "true").body(body);
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(body);
  }

  /** Records a privileged action of the caller in the network's audit log. */
  void audit(
      Caller caller,
      HttpServletRequest http,
      AuditAction action,
      NetworkId network,
      String target,
      Map<String, Object> details) {
    audit.record(caller, http, action, network, target, details);
  }
}

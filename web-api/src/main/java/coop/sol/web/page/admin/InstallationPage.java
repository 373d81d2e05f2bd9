package coop.sol.web.page.admin;

import coop.sol.web.database.ReplicaReads;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * {@code /admin/installation}: the installation's health as the administrator sees it — for now the
 * read replica: whether one is configured, where (host, port, database; never the URL's
 * parameters), whether reads that may lag go to it, its lag and the bound. The page reads what the
 * last check measured (every {@code sol.database.replica-check-interval}); no ledger data.
 */
@Hidden
@Controller
class InstallationPage {
  private final ReplicaReads replica;

  InstallationPage(ReplicaReads replica) {
    this.replica = replica;
  }

  /**
   * What the page shows of the replica.
   *
   * @param lagMillis the last lag measured, in milliseconds; null when unknown
   */
  record ReplicaView(
      boolean configured,
      String where,
      String state,
      boolean inService,
      Long lagMillis,
      long maxLagMillis,
      java.time.Instant checkedAt) {}

  @GetMapping("/admin/installation")
  String installation(Model model) {
    ReplicaReads.Status status = replica.status();
    ReplicaReads.Location at = replica.location();
    Duration lag = status.lag();
    model.addAttribute(
        "replica",
        new ReplicaView(
            replica.configured(),
            at == null ? null : at.host() + ":" + at.port() + "/" + at.database(),
            status.state().name(),
            replica.inService(),
            lag == null ? null : lag.toMillis(),
            replica.maxLag().toMillis(),
            status.checkedAt()));
    return "admin/installation";
  }
}

package coop.sol.web.page.coordinator;

import coop.sol.ledger.Operations;
import coop.sol.ledger.network.NetworkId;
import coop.sol.ledger.operation.Actor;
import coop.sol.ledger.payment.MemberPayments;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.auth.Caller;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The settings page's section on payments between members ({@link MemberPayments}): its value for
 * the page ({@code memberPaymentsAllowed}), and {@code POST /coordinator/settings/member-payments},
 * audited NETWORK_SETTINGS_CHANGED as the API's change. Apart from {@link SettingsPage}, whose
 * other sections it leaves alone.
 */
@Hidden
@Controller
@ControllerAdvice(assignableTypes = SettingsPage.class)
class MemberPaymentsSettings {
  private final Coordination coordination;
  private final MemberPayments memberPayments;

  MemberPaymentsSettings(Coordination coordination, Operations operations) {
    this.coordination = coordination;
    this.memberPayments = operations.memberPayments();
  }

  @ModelAttribute("memberPaymentsAllowed")
  boolean allowed(Caller caller) {
    return memberPayments.allowed(coordination.network(caller));
  }

  /**
   * @param allowed the checkbox: present when members may pay members
   */
  @PostMapping("/coordinator/settings/member-payments")
  String change(
      @RequestParam(defaultValue = "false") boolean allowed,
      Caller caller,
      HttpServletRequest http,
      RedirectAttributes redirect) {
    NetworkId network = coordination.network(caller);
    memberPayments.set(network, allowed, Actor.of(caller.username()));
    coordination.audit(
        caller,
        http,
        AuditAction.NETWORK_SETTINGS_CHANGED,
        network,
        "member payments",
        Map.of("allowed", allowed));
    redirect.addFlashAttribute("messageKey", "settings.memberPayments.saved");
    return "redirect:/coordinator/settings";
  }
}

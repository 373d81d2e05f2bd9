package coop.sol.web.page;

import coop.sol.merchant.qr.Caption;
import coop.sol.merchant.qr.QrSymbol;
import coop.sol.merchant.qr.SvgRenderer;
import coop.sol.web.audit.AuditAction;
import coop.sol.web.audit.AuditLog;
import coop.sol.web.audit.AuditRecord;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import coop.sol.web.user.AppUser;
import coop.sol.web.user.Totp;
import coop.sol.web.user.TotpSecret;
import coop.sol.web.user.Users;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /account/security}: the second factor (TOTP, RFC 6238). Coordinators and administrators
 * always have it; anyone else may turn it on: a new secret is shown as an {@code otpauth://} QR
 * code (and as text), kept in the session until a code from the authenticator app proves it was
 * saved; from then on every login, and every token created with the password, needs a code, and
 * HTTP Basic is refused, as for coordinators. Turning it off also takes a code. Both are audited.
 */
@Hidden
@Controller
class SecondFactorPages {
  /** The session attribute holding a secret shown but not yet confirmed. */
  static final String PENDING_SECRET = SecondFactorPages.class.getName() + ".pending";

  private final Users users;
  private final AuditLog audit;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;

  SecondFactorPages(Users users, AuditLog audit, Clock clock) {
    this.clock = clock;
    this.users = users;
    this.audit = audit;
  }

  @GetMapping("/account/security")
  String security(Caller caller, Model model) {
    AppUser user = users.find(caller.userId()).orElseThrow();
    model.addAttribute("roleRequires", user.roleRequiresSecondFactor());
    model.addAttribute("active", user.totpSecret().isPresent());
    return "account/security";
  }

  /** A new secret to save in an authenticator app, kept in the session until confirmed. */
  @PostMapping("/account/security/totp/start")
  String start(Caller caller, HttpSession session, Model model) {
    AppUser user = users.find(caller.userId()).orElseThrow();
    if (user.totpSecret().isPresent()) {
      return "redirect:/account/security";
    }
    String secret = TotpSecret.generate(random);
    session.setAttribute(PENDING_SECRET, secret);
    return enrolment(secret, model);
  }

  private String enrolment(String secret, Model model) {
    // groups of four, easier to type into an app by hand
    model.addAttribute("secret", secret.replaceAll("(.{4})(?!$)", "$1 "));
    return "account/totp-enrol";
  }

  /** The pending secret's {@code otpauth://} link as a QR code, for the authenticator app. */
  @GetMapping("/account/security/totp/qr.svg")
  ResponseEntity<String> qr(Caller caller, HttpSession session) {
    Object secret = session.getAttribute(PENDING_SECRET);
    if (!(secret instanceof String pending)) {
      return ResponseEntity.notFound().build();
    }
    String label = URLEncoder.encode("SOL:" + caller.username(), StandardCharsets.UTF_8);
    String uri =
        "otpauth://totp/"
            + label
            + "?secret="
            + pending
            + "&issuer=SOL&algorithm=SHA1&digits=6&period="
            + Totp.STEP_SECONDS;
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("image/svg+xml"))
        .cacheControl(CacheControl.noStore())
        .body(SvgRenderer.render(QrSymbol.encode(uri), Caption.none(), 6));
  }

  @PostMapping("/account/security/totp/confirm")
  String confirm(
      @RequestParam(required = false) String code,
      Caller caller,
      HttpSession session,
      HttpServletRequest http,
      Model model,
      RedirectAttributes redirect) {
    if (!(session.getAttribute(PENDING_SECRET) instanceof String secret)) {
      return "redirect:/account/security";
    }
    OptionalLong step =
        Totp.matchingStep(secret, code == null ? "" : code.strip(), clock.instant());
    if (step.isEmpty()) {
      model.addAttribute("errors", List.of(new FormError("code", "account.totp.code.invalid")));
      return enrolment(secret, model);
    }
    users.setTotpSecret(caller.userId(), secret, step.getAsLong());
    session.removeAttribute(PENDING_SECRET);
    record(caller, AuditAction.SECOND_FACTOR_ENABLED, http);
    redirect.addFlashAttribute("messageKey", "account.totp.enabled");
    return "redirect:/account/security";
  }

  @PostMapping("/account/security/totp/disable")
  String disable(
      @RequestParam(required = false) String code,
      Caller caller,
      HttpServletRequest http,
      Model model,
      RedirectAttributes redirect) {
    AppUser user = users.find(caller.userId()).orElseThrow();
    if (user.roleRequiresSecondFactor() || user.totpSecret().isEmpty()) {
      return "redirect:/account/security";
    }
    OptionalLong step =
        Totp.matchingStep(
            user.totpSecret().get(), code == null ? "" : code.strip(), clock.instant());
    if (step.isEmpty() || !users.acceptTotpStep(user.id(), step.getAsLong())) {
      model.addAttribute("errors", List.of(new FormError("code", "account.totp.code.invalid")));
      return security(caller, model);
    }
    users.setTotpSecret(caller.userId(), null, null);
    record(caller, AuditAction.SECOND_FACTOR_DISABLED, http);
    redirect.addFlashAttribute("messageKey", "account.totp.disabled");
    return "redirect:/account/security";
  }

  private void record(Caller caller, AuditAction action, HttpServletRequest http) {
    audit.record(
        new AuditRecord(
            action,
            caller.networks(),
            caller.networks().isEmpty(),
            caller.userId(),
            caller.username(),
            "user " + caller.username(),
            ClientAddress.of(http),
            Map.of()));
  }
}

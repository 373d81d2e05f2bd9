package coop.sol.web.page;

import coop.sol.merchant.qr.Caption;
import coop.sol.merchant.qr.QrSymbol;
import coop.sol.merchant.qr.SvgRenderer;
import coop.sol.web.auth.Caller;
import coop.sol.web.auth.ClientAddress;
import coop.sol.web.people.Activations;
import coop.sol.web.people.PasswordRules;
import coop.sol.web.people.Sessions;
import coop.sol.web.problem.ApiProblemException;
import coop.sol.web.problem.ProblemCode;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A person's own password, in pages: {@code /activate} (also {@code /activer}; public: the code is
 * the credential) to choose it with the activation code from one's letter, showing the second
 * factor's QR code when one's roles need it; {@code /account/password} to change it, which ends
 * one's other sessions and tokens. The same services as {@code /api/v1/auth/activate} and {@code
 * /api/v1/auth/password}.
 */
@Hidden
@Controller
class ActivationPages {
  private final Activations activations;
  private final ProblemMessages problems;

  ActivationPages(Activations activations, ProblemMessages problems) {
    this.activations = activations;
    this.problems = problems;
  }

  @GetMapping({"/activate", "/activer"})
  String activatePage(@RequestParam(required = false) String code, Model model) {
    model.addAttribute("code", code == null ? "" : code);
    model.addAttribute("errors", List.of());
    model.addAttribute("reasons", List.of());
    model.addAttribute("minLength", PasswordRules.MIN_LENGTH);
    return "public/activate";
  }

  @PostMapping({"/activate", "/activer"})
  String activate(
      @RequestParam(defaultValue = "") String code,
      @RequestParam(defaultValue = "") String password,
      @RequestParam(defaultValue = "") String confirmation,
      HttpServletRequest http,
      Locale locale,
      Model model) {
    List<FormError> errors = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    model.addAttribute("code", code.strip());
    model.addAttribute("minLength", PasswordRules.MIN_LENGTH);
    if (!password.equals(confirmation)) {
      errors.add(new FormError("confirmation", "activate.confirmation.mismatch"));
    } else {
      try {
        Activations.Activated done =
            activations.activate(code, password, ClientAddress.of(http), locale);
        model.addAttribute("username", done.username());
        if (done.totpSecret() != null) {
          model.addAttribute("secret", done.totpSecret().replaceAll("(.{4})(?!$)", "$1 "));
          model.addAttribute(
              "qr", SvgRenderer.render(QrSymbol.encode(done.otpauthUri()), Caption.none(), 6));
        }
        return "public/activated";
      } catch (ApiProblemException e) {
        collect(e, "password", errors, reasons);
        if (e.code().equals(ProblemCode.ACTIVATION_INVALID.name())) {
          errors.clear();
          errors.add(new FormError("code", problems.problemKey(e.code())));
        }
      }
    }
    model.addAttribute("errors", errors);
    model.addAttribute("reasons", reasons);
    return "public/activate";
  }

  @GetMapping("/account/password")
  String passwordPage(Model model) {
    model.addAttribute("errors", List.of());
    model.addAttribute("reasons", List.of());
    model.addAttribute("minLength", PasswordRules.MIN_LENGTH);
    return "account/password";
  }

  @PostMapping("/account/password")
  String change(
      @RequestParam(defaultValue = "") String currentPassword,
      @RequestParam(defaultValue = "") String newPassword,
      @RequestParam(defaultValue = "") String confirmation,
      Caller caller,
      HttpServletRequest http,
      HttpServletResponse response,
      Locale locale,
      Model model) {
    List<FormError> errors = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    model.addAttribute("minLength", PasswordRules.MIN_LENGTH);
    if (!newPassword.equals(confirmation)) {
      errors.add(new FormError("confirmation", "activate.confirmation.mismatch"));
    } else {
      try {
        long version =
            activations.change(
                caller.userId(),
                currentPassword,
                newPassword,
                caller.tokenId(),
                ClientAddress.of(http),
                locale);
        Sessions.keep(version, http, response);
        model.addAttribute("changed", true);
      } catch (ApiProblemException e) {
        collect(
            e,
            e.code().equals(ProblemCode.CURRENT_PASSWORD_INVALID.name())
                ? "currentPassword"
                : "newPassword",
            errors,
            reasons);
      }
    }
    model.addAttribute("errors", errors);
    model.addAttribute("reasons", reasons);
    return "account/password";
  }

  /** A refusal as the form shows it: its message, and a weak password's reasons. */
  @SuppressWarnings("unchecked")
  private void collect(
      ApiProblemException e, String field, List<FormError> errors, List<String> reasons) {
    errors.add(new FormError(field, problems.problemKey(e.code())));
    Object described = e.properties().get("reasons");
    if (described instanceof List<?> list) {
      for (Object reason : list) {
        if (reason instanceof Map<?, ?> map && map.get("message") instanceof String message) {
          reasons.add(message);
        }
      }
    }
  }
}

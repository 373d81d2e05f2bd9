package coop.sol.web.page;

import coop.sol.web.notice.PasswordResets;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /forgot-password}, before logging in: an email address in, the same answer out whether or
 * not it is someone's ({@link PasswordResets}).
 */
@Hidden
@Controller
class ForgotPasswordPages {
  private final PasswordResets resets;

  ForgotPasswordPages(PasswordResets resets) {
    this.resets = resets;
  }

  @GetMapping("/forgot-password")
  String form(Model model) {
    model.addAttribute("available", resets.available());
    return "forgot-password";
  }

  @PostMapping("/forgot-password")
  String request(
      @RequestParam(required = false) String email,
      Model model,
      jakarta.servlet.http.HttpServletRequest http) {
    resets.request(email, coop.sol.web.auth.ClientAddress.of(http));
    model.addAttribute("available", resets.available());
    model.addAttribute("sent", true);
    return "forgot-password";
  }
}

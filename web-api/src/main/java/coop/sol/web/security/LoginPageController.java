package coop.sol.web.security;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The login form ({@code templates/login.html}): username, password, and the TOTP code that
 * coordinators and administrators must give. Spring Security's generated page has no field for the
 * code, hence this one. It posts to {@code /login} with the session's CSRF token, in the user's
 * language ({@code ?lang=en}).
 */
@Hidden // a page, not part of the API
@Controller
class LoginPageController {

  @GetMapping(path = "/login")
  String loginPage(
      @RequestParam(required = false) String locked,
      @RequestParam(required = false) String error,
      @RequestParam(required = false) String logout,
      Model model) {
    if (locked != null) {
      model.addAttribute("messageKey", "login.locked");
      model.addAttribute("isError", true);
    } else if (error != null) {
      model.addAttribute("messageKey", "login.error");
      model.addAttribute("isError", true);
    } else if (logout != null) {
      model.addAttribute("messageKey", "login.loggedOut");
      model.addAttribute("isError", false);
    }
    return "login";
  }
}

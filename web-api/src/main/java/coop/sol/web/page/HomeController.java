package coop.sol.web.page;

import coop.sol.web.auth.Caller;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /}: after logging in, each user lands on their role's home page. */
@Hidden
@Controller
class HomeController {

  @GetMapping("/")
  String home(Caller caller) {
    return "redirect:" + HomePages.home(caller);
  }
}

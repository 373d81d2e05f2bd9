package coop.sol.web.security;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The login form: username, password, and the TOTP code that coordinators and administrators must
 * give. Spring Security's generated page has no field for the code, hence this one. It posts to
 * {@code /login} with the session's CSRF token.
 */
@Hidden // a page, not part of the API
@RestController
class LoginPageController {

  @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
  String loginPage(HttpServletRequest request) {
    CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    String message = "";
    if (request.getParameter("locked") != null) {
      message =
          "<p class=\"error\">Trop d'échecs de connexion : réessayez dans quelques minutes.</p>";
    } else if (request.getParameter("error") != null) {
      message = "<p class=\"error\">Identifiants ou code TOTP incorrects.</p>";
    } else if (request.getParameter("logout") != null) {
      message = "<p>Vous êtes déconnecté.</p>";
    }
    String csrfField =
        csrf == null
            ? ""
            : "<input type=\"hidden\" name=\""
                + HtmlUtils.htmlEscape(csrf.getParameterName())
                + "\" value=\""
                + HtmlUtils.htmlEscape(csrf.getToken())
                + "\">";
    return """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Connexion — SOL</title>
        <link rel="stylesheet" href="login.css">
        </head>
        <body>
        <h1>Connexion à SOL</h1>
        %s
        <form method="post" action="login">
        <label>Nom d'utilisateur <input name="username" autocomplete="username" required></label>
        <label>Mot de passe
          <input name="password" type="password" autocomplete="current-password" required></label>
        <label>Code TOTP (coordinateurs et administrateurs)
          <input name="totp" inputmode="numeric" pattern="[0-9]{6}" autocomplete="one-time-code"></label>
        %s
        <button type="submit">Se connecter</button>
        </form>
        </body>
        </html>
        """
        .formatted(message, csrfField);
  }
}

package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Journey: the language switch, French (the default) to English and back, before and after login.
 */
@SolApplicationTest
class LanguageBrowserIT {
  private static Browser browser;

  @BeforeAll
  static void startBrowser(@Autowired ApplicationContext context, @LocalServerPort int port) {
    browser = Browser.start(port, Callers.of(port, context));
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private String lang() {
    return browser.find("html").getAttribute("lang");
  }

  @Test
  void french_then_english_then_french() {
    browser.open("/login");
    assertThat(lang()).isEqualTo("fr");
    assertThat(browser.text("h1")).isEqualTo("Connexion à SOL");
    assertThat(browser.text("label[for=password]")).isEqualTo("Mot de passe");
    browser.screenshots("language", "login-fr");

    browser.follow("English");
    browser.waitUntil(d -> "en".equals(lang()));
    assertThat(browser.text("h1")).isEqualTo("Log in to SOL");
    assertThat(browser.text("label[for=password]")).isEqualTo("Password");
    browser.screenshots("language", "login-en");

    // the choice outlives the login (a cookie), and the home page follows it
    browser.fillLogin("alice");
    assertThat(lang()).isEqualTo("en");
    assertThat(browser.text("form.logout button")).isEqualTo("Log out");
    browser.screenshots("language", "home-en");

    browser.follow("Français");
    browser.waitUntil(d -> "fr".equals(lang()));
    assertThat(browser.text("form.logout button")).isEqualTo("Se déconnecter");
    browser.screenshots("language", "home-fr");

    // a page of another role: refused, in plain words, in the page's language
    browser.open("/till");
    assertThat(browser.text("[data-error-status]"))
        .isEqualTo("Cette page n'est pas accessible avec votre compte.");
    browser.screenshots("language", "error-403");
    browser.open("/member");
    browser.logOut();
    assertThat(browser.find("p.message").getText()).isEqualTo("Vous êtes déconnecté.");
  }
}

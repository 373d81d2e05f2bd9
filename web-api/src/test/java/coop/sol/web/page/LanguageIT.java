package coop.sol.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import coop.sol.ledger.network.Network;
import coop.sol.web.Callers;
import coop.sol.web.SolApplicationTest;
import coop.sol.web.user.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * The pages' language: the browser's Accept-Language, unless the person chose one (the language
 * links on this browser, or their profile); French when nothing says otherwise.
 */
@SolApplicationTest
class LanguageIT {
  private final int port;
  private final Callers callers;

  @Autowired
  LanguageIT(@LocalServerPort int port, ApplicationContext context) {
    this.port = port;
    this.callers = Callers.of(port, context);
  }

  private static String lang(String html) {
    int at = html.indexOf("<html");
    int quote = html.indexOf("lang=\"", at) + 6;
    return html.substring(quote, html.indexOf('"', quote));
  }

  @Test
  void a_browser_asking_for_english_gets_english_and_any_other_gets_french() {
    assertThat(lang(new PageSession(port, callers).speaking("en-GB,en;q=0.9").get("/login").body()))
        .isEqualTo("en");
    assertThat(new PageSession(port, callers).speaking("en-US").get("/login").body())
        .contains("Log in to SOL");
    assertThat(lang(new PageSession(port, callers).speaking("de-DE,de").get("/login").body()))
        .isEqualTo("fr");
    assertThat(lang(new PageSession(port, callers).speaking("fr-FR,en;q=0.5").get("/login").body()))
        .isEqualTo("fr");
    assertThat(lang(new PageSession(port, callers).get("/login").body())).isEqualTo("fr");
    assertThat(lang(new PageSession(port, callers).speaking("not a range;;").get("/login").body()))
        .isEqualTo("fr");
  }

  @Test
  void the_language_links_win_over_the_browser() {
    PageSession session = new PageSession(port, callers).speaking("en-US,en");
    assertThat(lang(session.get("/login?lang=fr").body())).isEqualTo("fr");
    assertThat(lang(session.get("/login").body())).isEqualTo("fr");
  }

  @Test
  void the_profile_language_wins_over_the_browser_both_ways() {
    Network network = callers.newNetwork("langue");
    String french = callers.newUser("francais", Role.MEMBER, network, null);
    PageSession frenchSession = PageSession.logIn(port, callers, french, false);
    frenchSession.submit(
        "/account/profile", "/account/profile", "displayName", "Francophone", "language", "fr");
    frenchSession.speaking("en-US,en;q=0.9");
    assertThat(lang(frenchSession.get("/member").body())).isEqualTo("fr");

    String english = callers.newUser("anglais", Role.MEMBER, network, null);
    PageSession englishSession = PageSession.logIn(port, callers, english, false);
    englishSession.submit(
        "/account/profile", "/account/profile", "displayName", "Anglophone", "language", "en");
    englishSession.speaking("fr-FR,fr");
    assertThat(englishSession.get("/member").body()).contains("My balances");

    // no choice in the profile: the browser's
    String undecided = callers.newUser("indecis", Role.MEMBER, network, null);
    PageSession undecidedSession =
        PageSession.logIn(port, callers, undecided, false).speaking("en");
    assertThat(lang(undecidedSession.get("/member").body())).isEqualTo("en");
  }
}

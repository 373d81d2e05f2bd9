package coop.sol.web.page;

import coop.sol.web.people.ActivationLetters;
import coop.sol.web.people.People;
import coop.sol.web.user.Role;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;

/**
 * The page that shows an activation code once, wherever it was issued (a coordinator's, an
 * administrator's or a merchant's page): the code, its link, until when it works, and a button that
 * posts the code back to have the letter printed (the code is stored hashed only).
 */
public final class IssuedActivations {
  private static final ZoneId ZONE = ZoneId.of("Europe/Paris");

  private IssuedActivations() {}

  /**
   * @param letterAction where the print button posts the code
   * @param back the page to go back to
   * @return the view's name
   */
  public static String show(
      People.Issued issued, String letterAction, String back, Locale locale, Model model) {
    model.addAttribute("issued", issued);
    model.addAttribute("roles", issued.roles().stream().map(Role::name).toList());
    model.addAttribute("pendingRoles", issued.pendingRoles().stream().map(Role::name).toList());
    model.addAttribute("letterAction", letterAction);
    model.addAttribute("back", back);
    model.addAttribute(
        "expires",
        DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
            .withLocale(locale)
            .format(issued.expiresAt().atZone(ZONE)));
    return "people/issued";
  }

  /** The letter as a PDF download, never cached. */
  public static ResponseEntity<byte[]> pdf(ActivationLetters letters, People.Letter letter) {
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .cacheControl(CacheControl.noStore())
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("activation-" + letter.username() + ".pdf")
                .build()
                .toString())
        .body(letters.render(letter));
  }
}

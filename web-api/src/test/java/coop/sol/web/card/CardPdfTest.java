package coop.sol.web.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.parser.PdfTextExtractor;
import org.junit.jupiter.api.Test;

/** The printed card: ID-1 pages, and what they say. */
class CardPdfTest {
  static final String CODE =
      "AQRjksgWB7f1AQLJ9KUBDs6kw0wtyUhcapA9JRq6Tu_ea3WDxjh_BRcCSqwjh7yi5GdG3yL1LnrrSuP7B620dyqJkO3D7s2ZrCLh6OB8Ag";

  @Test
  void a_card_is_85_6_by_54_mm_with_the_network_the_holder_and_the_number() throws Exception {
    for (boolean large : new boolean[] {false, true}) {
      byte[] pdf = CardPdf.render("SOL Démo", "Jeanne Martin", "492103785562", CODE, large);
      var reader = new PdfReader(pdf);
      assertThat(reader.getNumberOfPages()).isEqualTo(large ? 2 : 1);
      for (int page = 1; page <= reader.getNumberOfPages(); page++) {
        // 85.6 mm and 54 mm in points (1/72 inch)
        assertThat(reader.getPageSize(page).getWidth()).isCloseTo(242.65f, within(0.01f));
        assertThat(reader.getPageSize(page).getHeight()).isCloseTo(153.07f, within(0.01f));
      }
      String front = new PdfTextExtractor(reader).getTextFromPage(1);
      assertThat(front).contains("SOL Démo").contains("Jeanne Martin").contains("4921 0378 5562");
      reader.close();
    }
  }
}

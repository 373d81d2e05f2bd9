package coop.sol.merchant.qr;

import static coop.sol.merchant.fixtures.Fixtures.BASE_URL;
import static coop.sol.merchant.fixtures.Fixtures.NETWORK;
import static coop.sol.merchant.fixtures.Fixtures.NETWORK_KEY;
import static coop.sol.merchant.fixtures.Fixtures.NOW;
import static coop.sol.merchant.fixtures.Fixtures.TRUSTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.common.BitMatrix;
import coop.sol.merchant.code.PaymentCode;
import coop.sol.merchant.code.PaymentCodes;
import coop.sol.merchant.code.Verification.Verified;
import coop.sol.merchant.fixtures.Fixtures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class RenderersTest {

  private static final Caption CAPTION =
      Caption.amount(1_250, AmountFormat.SOL, "Boulangerie du Coin");

  static Stream<PaymentCode> everyKind() {
    return Fixtures.oneOfEachKind().stream();
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void pngRoundTripsThroughScanningAndVerification(PaymentCode code) throws IOException {
    QrSymbol symbol = QrSymbol.encode(PaymentCodes.sign(code, NETWORK_KEY).link(BASE_URL));

    byte[] png = PngRenderer.png(symbol, CAPTION, 4);
    BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));

    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    assertThat(PaymentCodeScanner.scanAndVerify(read, TRUSTED, NETWORK, NOW))
        .isEqualTo(new Verified(code, NETWORK_KEY.id()));
  }

  @Test
  void pngDrawsEachModuleAsASquareInsideAWhiteQuietZoneWithTheCaptionBelow() {
    QrSymbol symbol = QrSymbol.encode(BASE_URL + "/p/AAAA");
    int module = 5;

    BufferedImage image = PngRenderer.render(symbol, CAPTION, module);

    int side = symbol.sizeWithQuietZone() * module;
    assertThat(image.getWidth()).isEqualTo(side);
    assertThat(image.getHeight()).isGreaterThan(side + 2 * 3 * module);
    for (int y = 0; y < symbol.sizeWithQuietZone(); y++) {
      for (int x = 0; x < symbol.sizeWithQuietZone(); x++) {
        int qx = x - QrSymbol.QUIET_ZONE;
        int qy = y - QrSymbol.QUIET_ZONE;
        boolean dark =
            qx >= 0 && qy >= 0 && qx < symbol.size() && qy < symbol.size() && symbol.isDark(qx, qy);
        int centre =
            image.getRaster().getSample(x * module + module / 2, y * module + module / 2, 0);
        assertThat(centre).as("module %d,%d", x, y).isEqualTo(dark ? 0 : 255);
      }
    }
    assertThat(darkPixelsIn(image, side, image.getHeight())).as("caption ink").isGreaterThan(100);
  }

  @Test
  void pngWithoutCaptionIsSquare() {
    QrSymbol symbol = QrSymbol.encode(BASE_URL + "/p/AAAA");

    BufferedImage image = PngRenderer.render(symbol, Caption.none(), 3);

    assertThat(image.getHeight()).isEqualTo(image.getWidth());
  }

  @Test
  void overlongMerchantNameIsShrunkOrCutButTheCodeStillReads() {
    String link = PaymentCodes.sign(Fixtures.aStaticCode(), NETWORK_KEY).link(BASE_URL);
    Caption caption = Caption.merchant("Coopérative des Boulangers Solidaires ".repeat(4).strip());

    BufferedImage image = PngRenderer.render(QrSymbol.encode(link), caption, 2);

    assertThat(QrScanner.scan(image)).containsExactly(link);
  }

  @Test
  void amountIsWrittenWithTheGivenScale() {
    assertThat(AmountFormat.SOL.format(1_250)).isEqualTo("12.50 SOL");
    assertThat(AmountFormat.SOL.format(5)).isEqualTo("0.05 SOL");
    assertThat(AmountFormat.SOL.format(1_000_000_00)).isEqualTo("1000000.00 SOL");
    assertThat(new AmountFormat(0, "h").format(3)).isEqualTo("3 h");
    assertThat(Caption.amount(1_250, AmountFormat.SOL, "Boulangerie").lines())
        .containsExactly("12.50 SOL", "Boulangerie");
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void svgModuleGridIsExactlyTheSymbol(PaymentCode code) throws Exception {
    QrSymbol symbol = QrSymbol.encode(PaymentCodes.sign(code, NETWORK_KEY).link(BASE_URL));

    Document svg = parse(SvgRenderer.render(symbol, CAPTION, 4));

    Element root = svg.getDocumentElement();
    int side = symbol.sizeWithQuietZone();
    assertThat(root.getTagName()).isEqualTo("svg");
    assertThat(root.getAttribute("viewBox")).startsWith("0 0 " + side + " ");
    assertThat(root.getAttribute("width")).isEqualTo(Integer.toString(side * 4));
    NodeList paths = svg.getElementsByTagName("path");
    assertThat(paths.getLength()).isEqualTo(1);
    BitMatrix drawn = gridOf(((Element) paths.item(0)).getAttribute("d"), side);
    assertThat(drawn).isEqualTo(withQuietZone(symbol.modules()));
  }

  @Test
  void svgCaptionIsEscapedTextBelowTheCode() throws Exception {
    QrSymbol symbol = QrSymbol.encode(BASE_URL + "/p/AAAA");
    Caption caption = Caption.amount(99, AmountFormat.SOL, "Café \"Tom & Jerry\" <3");

    Document svg = parse(SvgRenderer.render(symbol, caption, 4));

    NodeList texts = svg.getElementsByTagName("text");
    assertThat(texts.getLength()).isEqualTo(2);
    assertThat(texts.item(0).getTextContent()).isEqualTo("0.99 SOL");
    assertThat(((Element) texts.item(0)).getAttribute("font-weight")).isEqualTo("bold");
    assertThat(texts.item(1).getTextContent()).isEqualTo("Café \"Tom & Jerry\" <3");
    double firstBaseline = Double.parseDouble(((Element) texts.item(0)).getAttribute("y"));
    assertThat(firstBaseline).isGreaterThan(symbol.sizeWithQuietZone());
    assertThat(
            parse(SvgRenderer.render(symbol, Caption.none(), 1))
                .getElementsByTagName("text")
                .getLength())
        .isZero();
  }

  @Test
  void terminalTextHoldsTheSymbolInHalfBlocksEitherWayRound() {
    String link = PaymentCodes.sign(Fixtures.aPaymentRequest(), NETWORK_KEY).link(BASE_URL);
    QrSymbol symbol = QrSymbol.encode(link);
    BitMatrix expected = withQuietZone(symbol.modules());

    for (TerminalRenderer.Colours colours : TerminalRenderer.Colours.values()) {
      String text = TerminalRenderer.render(symbol, colours);

      List<String> lines = text.lines().toList();
      assertThat(lines).hasSize((symbol.sizeWithQuietZone() + 1) / 2);
      assertThat(lines).allSatisfy(line -> assertThat(line).hasSize(symbol.sizeWithQuietZone()));
      assertThat(text).matches("[▀▄█ \n]+");
      BitMatrix read = fromTerminal(lines, colours, symbol.sizeWithQuietZone());
      assertThat(read).as(colours.name()).isEqualTo(expected);
      // And a camera pointed at that terminal reads the link.
      assertThat(QrScanner.scan(screenshot(read, 3))).containsExactly(link);
    }
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    return factory
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  /** Fills the rectangles "M x y h run v1 h -run z" of a path into a grid. */
  private static BitMatrix gridOf(String d, int side) {
    BitMatrix grid = new BitMatrix(side);
    Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z").matcher(d);
    int consumed = 0;
    while (run.find()) {
      assertThat(run.start()).as("nothing between rectangles").isEqualTo(consumed);
      consumed = run.end();
      int x = Integer.parseInt(run.group(1));
      int y = Integer.parseInt(run.group(2));
      int length = Integer.parseInt(run.group(3));
      assertThat(run.group(4)).isEqualTo(run.group(3));
      for (int i = 0; i < length; i++) {
        assertThat(grid.get(x + i, y)).as("module %d,%d drawn twice", x + i, y).isFalse();
        grid.set(x + i, y);
      }
    }
    assertThat(consumed).isEqualTo(d.length());
    return grid;
  }

  private static BitMatrix withQuietZone(BitMatrix modules) {
    int side = modules.getWidth() + 2 * QrSymbol.QUIET_ZONE;
    BitMatrix grid = new BitMatrix(side);
    for (int y = 0; y < modules.getHeight(); y++) {
      for (int x = 0; x < modules.getWidth(); x++) {
        if (modules.get(x, y)) {
          grid.set(x + QrSymbol.QUIET_ZONE, y + QrSymbol.QUIET_ZONE);
        }
      }
    }
    return grid;
  }

  /** Dark modules as the half blocks say, quiet zone included. */
  private static BitMatrix fromTerminal(
      List<String> lines, TerminalRenderer.Colours colours, int side) {
    BitMatrix grid = new BitMatrix(side);
    for (int row = 0; row < lines.size(); row++) {
      for (int x = 0; x < side; x++) {
        char block = lines.get(row).charAt(x);
        boolean upperInk = block == '▀' || block == '█';
        boolean lowerInk = block == '▄' || block == '█';
        boolean inkIsDark = colours == TerminalRenderer.Colours.DARK_TEXT_ON_LIGHT;
        if (upperInk == inkIsDark) {
          grid.set(x, 2 * row);
        }
        if (2 * row + 1 < side && lowerInk == inkIsDark) {
          grid.set(x, 2 * row + 1);
        }
      }
    }
    return grid;
  }

  /** The grid as a screen shows it, {@code pixels} per module. */
  private static BufferedImage screenshot(BitMatrix grid, int pixels) {
    BufferedImage image =
        new BufferedImage(
            grid.getWidth() * pixels, grid.getHeight() * pixels, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setColor(Color.BLACK);
    for (int y = 0; y < grid.getHeight(); y++) {
      for (int x = 0; x < grid.getWidth(); x++) {
        if (grid.get(x, y)) {
          g.fillRect(x * pixels, y * pixels, pixels, pixels);
        }
      }
    }
    g.dispose();
    return image;
  }

  private static int darkPixelsIn(BufferedImage image, int fromY, int toY) {
    int dark = 0;
    for (int y = fromY; y < toY; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (image.getRaster().getSample(x, y, 0) < 128) {
          dark++;
        }
      }
    }
    return dark;
  }
}

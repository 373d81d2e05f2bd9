package coop.sol.web.page;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * A video for Chromium's fake camera ({@code --use-file-for-fake-video-capture}): a Y4M file whose
 * single frame shows a picture (a QR code) on a white background, as a phone held in front of it
 * would film it.
 */
final class CameraVideo {
  private static final int WIDTH = 640;
  private static final int HEIGHT = 480;

  private CameraVideo() {}

  /** Writes {@code png} centred in a 640×480 frame, as 4:2:0 Y4M, to a new temporary file. */
  static Path of(byte[] png) throws IOException {
    BufferedImage picture = ImageIO.read(new ByteArrayInputStream(png));
    BufferedImage frame = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = frame.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    double scale =
        Math.min((HEIGHT - 40.0) / picture.getHeight(), (WIDTH - 40.0) / picture.getWidth());
    int w = (int) (picture.getWidth() * scale);
    int h = (int) (picture.getHeight() * scale);
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.drawImage(picture, (WIDTH - w) / 2, (HEIGHT - h) / 2, w, h, null);
    g.dispose();

    Path file = Files.createTempFile("sol-camera-", ".y4m");
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(
          ("YUV4MPEG2 W" + WIDTH + " H" + HEIGHT + " F10:1 Ip A1:1 C420jpeg\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
      byte[] luma = new byte[WIDTH * HEIGHT];
      for (int y = 0; y < HEIGHT; y++) {
        for (int x = 0; x < WIDTH; x++) {
          int rgb = frame.getRGB(x, y);
          int r = (rgb >> 16) & 0xff;
          int gr = (rgb >> 8) & 0xff;
          int b = rgb & 0xff;
          luma[y * WIDTH + x] = (byte) ((299 * r + 587 * gr + 114 * b) / 1000);
        }
      }
      out.write(luma);
      // grey pictures: no colour difference
      byte[] chroma = new byte[(WIDTH / 2) * (HEIGHT / 2)];
      java.util.Arrays.fill(chroma, (byte) 128);
      out.write(chroma);
      out.write(chroma);
    }
    return file;
  }
}

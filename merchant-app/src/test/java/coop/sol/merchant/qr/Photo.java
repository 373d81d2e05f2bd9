package coop.sol.merchant.qr;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.util.Random;

/**
 * Turns a clean rendering into what a camera sees, with plain java.awt: every method returns a new
 * greyscale image and leaves its input alone. Test code only, deterministic for a given Random.
 */
final class Photo {

  private Photo() {}

  /** A busy scene: a diagonal light gradient, random grey blocks and lines, and pixel noise. */
  static BufferedImage busyBackground(int width, int height, Random random) {
    BufferedImage scene = grey(width, height);
    Graphics2D g = scene.createGraphics();
    try {
      g.setPaint(
          new GradientPaint(0, 0, new Color(90, 90, 90), width, height, new Color(235, 235, 235)));
      g.fillRect(0, 0, width, height);
      for (int i = 0; i < 60; i++) {
        int shade = random.nextInt(256);
        g.setColor(new Color(shade, shade, shade));
        int x = random.nextInt(width);
        int y = random.nextInt(height);
        if (i % 2 == 0) {
          g.fillRect(x, y, 5 + random.nextInt(width / 6), 5 + random.nextInt(height / 6));
        } else {
          g.drawLine(x, y, random.nextInt(width), random.nextInt(height));
        }
      }
    } finally {
      g.dispose();
    }
    return noise(scene, 12, random);
  }

  /** A plain sheet of paper of the given grey. */
  static BufferedImage plain(int width, int height, int shade) {
    BufferedImage sheet = grey(width, height);
    Graphics2D g = sheet.createGraphics();
    try {
      g.setColor(new Color(shade, shade, shade));
      g.fillRect(0, 0, width, height);
    } finally {
      g.dispose();
    }
    return sheet;
  }

  /** {@code code} drawn onto a copy of {@code scene} with its top-left corner at (x, y). */
  static BufferedImage place(BufferedImage scene, BufferedImage code, int x, int y) {
    BufferedImage out = copy(scene);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(code, x, y, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Turned by {@code degrees} about its centre, on a canvas large enough, corners filled. */
  static BufferedImage rotate(BufferedImage image, double degrees, int fill) {
    double radians = Math.toRadians(degrees);
    double sin = Math.abs(Math.sin(radians));
    double cos = Math.abs(Math.cos(radians));
    int width = (int) Math.ceil(image.getWidth() * cos + image.getHeight() * sin);
    int height = (int) Math.ceil(image.getWidth() * sin + image.getHeight() * cos);
    BufferedImage out = plain(width, height, fill);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      AffineTransform turn = new AffineTransform();
      turn.translate(width / 2.0, height / 2.0);
      turn.rotate(radians);
      turn.translate(-image.getWidth() / 2.0, -image.getHeight() / 2.0);
      g.drawImage(image, turn, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /**
   * Seen at an angle: the image's corners go to the four given points (top-left, top-right,
   * bottom-right, bottom-left) of a new canvas. Each output pixel is mapped back through the
   * inverse homography and sampled bilinearly.
   */
  static BufferedImage perspective(
      BufferedImage image, int width, int height, double[] corners, int fill) {
    double w = image.getWidth();
    double h = image.getHeight();
    // Homography from the canvas back to the source: invert source -> canvas.
    double[] toCanvas =
        squareToQuad(corners).times(quadToSquare(new double[] {0, 0, w, 0, w, h, 0, h}));
    double[] toSource = invert(toCanvas);
    BufferedImage out = grey(width, height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        double d = toSource[6] * x + toSource[7] * y + toSource[8];
        double sx = (toSource[0] * x + toSource[1] * y + toSource[2]) / d;
        double sy = (toSource[3] * x + toSource[4] * y + toSource[5]) / d;
        out.getRaster().setSample(x, y, 0, sample(image, sx, sy, fill));
      }
    }
    return out;
  }

  /** Scaled so its width is {@code width} pixels, averaging pixels as a small sensor does. */
  static BufferedImage scaleToWidth(BufferedImage image, int width) {
    int height = (int) Math.round((double) image.getHeight() * width / image.getWidth());
    java.awt.Image scaled =
        image.getScaledInstance(width, height, java.awt.Image.SCALE_AREA_AVERAGING);
    BufferedImage out = grey(width, height);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(scaled, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Out of focus: a Gaussian blur of standard deviation {@code sigma} pixels. */
  static BufferedImage blur(BufferedImage image, double sigma) {
    int radius = (int) Math.ceil(3 * sigma);
    int size = 2 * radius + 1;
    float[] weights = new float[size];
    float sum = 0;
    for (int i = 0; i < size; i++) {
      weights[i] = (float) Math.exp(-((i - radius) * (i - radius)) / (2 * sigma * sigma));
      sum += weights[i];
    }
    for (int i = 0; i < size; i++) {
      weights[i] /= sum;
    }
    // Separable: blur rows, then columns. EDGE_NO_OP keeps the border instead of blackening it.
    BufferedImage rows =
        new ConvolveOp(new Kernel(size, 1, weights), ConvolveOp.EDGE_NO_OP, null)
            .filter(image, null);
    return new ConvolveOp(new Kernel(1, size, weights), ConvolveOp.EDGE_NO_OP, null)
        .filter(rows, null);
  }

  /** Camera shake: a horizontal box blur {@code length} pixels long. */
  static BufferedImage boxBlur(BufferedImage image, int length) {
    float[] weights = new float[length];
    java.util.Arrays.fill(weights, 1f / length);
    return new ConvolveOp(new Kernel(length, 1, weights), ConvolveOp.EDGE_NO_OP, null)
        .filter(image, null);
  }

  /**
   * Dim light, grey ink: black becomes {@code dark}, white becomes {@code light}; with {@code dark
   * > light} the code comes out light on dark, as on a screen in dark mode.
   */
  static BufferedImage contrast(BufferedImage image, int dark, int light) {
    BufferedImage out = grey(image.getWidth(), image.getHeight());
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int v = image.getRaster().getSample(x, y, 0);
        out.getRaster().setSample(x, y, 0, dark + (light - dark) * v / 255);
      }
    }
    return out;
  }

  /** Sensor noise: each pixel moved by a Gaussian of the given standard deviation. */
  static BufferedImage noise(BufferedImage image, double sigma, Random random) {
    BufferedImage out = copy(image);
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int v =
            (int) Math.round(image.getRaster().getSample(x, y, 0) + random.nextGaussian() * sigma);
        out.getRaster().setSample(x, y, 0, Math.max(0, Math.min(255, v)));
      }
    }
    return out;
  }

  /** The image as 8-bit grey, as every method here expects. */
  static BufferedImage grey(BufferedImage image) {
    BufferedImage out = grey(image.getWidth(), image.getHeight());
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static BufferedImage grey(int width, int height) {
    return new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
  }

  private static BufferedImage copy(BufferedImage image) {
    return grey(image);
  }

  private static int sample(BufferedImage image, double x, double y, int fill) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    if (x0 < 0 || y0 < 0 || x0 + 1 >= image.getWidth() || y0 + 1 >= image.getHeight()) {
      return fill;
    }
    double fx = x - x0;
    double fy = y - y0;
    double top = pixel(image, x0, y0) * (1 - fx) + pixel(image, x0 + 1, y0) * fx;
    double bottom = pixel(image, x0, y0 + 1) * (1 - fx) + pixel(image, x0 + 1, y0 + 1) * fx;
    return (int) Math.round(top * (1 - fy) + bottom * fy);
  }

  private static int pixel(BufferedImage image, int x, int y) {
    return image.getRaster().getSample(x, y, 0);
  }

  /** A 3x3 matrix, row-major, as in Heckbert's "Fundamentals of Texture Mapping" (1989). */
  private record Matrix(double[] m) {
    double[] times(Matrix other) {
      double[] r = new double[9];
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          for (int k = 0; k < 3; k++) {
            r[3 * i + j] += m[3 * i + k] * other.m[3 * k + j];
          }
        }
      }
      return r;
    }
  }

  /** The homography taking the unit square's corners to the quad (x0,y0 .. x3,y3). */
  private static Matrix squareToQuad(double[] q) {
    double x0 = q[0], y0 = q[1], x1 = q[2], y1 = q[3], x2 = q[4], y2 = q[5], x3 = q[6], y3 = q[7];
    double dx1 = x1 - x2, dx2 = x3 - x2, dx3 = x0 - x1 + x2 - x3;
    double dy1 = y1 - y2, dy2 = y3 - y2, dy3 = y0 - y1 + y2 - y3;
    double den = dx1 * dy2 - dx2 * dy1;
    double g = (dx3 * dy2 - dx2 * dy3) / den;
    double h = (dx1 * dy3 - dx3 * dy1) / den;
    return new Matrix(
        new double[] {
          x1 - x0 + g * x1, x3 - x0 + h * x3, x0, y1 - y0 + g * y1, y3 - y0 + h * y3, y0, g, h, 1
        });
  }

  private static Matrix quadToSquare(double[] q) {
    return new Matrix(invert(squareToQuad(q).m));
  }

  private static double[] invert(double[] m) {
    double a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5], g = m[6], h = m[7], i = m[8];
    double det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
    return new double[] {
      (e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det,
      (f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det,
      (d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det
    };
  }
}

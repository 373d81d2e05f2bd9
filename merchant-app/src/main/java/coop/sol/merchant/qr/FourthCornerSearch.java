package coop.sol.merchant.qr;

import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.ResultPoint;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.DetectorResult;
import com.google.zxing.common.GridSampler;
import com.google.zxing.common.PerspectiveTransform;
import com.google.zxing.qrcode.decoder.Decoder;
import com.google.zxing.qrcode.detector.Detector;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A last resort for codes photographed at an angle. ZXing places the sampling grid with the three
 * finder patterns and one alignment pattern; under perspective it often locks onto a look-alike
 * pattern a few modules off and the grid no longer fits the code. Its finder patterns are usually
 * right, though, so this keeps them and searches for the fourth point instead: it tries positions
 * around where an undistorted code would have its bottom-right alignment pattern, nearest first,
 * until the Reed-Solomon decoder accepts the sampled grid.
 *
 * <p>A wrong grid cannot pass for a right one: each candidate must decode with valid format
 * information and error correction, as any ZXing read must.
 */
final class FourthCornerSearch {

  /** How far from the affine estimate to look, in modules, each way along both axes. */
  private static final float REACH_MODULES = 6f;

  private static final float STEP_MODULES = 0.5f;

  /** Offsets from the estimate, in modules, nearest first: 625 of them. */
  private static final List<float[]> OFFSETS = offsetsNearestFirst();

  private FourthCornerSearch() {}

  static Optional<String> decode(BitMatrix blackWhite, Map<DecodeHintType, ?> hints) {
    DetectorResult detected;
    try {
      detected = new Detector(blackWhite).detect(hints);
    } catch (ReaderException | RuntimeException e) {
      return Optional.empty(); // no three finder patterns: nothing to search from
    }
    ResultPoint[] points = detected.getPoints(); // bottom-left, top-left, top-right[, alignment]
    if (points.length < 3) {
      return Optional.empty();
    }
    ResultPoint bottomLeft = points[0];
    ResultPoint topLeft = points[1];
    ResultPoint topRight = points[2];
    int dimension = detected.getBits().getHeight();
    float between = dimension - 7f; // modules between finder pattern centres
    // One module along each side of the code, as the two measured sides give it.
    float acrossX = (topRight.getX() - topLeft.getX()) / between;
    float acrossY = (topRight.getY() - topLeft.getY()) / between;
    float downX = (bottomLeft.getX() - topLeft.getX()) / between;
    float downY = (bottomLeft.getY() - topLeft.getY()) / between;
    // The fourth point is where the bottom-right alignment pattern's centre is in codes of
    // version 2 and up (module dimension - 6.5); in version 1 it is merely a module there.
    float target = dimension - 6.5f;
    float fromTopLeft = target - 3.5f;
    Decoder decoder = new Decoder();
    for (float[] offset : OFFSETS) {
      float along = fromTopLeft + offset[0];
      float down = fromTopLeft + offset[1];
      float x = topLeft.getX() + along * acrossX + down * downX;
      float y = topLeft.getY() + along * acrossY + down * downY;
      PerspectiveTransform transform =
          PerspectiveTransform.quadrilateralToQuadrilateral(
              3.5f,
              3.5f,
              dimension - 3.5f,
              3.5f,
              target,
              target,
              3.5f,
              dimension - 3.5f,
              topLeft.getX(),
              topLeft.getY(),
              topRight.getX(),
              topRight.getY(),
              x,
              y,
              bottomLeft.getX(),
              bottomLeft.getY());
      try {
        BitMatrix bits =
            GridSampler.getInstance().sampleGrid(blackWhite, dimension, dimension, transform);
        return Optional.of(decoder.decode(bits, hints).getText());
      } catch (ReaderException | RuntimeException e) {
        // This grid does not fit; try the next position.
      }
    }
    return Optional.empty();
  }

  private static List<float[]> offsetsNearestFirst() {
    List<float[]> offsets = new ArrayList<>();
    for (float dx = -REACH_MODULES; dx <= REACH_MODULES; dx += STEP_MODULES) {
      for (float dy = -REACH_MODULES; dy <= REACH_MODULES; dy += STEP_MODULES) {
        offsets.add(new float[] {dx, dy});
      }
    }
    offsets.sort(Comparator.comparingDouble(o -> o[0] * o[0] + o[1] * o[1]));
    return List.copyOf(offsets);
  }
}

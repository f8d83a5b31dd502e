package vademecum.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.util.Hashtable;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** What decoding an image costs is counted in the bytes it really takes. */
class ImagesTest {

  @Test
  void a_16_bit_png_counts_8_bytes_a_pixel_and_is_read_more_sparsely() throws Exception {
    ComponentColorModel model =
        new ComponentColorModel(
            ColorSpace.getInstance(ColorSpace.CS_sRGB),
            true,
            false,
            ComponentColorModel.TRANSLUCENT,
            DataBuffer.TYPE_USHORT);
    WritableRaster raster = model.createCompatibleWritableRaster(8, 8);
    BufferedImage image = new BufferedImage(model, raster, false, new Hashtable<>());
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    assertEquals(8, Images.bytesPerPixel(png.toByteArray()));

    BufferedImage plain = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream eight = new ByteArrayOutputStream();
    ImageIO.write(plain, "png", eight);
    assertEquals(4, Images.bytesPerPixel(eight.toByteArray()));

    // 4000 × 4000 at 8 bytes is 128 MB: read every other pixel (32 MB); at 4 bytes, whole.
    assertEquals(2, Images.stepThatFits(4000, 4000, 8, 1));
    assertEquals(1, Images.stepThatFits(4000, 4000, 4, 1));
    // A GIF frame far larger than its declared screen.
    assertEquals(4, Images.stepThatFits(16_000, 10_000, 4, 1));
  }
}

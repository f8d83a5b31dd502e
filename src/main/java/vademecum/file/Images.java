package vademecum.file;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.Semaphore;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.bytesource.ByteSource;
import org.apache.commons.imaging.formats.jpeg.JpegImageMetadata;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.jpeg.iptc.JpegIptcRewriter;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.png.ChunkType;
import org.apache.commons.imaging.formats.png.PngImageParser;
import org.apache.commons.imaging.formats.tiff.TiffField;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;
import vademecum.kernel.Refusal;

/**
 * Images as they are kept: their size read from the header before anything decodes them, their
 * metadata (EXIF with its GPS position, XMP, IPTC, PNG text) removed but a photo's orientation, and
 * a display copy made (turned upright) when they are wider than a page's text.
 *
 * <p>Decoding is bounded: the server runs in a small heap, and a decoded image takes four bytes a
 * pixel. JPEGs are cleaned without decoding (Commons Imaging removes the segments); a PNG with no
 * metadata chunk is kept byte for byte; PNGs with metadata and WebPs are decoded and written again
 * as PNG, up to {@link #DECODE_PIXELS}; a GIF with comments or XMP is written again a frame at a
 * time ({@link Gifs}), one without is kept. Display copies are read subsampled.
 */
final class Images {
  /** The widest image shown as is; a wider one gets a display copy this wide. */
  static final int DISPLAY_WIDTH = 1600;

  /** The largest image decoded whole (4 bytes a pixel: 64 MB at most). */
  static final long DECODE_PIXELS = 16_000_000L;

  /** The most pixels of a display copy (a very tall screenshot gets a narrower one). */
  static final long DISPLAY_PIXELS = 8_000_000L;

  /**
   * One image decoded at a time: the server runs in a small heap (-Xmx192m), and two large decodes
   * at once would not fit in it. Uploads are rare next to reads, so waiting costs little.
   */
  private static final Semaphore DECODING = new Semaphore(1);

  private static final ChunkType[] METADATA_CHUNKS = {
    ChunkType.tEXt, ChunkType.zTXt, ChunkType.iTXt, ChunkType.eXIf, ChunkType.tIME
  };

  private Images() {}

  /** An image ready to keep: its bytes, their type, its size, and maybe a display copy. */
  record Cleaned(
      byte[] bytes,
      FileTypes.Type type,
      int width,
      int height,
      byte[] display,
      String displayType) {}

  static Cleaned clean(byte[] bytes, FileTypes.Type type, long maxPixels) {
    Dimension size;
    try {
      size = Imaging.getImageSize(bytes);
    } catch (IOException | RuntimeException e) {
      throw Refusal.badRequest("This image cannot be read: the file is damaged or not an image.");
    }
    long pixels = (long) size.width * size.height;
    if (size.width <= 0 || size.height <= 0) {
      throw Refusal.badRequest("This image cannot be read: the file is damaged or not an image.");
    }
    if (pixels > maxPixels) {
      throw Refusal.contentTooLarge(
          "This image is %d × %d pixels; images are limited to %d megapixels."
              .formatted(size.width, size.height, maxPixels / 1_000_000));
    }
    DECODING.acquireUninterruptibly();
    try {
      byte[] kept;
      FileTypes.Type keptType = type;
      // A phone keeps a portrait photo's pixels sideways and says how to turn them (EXIF
      // orientation): that one tag is kept, and browsers turn the photo upright.
      int orientation = 1;
      switch (type.extension()) {
        case "jpg" -> {
          orientation = orientation(bytes);
          kept = withOrientation(withoutJpegMetadata(bytes), orientation);
        }
        case "png" -> {
          if (hasPngMetadata(bytes)) {
            kept = png(decodeWhole(bytes, pixels));
          } else {
            kept = bytes;
          }
        }
        case "webp" -> {
          kept = png(decodeWhole(bytes, pixels));
          keptType = new FileTypes.Type("image/png", "png", true);
        }
        case "gif" -> {
          if (Gifs.hasMetadata(bytes)) {
            decodeBudget(pixels); // written again a frame at a time: one frame must fit
            kept = Gifs.withoutMetadata(bytes);
          } else {
            kept = bytes; // animations are kept as they are
          }
        }
        default -> kept = bytes;
      }
      byte[] display = null;
      String displayType = null;
      if (size.width > DISPLAY_WIDTH && !keptType.extension().equals("gif")) {
        boolean photo = keptType.extension().equals("jpg");
        BufferedImage scaled = scaledOrNull(kept, size);
        if (scaled != null) {
          // The display copy has no EXIF: its pixels are turned instead.
          BufferedImage upright = upright(scaled, orientation);
          display = photo ? jpeg(upright) : png(upright);
          displayType = photo ? "image/jpeg" : "image/png";
        }
      }
      boolean turned = orientation >= 5; // a quarter turn: seen as tall as it is stored wide
      return new Cleaned(
          kept,
          keptType,
          turned ? size.height : size.width,
          turned ? size.width : size.height,
          display,
          displayType);
    } catch (IOException | RuntimeException e) {
      if (e instanceof Refusal refusal) {
        throw refusal;
      }
      throw Refusal.badRequest("This image cannot be read: the file is damaged or not an image.");
    } finally {
      DECODING.release();
    }
  }

  /** The EXIF orientation (1 to 8; 1, upright, when there is none or it cannot be read). */
  static int orientation(byte[] jpeg) {
    try {
      if (Imaging.getMetadata(jpeg) instanceof JpegImageMetadata metadata) {
        TiffField field =
            metadata.findExifValueWithExactMatch(TiffTagConstants.TIFF_TAG_ORIENTATION);
        if (field != null) {
          int value = field.getIntValue();
          return value >= 1 && value <= 8 ? value : 1;
        }
      }
    } catch (IOException | RuntimeException e) {
      // unreadable EXIF: shown as stored
    }
    return 1;
  }

  /** The JPEG with an EXIF block holding its orientation alone (none when upright). */
  private static byte[] withOrientation(byte[] jpeg, int orientation) throws IOException {
    if (orientation == 1) {
      return jpeg;
    }
    TiffOutputSet exif = new TiffOutputSet();
    exif.addRootDirectory().add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) orientation);
    ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + 64);
    new ExifRewriter().updateExifMetadataLossless(jpeg, out, exif);
    return out.toByteArray();
  }

  /** The pixels turned and mirrored as the EXIF orientation says (the eight cases of TIFF). */
  static BufferedImage upright(BufferedImage image, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return image;
    }
    int w = image.getWidth();
    int h = image.getHeight();
    boolean turned = orientation >= 5;
    // AffineTransform(m00, m10, m01, m11, m02, m12): x' = m00 x + m01 y + m02, y' = m10 x + m11 y
    // + m12.
    AffineTransform t =
        switch (orientation) {
          case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0); // mirrored
          case 3 -> new AffineTransform(-1, 0, 0, -1, w, h); // half a turn
          case 4 -> new AffineTransform(1, 0, 0, -1, 0, h); // upside down, mirrored
          case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0); // transposed
          case 6 -> new AffineTransform(0, 1, -1, 0, h, 0); // a quarter turn clockwise
          case 7 -> new AffineTransform(0, -1, -1, 0, h, w); // transversed
          default -> new AffineTransform(0, -1, 1, 0, 0, w); // a quarter turn anticlockwise
        };
    BufferedImage target =
        new BufferedImage(turned ? h : w, turned ? w : h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = target.createGraphics();
    try {
      g.drawImage(image, t, null);
    } finally {
      g.dispose();
    }
    return target;
  }

  private static byte[] withoutJpegMetadata(byte[] bytes) throws IOException {
    ByteArrayOutputStream noExif = new ByteArrayOutputStream(bytes.length);
    new ExifRewriter().removeExifMetadata(bytes, noExif);
    ByteArrayOutputStream noXmp = new ByteArrayOutputStream(bytes.length);
    new JpegXmpRewriter().removeXmpXml(noExif.toByteArray(), noXmp);
    ByteArrayOutputStream noIptc = new ByteArrayOutputStream(bytes.length);
    new JpegIptcRewriter().removeIptc(noXmp.toByteArray(), noIptc);
    return JpegSegments.pictureOnly(noIptc.toByteArray());
  }

  private static boolean hasPngMetadata(byte[] bytes) throws IOException {
    PngImageParser parser = new PngImageParser();
    for (ChunkType chunk : METADATA_CHUNKS) {
      if (parser.hasChunkType(ByteSource.array(bytes), chunk)) {
        return true;
      }
    }
    return false;
  }

  private static BufferedImage decodeWhole(byte[] bytes, long pixels) throws IOException {
    decodeBudget(pixels);
    return read(bytes, 1, false);
  }

  private static void decodeBudget(long pixels) {
    if (pixels > DECODE_PIXELS) {
      throw Refusal.contentTooLarge(
          ("This image must be re-encoded to be kept, which is possible up to %d megapixels."
                  + " Save it as a JPEG or a plain PNG and upload it again.")
              .formatted(DECODE_PIXELS / 1_000_000));
    }
  }

  /**
   * A display copy, or null when Java's readers cannot decode the image (a CMYK JPEG, say) that
   * browsers show well: the original is then shown as it is rather than refused.
   */
  private static BufferedImage scaledOrNull(byte[] bytes, Dimension size) {
    try {
      return scaled(bytes, size);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** At most {@link #DISPLAY_WIDTH} wide, read subsampled so that a huge image stays cheap. */
  private static BufferedImage scaled(byte[] bytes, Dimension size) throws IOException {
    int step = Math.max(1, size.width / (DISPLAY_WIDTH * 2));
    double scale = (double) DISPLAY_WIDTH / size.width;
    double pixels = scale * scale * size.width * size.height;
    if (pixels > DISPLAY_PIXELS) {
      scale *= Math.sqrt(DISPLAY_PIXELS / pixels);
    }
    int width = Math.max(1, (int) (size.width * scale));
    int height = Math.max(1, (int) (size.height * scale));
    BufferedImage source = read(bytes, step, true);
    BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = target.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(source, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return target;
  }

  /**
   * Decodes the first image, read every {@code step} pixels; with {@code coarser}, more sparsely if
   * that is what fits {@link #DECODE_PIXELS} at four bytes a pixel, else refused. The size is the
   * reader's own, in the bytes it will really take: a 16-bit PNG decodes to 8 bytes a pixel, and a
   * GIF's frame may be larger than the screen its header declares.
   */
  private static BufferedImage read(byte[] bytes, int step, boolean coarser) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new IOException("no reader");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int fits =
            stepThatFits(reader.getWidth(0), reader.getHeight(0), bytesPerPixel(reader), step);
        if (fits != step && !coarser) {
          decodeBudget(Long.MAX_VALUE);
        }
        step = fits;
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        return reader.read(0, param);
      } finally {
        reader.dispose();
      }
    }
  }

  /** What a decoded pixel takes: at least 4 bytes (an ARGB int), more for 16-bit samples. */
  private static long bytesPerPixel(ImageReader reader) throws IOException {
    ImageTypeSpecifier raw = reader.getRawImageType(0);
    if (raw == null) {
      return 8;
    }
    int bits = 0;
    for (int band : raw.getSampleModel(1, 1).getSampleSize()) {
      bits += band;
    }
    return Math.max(4, (bits + 7) / 8);
  }

  /**
   * The sparsest reading from {@code step} on whose pixels fit {@link #DECODE_PIXELS} × 4 bytes.
   */
  static int stepThatFits(long width, long height, long bytesPerPixel, int step) {
    while (ceil(width, step) * ceil(height, step) * bytesPerPixel > DECODE_PIXELS * 4) {
      step++;
    }
    return step;
  }

  /** What the first image of these bytes takes a pixel once decoded. */
  static long bytesPerPixel(byte[] bytes) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      try {
        reader.setInput(in, true, true);
        return bytesPerPixel(reader);
      } finally {
        reader.dispose();
      }
    }
  }

  private static long ceil(long size, int step) {
    return (size + step - 1) / step;
  }

  private static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static byte[] jpeg(BufferedImage image) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.85f);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}

package vademecum.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

/** Images made for tests: real encoders, and a few hostile files written byte by byte. */
public final class TestImages {
  private TestImages() {}

  /** A screenshot-like PNG: a white page, a grey bar, a red box at (10, 10). */
  public static byte[] png(int width, int height) {
    return encode(picture(width, height), "png");
  }

  public static byte[] jpeg(int width, int height) {
    return encode(picture(width, height), "jpeg");
  }

  public static BufferedImage picture(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setColor(Color.GRAY);
    g.fillRect(0, 0, width, Math.max(1, height / 10));
    g.setColor(Color.RED);
    g.fillRect(Math.min(10, width - 1), Math.min(10, height - 1), 8, 8);
    g.dispose();
    return image;
  }

  public static BufferedImage decode(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] encode(BufferedImage image, String format) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A JPEG whose EXIF says where it was taken (Paris) and who took it. */
  public static byte[] jpegWithGps(int width, int height) {
    return phonePhoto(width, height, 1);
  }

  /**
   * A phone's photo: its pixels stored {@code width × height}, and EXIF saying where it was taken,
   * who took it and how to turn it ({@code orientation} 6: a quarter turn clockwise, a portrait).
   */
  public static byte[] phonePhoto(int width, int height, int orientation) {
    try {
      TiffOutputSet exif = new TiffOutputSet();
      exif.setGpsInDegrees(2.3522, 48.8566);
      exif.getOrCreateRootDirectory().add(TiffTagConstants.TIFF_TAG_ARTIST, "Camille Martin");
      if (orientation != 1) {
        exif.getOrCreateRootDirectory()
            .add(TiffTagConstants.TIFF_TAG_ORIENTATION, (short) orientation);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new ExifRewriter().updateExifMetadataLossless(jpeg(width, height), out, exif);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A grey PNG of this size whose pixels are all zero: a few hundred kilobytes that would decode to
   * {@code width × height} bytes or more (a decompression bomb). With {@code text}, it carries a
   * tEXt chunk, which makes the server re-encode it.
   */
  public static byte[] zeroPng(int width, int height, String text) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
      ByteArrayOutputStream header = new ByteArrayOutputStream();
      DataOutputStream ihdr = new DataOutputStream(header);
      ihdr.writeInt(width);
      ihdr.writeInt(height);
      ihdr.writeByte(8); // bit depth
      ihdr.writeByte(0); // greyscale
      ihdr.writeByte(0);
      ihdr.writeByte(0);
      ihdr.writeByte(0);
      chunk(out, "IHDR", header.toByteArray());
      if (text != null) {
        chunk(out, "tEXt", ("Comment\0" + text).getBytes(StandardCharsets.ISO_8859_1));
      }
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      try (DeflaterOutputStream deflate =
          new DeflaterOutputStream(data, new Deflater(Deflater.BEST_COMPRESSION))) {
        byte[] row = new byte[width + 1]; // filter byte 0, then the pixels
        for (int y = 0; y < height; y++) {
          deflate.write(row);
        }
      }
      chunk(out, "IDAT", data.toByteArray());
      chunk(out, "IEND", new byte[0]);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] content)
      throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(content.length);
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    data.write(name);
    data.write(content);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(content);
    data.writeInt((int) crc.getValue());
  }

  /**
   * An animated GIF of {@code frames} frames that loops; with {@code comment}, each frame carries
   * it as a comment and the first an XMP block naming the same words.
   */
  public static byte[] animatedGif(int frames, String comment) {
    try {
      ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
        writer.setOutput(stream);
        writer.prepareWriteSequence(null);
        for (int f = 0; f < frames; f++) {
          BufferedImage frame = new BufferedImage(30, 20, BufferedImage.TYPE_BYTE_INDEXED);
          Graphics2D g = frame.createGraphics();
          g.setColor(Color.WHITE);
          g.fillRect(0, 0, 30, 20);
          g.setColor(Color.RED);
          g.fillRect(f * 5, 5, 6, 6);
          g.dispose();
          ImageWriteParam param = writer.getDefaultWriteParam();
          IIOMetadata metadata =
              writer.getDefaultImageMetadata(
                  ImageTypeSpecifier.createFromRenderedImage(frame), param);
          String format = "javax_imageio_gif_image_1.0";
          IIOMetadataNode root = new IIOMetadataNode(format);
          IIOMetadataNode control = new IIOMetadataNode("GraphicControlExtension");
          control.setAttribute("disposalMethod", "none");
          control.setAttribute("userInputFlag", "FALSE");
          control.setAttribute("transparentColorFlag", "FALSE");
          control.setAttribute("delayTime", "20");
          control.setAttribute("transparentColorIndex", "0");
          root.appendChild(control);
          IIOMetadataNode apps = new IIOMetadataNode("ApplicationExtensions");
          if (f == 0) {
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0});
            apps.appendChild(loop);
            if (comment != null) {
              IIOMetadataNode xmp = new IIOMetadataNode("ApplicationExtension");
              xmp.setAttribute("applicationID", "XMP Data");
              xmp.setAttribute("authenticationCode", "XMP");
              xmp.setUserObject(
                  ("<x:xmpmeta><dc:creator>" + comment + "</dc:creator></x:xmpmeta>")
                      .getBytes(StandardCharsets.UTF_8));
              apps.appendChild(xmp);
            }
            root.appendChild(apps);
          }
          if (comment != null) {
            IIOMetadataNode comments = new IIOMetadataNode("CommentExtensions");
            IIOMetadataNode text = new IIOMetadataNode("CommentExtension");
            text.setAttribute("value", comment);
            comments.appendChild(text);
            root.appendChild(comments);
          }
          metadata.mergeTree(format, root);
          writer.writeToSequence(new IIOImage(frame, null, metadata), param);
        }
        writer.endWriteSequence();
      } finally {
        writer.dispose();
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many frames an image has (a GIF's animation). */
  public static int frames(byte[] bytes) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      ImageReader reader = ImageIO.getImageReaders(in).next();
      try {
        reader.setInput(in);
        return reader.getNumImages(true);
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

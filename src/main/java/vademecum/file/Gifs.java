package vademecum.file;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
import org.w3c.dom.Node;
import vademecum.kernel.Refusal;

/**
 * GIFs keep their frames (an animation stays one) but lose their comments and application blocks
 * (XMP is one), except the loop count. The JDK's own GIF reader and writer do the work, frame by
 * frame, so that memory holds one frame at a time; a GIF with nothing to remove is kept byte for
 * byte.
 */
final class Gifs {
  private static final String FORMAT = "javax_imageio_gif_image_1.0";

  private Gifs() {}

  /** Whether any frame carries a comment or an application block other than the loop count. */
  static boolean hasMetadata(byte[] bytes) throws IOException {
    ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, false, false);
      int frames = reader.getNumImages(true);
      for (int i = 0; i < frames; i++) {
        if (!removable(tree(reader.getImageMetadata(i))).isEmpty()) {
          return true;
        }
      }
      return false;
    } finally {
      reader.dispose();
    }
  }

  /** The GIF written again, frame by frame, without its comments and application blocks. */
  static byte[] withoutMetadata(byte[] bytes) throws IOException {
    ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      reader.setInput(in, false, false);
      return rewrite(reader, reader.getNumImages(true));
    } finally {
      reader.dispose();
    }
  }

  private static byte[] rewrite(ImageReader reader, int frames) throws IOException {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      writer.prepareWriteSequence(null);
      ImageWriteParam param = writer.getDefaultWriteParam();
      for (int i = 0; i < frames; i++) {
        // A frame may be larger than the screen the header declares, which is what was checked.
        if ((long) reader.getWidth(i) * reader.getHeight(i) > Images.DECODE_PIXELS) {
          throw Refusal.contentTooLarge(
              "A frame of this GIF is %d × %d pixels; images are limited to %d megapixels."
                  .formatted(
                      reader.getWidth(i), reader.getHeight(i), Images.DECODE_PIXELS / 1_000_000));
        }
        var frame = reader.read(i);
        IIOMetadataNode cleaned = tree(reader.getImageMetadata(i));
        removeMetadata(cleaned);
        IIOMetadata metadata =
            writer.getDefaultImageMetadata(
                ImageTypeSpecifier.createFromRenderedImage(frame), param);
        metadata.mergeTree(FORMAT, cleaned);
        writer.writeToSequence(new IIOImage(frame, null, metadata), param);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  private static IIOMetadataNode tree(IIOMetadata metadata) {
    return (IIOMetadataNode) metadata.getAsTree(FORMAT);
  }

  private static void removeMetadata(IIOMetadataNode root) {
    for (Node node : removable(root)) {
      node.getParentNode().removeChild(node);
    }
  }

  /** Comments, and application blocks other than the loop count (NETSCAPE2.0). */
  private static List<Node> removable(IIOMetadataNode root) {
    List<Node> found = new ArrayList<>();
    for (Node child = root.getFirstChild(); child != null; child = child.getNextSibling()) {
      switch (child.getNodeName()) {
        case "CommentExtensions" -> found.add(child);
        case "ApplicationExtensions" -> {
          for (Node app = child.getFirstChild(); app != null; app = app.getNextSibling()) {
            String id = ((IIOMetadataNode) app).getAttribute("applicationID");
            if (!"NETSCAPE".equals(id)) {
              found.add(app);
            }
          }
        }
        default -> {}
      }
    }
    return found;
  }
}

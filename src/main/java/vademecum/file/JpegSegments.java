package vademecum.file;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A JPEG with only what its picture needs: the segments of its frame and scans, JFIF, its colour
 * profile (ICC) and Adobe's colour note, ended at the picture's end marker. Commons Imaging's
 * rewriters take out EXIF, XMP and IPTC but keep every other segment and whatever follows the
 * picture: a phone's second image (MPF, with an EXIF block of its own, location included), a motion
 * photo's video, comments, extended XMP.
 */
final class JpegSegments {
  private JpegSegments() {}

  private static final int SOI = 0xD8;
  private static final int EOI = 0xD9;
  private static final int SOS = 0xDA;
  private static final int APP0 = 0xE0;
  private static final int APP2 = 0xE2;
  private static final int APP14 = 0xEE;
  private static final int APP15 = 0xEF;
  private static final int COM = 0xFE;

  /** The picture's segments alone; an IOException when its structure cannot be followed. */
  static byte[] pictureOnly(byte[] jpeg) throws IOException {
    if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != SOI) {
      throw new IOException("not a JPEG");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
    out.write(jpeg, 0, 2);
    int at = 2;
    while (at < jpeg.length) {
      if ((jpeg[at] & 0xFF) != 0xFF || at + 1 >= jpeg.length) {
        throw new IOException("no marker at " + at);
      }
      int marker = jpeg[at + 1] & 0xFF;
      if (marker == 0xFF) {
        at++; // fill byte
        continue;
      }
      if (marker == EOI) {
        out.write(jpeg, at, 2);
        return out.toByteArray(); // what follows the picture is not the picture
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        out.write(jpeg, at, 2);
        at += 2;
        continue;
      }
      if (at + 3 >= jpeg.length) {
        throw new IOException("cut short");
      }
      int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
      int end = at + 2 + length;
      if (length < 2 || end > jpeg.length) {
        throw new IOException("a segment runs past the end");
      }
      if (kept(marker, jpeg, at + 4, end)) {
        out.write(jpeg, at, end - at);
      }
      at = end;
      if (marker == SOS) {
        // The scan's coded data runs to the next marker that is neither a stuffed byte (FF 00)
        // nor a restart marker.
        int data = at;
        while (at + 1 < jpeg.length) {
          int b = jpeg[at] & 0xFF;
          int next = jpeg[at + 1] & 0xFF;
          if (b == 0xFF && next != 0x00 && !(next >= 0xD0 && next <= 0xD7) && next != 0xFF) {
            break;
          }
          at++;
        }
        if (at + 1 >= jpeg.length) {
          throw new IOException("a scan runs past the end");
        }
        out.write(jpeg, data, at - data);
      }
    }
    throw new IOException("no end marker");
  }

  private static boolean kept(int marker, byte[] jpeg, int from, int to) {
    if (marker == COM) {
      return false;
    }
    if (marker < APP0 || marker > APP15) {
      return true; // the frame, tables and scans
    }
    return marker == APP0
        || marker == APP14
        || (marker == APP2 && startsWith(jpeg, from, to, "ICC_PROFILE\0"));
  }

  private static boolean startsWith(byte[] bytes, int from, int to, String prefix) {
    byte[] p = prefix.getBytes(StandardCharsets.ISO_8859_1);
    if (to - from < p.length) {
      return false;
    }
    for (int i = 0; i < p.length; i++) {
      if (bytes[from + i] != p[i]) {
        return false;
      }
    }
    return true;
  }
}

package vademecum.kernel;

/** How far a reader is through the procedures they must read and confirm in one workspace. */
public record ReadingProgress(int read, int total) {
  public int toRead() {
    return total - read;
  }
}

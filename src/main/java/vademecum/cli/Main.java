package vademecum.cli;

/**
 * The jar's entry point: every start goes through the command line ({@code serve} by default),
 * which then asks the composition root ({@code vademecum.App}) for what it needs.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(VademecumCommand.commandLine().execute(args));
  }
}

package vademecum.admin;

import io.javalin.http.Context;
import vademecum.web.Forms;

/**
 * The two forms of the administration page, read in one place; after a refusal the page shows them
 * back as typed.
 */
public final class AdminForms {
  private AdminForms() {}

  /** A new workspace and the existing account that will own it. */
  public record NewWorkspace(String slug, String name, String ownerEmail) {
    static final NewWorkspace BLANK = new NewWorkspace("", "", "");

    static NewWorkspace read(Context ctx) {
      Forms.requireUtf8(ctx);
      return new NewWorkspace(
          Forms.text(ctx, "slug").strip(), Forms.text(ctx, "name"), Forms.text(ctx, "owner"));
    }
  }

  /** A new account; its password is generated and shown once. */
  public record NewAccount(String email, String name, String language, boolean admin) {
    static final NewAccount BLANK = new NewAccount("", "", "fr", false);

    static NewAccount read(Context ctx) {
      Forms.requireUtf8(ctx);
      return new NewAccount(
          Forms.text(ctx, "email"),
          Forms.text(ctx, "name"),
          Forms.text(ctx, "language"),
          Forms.checked(ctx, "admin"));
    }
  }
}

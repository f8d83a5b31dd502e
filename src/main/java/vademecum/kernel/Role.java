package vademecum.kernel;

import java.util.Locale;

/** What a member may do in a workspace (DESIGN.md, "People and what they do"). */
public enum Role {
  OWNER,
  EDITOR,
  ASSISTANT,
  RECRUITER;

  /** Owners and editors write manuals and see drafts; others read what is published. */
  public boolean canEdit() {
    return this == OWNER || this == EDITOR;
  }

  /** Owners, editors and recruiters give candidates share links to published manuals. */
  public boolean canShare() {
    return this == OWNER || this == EDITOR || this == RECRUITER;
  }

  /** The role as the database stores it ("owner"). */
  public static Role fromColumn(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** How the database and the API write the role ("owner"). */
  public String column() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package vademecum.web;

import java.util.List;
import vademecum.workspace.Membership;

/**
 * What every page's frame shows: who is signed in, their workspaces (the one-click switcher) and
 * the CSRF token the page's forms carry. {@code name} is null for anonymous pages.
 */
public record Chrome(
    String name, boolean admin, List<Membership> workspaces, String currentWorkspace, String csrf) {

  public static Chrome anonymous(String csrf) {
    return new Chrome(null, false, List.of(), null, csrf);
  }

  public boolean signedIn() {
    return name != null;
  }
}

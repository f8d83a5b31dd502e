package vademecum.kernel;

import java.util.List;
import java.util.Optional;

/** API tokens, as the web layer needs them to know who is asking (see {@link Sessions}). */
public interface BearerTokens {
  /** The account behind a token, with its workspaces and roles. */
  record Holder(Account account, List<Membership> memberships) {}

  /** The enabled account behind a live token, if there is one. */
  Optional<Holder> authenticate(String token);
}

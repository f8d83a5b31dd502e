package vademecum.manual;

import org.jooq.DSLContext;

/**
 * What else a saved revision causes, in the transaction that saves it: the files its text uses are
 * kept with it. Implemented where the composition root says (see {@code App}).
 */
public interface RevisionSaved {
  void saved(DSLContext tx, long workspaceId, Revision revision);
}

package vademecum.ack;

import java.util.List;
import vademecum.web.Chrome;

/** The reader's procedures to read, across all their clients. */
public record InboxPage(Chrome chrome, List<AckService.InboxItem> items, String message) {}

package vademecum.ack;

import java.util.List;

/** The reader's procedures to read, across all their clients. */
public record InboxPage(
    vademecum.web.Chrome chrome, List<AckService.InboxItem> items, String message) {}

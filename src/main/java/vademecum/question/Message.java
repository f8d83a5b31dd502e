package vademecum.question;

import java.time.OffsetDateTime;

/**
 * One message of a question's thread, its Markdown rendered and sanitised: the question itself, an
 * answer (by an owner or editor) or the asker's follow-up.
 */
public record Message(
    long id, String authorName, boolean answer, String markdown, String html, OffsetDateTime at) {}

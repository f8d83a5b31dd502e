package vademecum.question;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import vademecum.kernel.Account;
import vademecum.kernel.Actor;
import vademecum.kernel.Nullable;
import vademecum.kernel.Refusal;
import vademecum.kernel.Role;
import vademecum.kernel.Workspace;
import vademecum.manual.Feedback;
import vademecum.manual.FileStore;
import vademecum.manual.ManualService;
import vademecum.manual.ManualView;
import vademecum.markdown.FileRefs;
import vademecum.markdown.MarkdownRenderer;
import vademecum.markdown.Section;
import vademecum.markdown.TextChecks;

/**
 * Questions on procedures. Who sees what: owners and editors every question of the workspace, the
 * asker their own, every other reader (recruiters excepted) only the answered questions made
 * public. Anything else is answered "not found", as if it did not exist.
 */
public final class QuestionService {
  static final int MAX_BODY_CHARS = 20_000;
  static final int MAX_QUOTE_CHARS = 1_000;
  private static final int LIST_LIMIT = 500;

  private final DSLContext db;
  private final QuestionRepository questions;
  private final ManualService manuals;
  private final MarkdownRenderer markdown;
  private final FileStore files;
  private final List<QuestionEvent.Listener> listeners;
  private final QuestionMail mail;

  public QuestionService(
      DSLContext db,
      QuestionRepository questions,
      ManualService manuals,
      MarkdownRenderer markdown,
      FileStore files,
      List<QuestionEvent.Listener> listeners,
      QuestionMail mail) {
    this.db = db;
    this.questions = questions;
    this.manuals = manuals;
    this.markdown = markdown;
    this.files = files;
    this.listeners = List.copyOf(listeners);
    this.mail = mail;
  }

  /** A picture sent with a message. */
  public record Screenshot(String name, byte[] bytes) {}

  /** A question with its messages, as one reader may see it. */
  public record Thread(Question question, List<Message> messages) {
    /** The latest answer's Markdown, or empty. */
    public String lastAnswer() {
      for (int i = messages.size() - 1; i >= 0; i--) {
        if (messages.get(i).answer()) {
          return messages.get(i).markdown();
        }
      }
      return "";
    }
  }

  /** The procedure a question would be asked on: its title and its steps to quote from. */
  public record Asking(ManualView manual, Section procedure, List<String> steps) {}

  /** The published procedure, as the ask form shows it; refused as the manual page would be. */
  public Asking asking(Workspace workspace, Role role, String manualSlug, String key) {
    requireAsker(role);
    ManualView view = manuals.view(workspace, manualSlug, Role.ASSISTANT, null);
    Section section =
        view.procedures().stream()
            .filter(p -> p.key().equals(key))
            .findFirst()
            .orElseThrow(() -> Refusal.notFound("This manual has no procedure " + key + "."));
    List<String> steps = new ArrayList<>();
    List<String> blocks = markdown.blocks(section.markdown());
    for (String block : blocks) {
      String text = markdown.plainText(block).strip().replaceAll("\\s+", " ");
      if (!text.isEmpty() && !block.startsWith("#") && text.length() <= MAX_QUOTE_CHARS) {
        steps.add(text);
      }
    }
    return new Asking(view, section, steps);
  }

  public Question ask(
      Workspace workspace,
      Role role,
      Actor actor,
      String manualSlug,
      String key,
      String quote,
      String body,
      @Nullable Screenshot screenshot) {
    requireAsker(role);
    // Readers ask on what they can read: the published text (drafts are not asked about).
    ManualView view = manuals.view(workspace, manualSlug, Role.ASSISTANT, null);
    String text = message(workspace, actor, body, screenshot);
    String quoted = quote == null ? "" : quote.strip();
    if (quoted.length() > MAX_QUOTE_CHARS) {
      throw Refusal.invalid(
          "quote", "The quoted step is longer than " + MAX_QUOTE_CHARS + " characters.");
    }
    return db.transactionResult(
        configuration -> {
          DSLContext tx = configuration.dsl();
          var procedure =
              questions
                  .currentProcedure(tx, view.manual().id(), key)
                  .orElseThrow(() -> Refusal.notFound("This manual has no procedure " + key + "."));
          long id =
              questions.insertQuestion(
                  tx, workspace.id(), view.manual().id(), procedure, actor.accountId(), quoted);
          questions.insertMessage(
              tx, id, workspace.id(), actor.accountId(), text, false, kept(role, text, screenshot));
          Question question = questions.byId(tx, workspace.id(), id).orElseThrow(() -> gone(id));
          fire(tx, new QuestionEvent.Asked(question, actor, text));
          return question;
        });
  }

  /**
   * A message on the thread: from an owner or editor it is an answer (the question is then
   * answered, and the asker told), from the asker a follow-up (the question is open again).
   */
  public Question reply(
      Workspace workspace,
      Role role,
      Actor actor,
      long id,
      String body,
      @Nullable Screenshot screenshot) {
    Question seen = visible(workspace, role, actor.accountId(), id);
    boolean answer = role.canEdit();
    if (!answer && !seen.askedBy(actor.accountId())) {
      throw Refusal.forbidden("Only the asker, owners and editors write on a question.");
    }
    String text = message(workspace, actor, body, screenshot);
    Question question =
        db.transactionResult(
            configuration -> {
              DSLContext tx = configuration.dsl();
              questions.lock(tx, workspace.id(), id).orElseThrow(() -> gone(id));
              questions.insertMessage(
                  tx,
                  id,
                  workspace.id(),
                  actor.accountId(),
                  text,
                  answer,
                  kept(role, text, screenshot));
              Question.Status status = answer ? Question.Status.ANSWERED : Question.Status.OPEN;
              questions.setStatus(tx, id, status);
              if (!answer) {
                questions.markSeenByAsker(tx, id);
              }
              Question now = questions.byId(tx, workspace.id(), id).orElseThrow(() -> gone(id));
              fire(
                  tx,
                  answer
                      ? new QuestionEvent.Answered(now, actor, text)
                      : new QuestionEvent.Moved(now, actor, status));
              return now;
            });
    if (answer && question.askedBy() != null && !question.askedBy(actor.accountId())) {
      questions
          .asker(db, workspace.id(), question.askedBy())
          .ifPresent(asker -> mail.answered(asker, question, actor.displayName()));
    }
    return question;
  }

  /** Closing ends the thread (the asker or an editor); reopening starts it again. */
  public Question setStatus(
      Workspace workspace, Role role, Actor actor, long id, @Nullable Question.Status status) {
    return setStatus(workspace, role, actor, id, status, null);
  }

  /**
   * With {@code seenMessages}, the number of messages the page showed: closing is refused when
   * someone wrote since (a follow-up reopens a question; closed from a page opened before, it left
   * no one's list and was never answered).
   */
  public Question setStatus(
      Workspace workspace,
      Role role,
      Actor actor,
      long id,
      @Nullable Question.Status status,
      @Nullable Integer seenMessages) {
    Question seen = visible(workspace, role, actor.accountId(), id);
    if (!role.canEdit() && !seen.askedBy(actor.accountId())) {
      throw Refusal.forbidden("Only the asker, owners and editors close or reopen a question.");
    }
    if (status == null || status == Question.Status.ANSWERED) {
      throw Refusal.badRequest(
          "Say which status: open or closed (answering is writing an answer).");
    }
    return db.transactionResult(
        configuration -> {
          DSLContext tx = configuration.dsl();
          questions.lock(tx, workspace.id(), id).orElseThrow(() -> gone(id));
          if (status == Question.Status.CLOSED
              && seenMessages != null
              && questions.messages(tx, List.of(id)).size() > seenMessages) {
            throw Refusal.conflict(
                "Someone wrote on this question since this page was opened: read the new message"
                    + " before closing it.");
          }
          questions.setStatus(tx, id, status);
          Question now = questions.byId(tx, workspace.id(), id).orElseThrow(() -> gone(id));
          fire(tx, new QuestionEvent.Moved(now, actor, status));
          return now;
        });
  }

  /** Public: the question and its answers show under the procedure for every reader. */
  public Question setPublic(Workspace workspace, Role role, Actor actor, long id, boolean shown) {
    if (!role.canEdit()) {
      throw Refusal.forbidden("Owners and editors decide what is public.");
    }
    return db.transactionResult(
        configuration -> {
          DSLContext tx = configuration.dsl();
          Question question = questions.lock(tx, workspace.id(), id).orElseThrow(() -> gone(id));
          if (shown
              && (question.status() == Question.Status.OPEN || !questions.hasAnswer(tx, id))) {
            throw Refusal.conflict("Answer the question before making it public.");
          }
          if (shown == question.isPublic()) {
            return question;
          }
          questions.setPublic(tx, id, shown);
          Question now = questions.byId(tx, workspace.id(), id).orElseThrow(() -> gone(id));
          fire(tx, new QuestionEvent.Shown(now, actor, shown));
          return now;
        });
  }

  /** The thread; reading it as its asker marks its answers seen. */
  public Thread thread(Workspace workspace, Role role, Account reader, long id) {
    Question question = visible(workspace, role, reader.id(), id);
    if (question.askedBy(reader.id())) {
      questions.markSeenByAsker(db, id);
    }
    return new Thread(question, messages(List.of(id)).getOrDefault(id, List.of()));
  }

  /**
   * A question whose manual was deleted while the request was on its way is gone, like one never
   * made.
   */
  private static Refusal gone(long id) {
    return Refusal.notFound("There is no question " + id + " here.");
  }

  /** A question of this workspace, whoever may read it (for links made by owners and editors). */
  public Question require(Workspace workspace, long id) {
    return questions
        .byId(db, workspace.id(), id)
        .orElseThrow(() -> Refusal.notFound("There is no question " + id + " here."));
  }

  /** The questions a reader may list: every one for owners and editors, else their own. */
  public List<Question> list(
      Workspace workspace, Role role, long accountId, @Nullable Question.Status status) {
    requireAsker(role);
    return questions.inWorkspace(
        db, workspace.id(), role.canEdit() ? null : accountId, status, LIST_LIMIT);
  }

  /** What this account asked, in every workspace it reads. */
  public List<Question> mine(long accountId) {
    return questions.byAsker(db, accountId, LIST_LIMIT);
  }

  /** Which of these questions have an answer their asker has not read. */
  public List<Long> unseen(List<Question> list) {
    return list.isEmpty()
        ? List.of()
        : questions.withUnseenAnswer(db, list.stream().map(Question::id).toList());
  }

  /** How many of this account's questions have an answer it has not read yet. */
  public int unseenAnswers(long accountId) {
    return questions.unseenAnswers(db, accountId);
  }

  /** For the manual page: open questions (those this reader may see) and FAQ, by procedure. */
  public Map<String, Feedback.Notes> inManual(long accountId, Role role, long manualId) {
    if (role == Role.RECRUITER) {
      return Map.of();
    }
    Map<String, Integer> open =
        questions.openCounts(db, manualId, role.canEdit() ? null : accountId);
    List<Question> shown =
        questions.inManual(db, manualId, accountId).stream().filter(Question::isPublic).toList();
    Map<Long, List<Message>> messages =
        shown.isEmpty() ? Map.of() : messages(shown.stream().map(Question::id).toList());
    Map<String, List<Feedback.Faq>> faq = new HashMap<>();
    for (Question q : shown) {
      List<Message> thread = messages.getOrDefault(q.id(), List.of());
      if (thread.isEmpty()) {
        continue;
      }
      faq.computeIfAbsent(q.procedureKey(), k -> new ArrayList<>())
          .add(
              new Feedback.Faq(
                  q.url(),
                  thread.get(0).html(),
                  thread.stream().filter(Message::answer).map(Message::html).toList()));
    }
    Map<String, Feedback.Notes> notes = new LinkedHashMap<>();
    for (String key : union(open.keySet(), faq.keySet())) {
      notes.put(
          key, new Feedback.Notes(open.getOrDefault(key, 0), faq.getOrDefault(key, List.of())));
    }
    return notes;
  }

  private static List<String> union(Set<String> a, Set<String> b) {
    var all = new TreeSet<String>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  private Map<Long, List<Message>> messages(List<Long> ids) {
    Map<Long, List<Message>> byQuestion = new HashMap<>();
    for (QuestionRepository.StoredMessage m : questions.messages(db, ids)) {
      byQuestion
          .computeIfAbsent(m.questionId(), k -> new ArrayList<>())
          .add(
              new Message(
                  m.id(), m.authorName(), m.answer(), m.body(), markdown.render(m.body()), m.at()));
    }
    return byQuestion;
  }

  /**
   * The question if this reader may see it: owners and editors any, the asker theirs, other readers
   * a public one; otherwise the same "not found" as a question that does not exist.
   */
  private Question visible(Workspace workspace, Role role, long accountId, long id) {
    requireAsker(role);
    return questions
        .byId(db, workspace.id(), id)
        // An archived manual is hidden from readers, its FAQ with it; the asker keeps their thread.
        .filter(
            q -> role.canEdit() || q.askedBy(accountId) || (q.isPublic() && !q.manualArchived()))
        .orElseThrow(() -> Refusal.notFound("There is no question " + id + " here."));
  }

  private static void requireAsker(Role role) {
    if (role == Role.RECRUITER) {
      throw Refusal.forbidden("Recruiters do not take part in questions.");
    }
  }

  /** The message's Markdown, with the screenshot kept and shown under it. */
  private String message(
      Workspace workspace, Actor actor, String body, @Nullable Screenshot screenshot) {
    String text = body == null ? "" : body.strip();
    if (text.isEmpty() && screenshot == null) {
      throw Refusal.invalid("body", "Write your message.");
    }
    if (text.length() > MAX_BODY_CHARS) {
      throw Refusal.invalid(
          "body", "The message is longer than " + MAX_BODY_CHARS + " characters.");
    }
    TextChecks.problem(text)
        .ifPresent(
            problem -> {
              throw Refusal.invalid("body", problem);
            });
    if (screenshot != null) {
      text =
          (text.isEmpty() ? "" : text + "\n\n")
              + files.keepAsMarkdown(
                  workspace,
                  actor,
                  screenshot.name(),
                  screenshot.bytes(),
                  altOf(screenshot.name()));
    }
    if (text.getBytes(StandardCharsets.UTF_8).length > 4 * MAX_BODY_CHARS) {
      throw Refusal.invalid("body", "The message is too long.");
    }
    return text;
  }

  /**
   * The files a message keeps readable for its readers: owners and editors read every file of the
   * workspace already, so whatever their text shows; anybody else only the screenshot they sent
   * with it (quoting another file's address must not open it to them).
   */
  private static Set<String> kept(Role role, String text, @Nullable Screenshot screenshot) {
    if (role.canEdit()) {
      return Set.copyOf(FileRefs.in(text));
    }
    if (screenshot == null) {
      return Set.of();
    }
    String address = text.substring(text.lastIndexOf("]("));
    return Set.copyOf(FileRefs.in(address));
  }

  private static String altOf(String name) {
    String alt = name == null ? "" : name.replaceAll("[\\[\\]()!\\\\<>]", " ").strip();
    return alt.isEmpty() ? "screenshot" : alt;
  }

  private void fire(DSLContext tx, QuestionEvent event) {
    listeners.forEach(listener -> listener.on(tx, event));
  }
}

package vademecum.webhook;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.kernel.Background;

/**
 * Sends the outbox: each due delivery is taken with {@code for update skip locked} and leased (one
 * node sends it), posted with an HMAC-SHA256 signature, and marked delivered on a 2xx answer.
 * Otherwise it is tried again later, each wait twice the previous one, and given up after {@link
 * #MAX_ATTEMPTS}.
 */
public final class WebhookDeliveries implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);
  public static final int MAX_ATTEMPTS = 10;
  private static final Duration LONGEST_WAIT = Duration.ofHours(6);

  private final DSLContext db;
  private final WebhookRepository webhooks;
  private final Duration firstRetry;
  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final Background background = new Background("webhooks");

  private final WebhookAddresses addresses;

  public WebhookDeliveries(
      DSLContext db, WebhookRepository webhooks, Duration firstRetry, WebhookAddresses addresses) {
    this.db = db;
    this.webhooks = webhooks;
    this.firstRetry = firstRetry;
    this.addresses = addresses;
  }

  public void start(Duration interval) {
    background.every(interval, interval, this::runOnce);
  }

  /** Deliveries taken at once, and sent side by side. */
  static final int BATCH = 4;

  /**
   * How long a taken delivery is left to its node: longer than any attempt (a name lookup, then
   * {@link #ANSWER_WITHIN}). A node that stops meanwhile leaves it to be sent again after that
   * (each carries its id, {@code X-Vademecum-Delivery}, for receivers to see a repeat).
   */
  static final Duration LEASE = Duration.ofMinutes(2);

  /**
   * Sends what is due now; returns how many deliveries were attempted. Deliveries are taken (and
   * leased) in a short transaction, posted outside any, side by side, and each outcome written in a
   * transaction of its own: posting inside the transaction held a pooled connection for as long as
   * ten receivers took to answer, one after another, and a receiver that never answers made every
   * workspace's deliveries wait behind it.
   */
  public int runOnce() {
    int attempted = 0;
    while (true) {
      List<WebhookRepository.Due> due =
          db.transactionResult(
              configuration -> {
                DSLContext tx = configuration.dsl();
                List<WebhookRepository.Due> taken = webhooks.takeDue(tx, BATCH);
                webhooks.lease(
                    tx,
                    taken.stream().map(WebhookRepository.Due::id).toList(),
                    OffsetDateTime.now().plus(LEASE));
                return taken;
              });
      try (ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor()) {
        for (WebhookRepository.Due delivery : due) {
          sending.submit(
              () -> {
                try {
                  Outcome outcome = attempt(delivery);
                  db.transaction(c -> record(c.dsl(), delivery, outcome));
                } catch (RuntimeException e) {
                  // The database gone meanwhile: the lease ends and the delivery is sent again.
                  log.warn("Webhook delivery {} not recorded: {}", delivery.id(), e.toString());
                }
              });
        }
      }
      attempted += due.size();
      if (due.size() < BATCH) {
        return attempted;
      }
    }
  }

  /** What came of one attempt: delivered, tried again later, or refused for good. */
  private sealed interface Outcome {}

  private record Delivered(int status) implements Outcome {}

  private record Retry(Integer status, String error) implements Outcome {}

  private record Refused(String error) implements Outcome {}

  private void record(DSLContext tx, WebhookRepository.Due delivery, Outcome outcome) {
    switch (outcome) {
      case Delivered d -> webhooks.delivered(tx, delivery.id(), d.status());
      case Retry r -> retryLater(tx, delivery, r.status(), r.error());
      case Refused r -> webhooks.failed(tx, delivery.id(), null, r.error(), null);
    }
  }

  private Outcome attempt(WebhookRepository.Due delivery) {
    // Checked again at each delivery: a name can be pointed at a private address later. The
    // HTTP client's own lookup of the name then gets the addresses checked here.
    URI url = URI.create(delivery.url());
    List<InetAddress> checked;
    try {
      checked = addresses.checked(url);
    } catch (UnknownHostException e) {
      // Often a resolver's passing failure (and Java remembers a failed lookup for seconds, which
      // failed every delivery due meanwhile): tried again, like a receiver that did not answer.
      return new Retry(null, "the name " + url.getHost() + " was not found");
    }
    if (checked.isEmpty()) {
      return new Refused("refused: the address is private");
    }
    String timestamp = String.valueOf(OffsetDateTime.now().toEpochSecond());
    Integer status = null;
    String error;
    try (PinnedNames.Pin pinned = PinnedNames.pin(url.getHost(), checked)) {
      HttpResponse<Void> response =
          answered(
              HttpRequest.newBuilder(url)
                  .timeout(ANSWER_WITHIN)
                  .header("Content-Type", "application/json")
                  .header("User-Agent", "Vademecum-Webhooks/1")
                  .header("X-Vademecum-Event", delivery.event())
                  .header("X-Vademecum-Delivery", String.valueOf(delivery.id()))
                  .header("X-Vademecum-Timestamp", timestamp)
                  .header(
                      "X-Vademecum-Signature",
                      signature(delivery.secret(), timestamp, delivery.payload()))
                  .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                  .build());
      status = response.statusCode();
      if (status >= 200 && status < 300) {
        return new Delivered(status);
      }
      error = "answered " + status;
    } catch (HttpTimeoutException e) {
      error = "no answer within " + ANSWER_WITHIN.toSeconds() + " s";
    } catch (IOException | IllegalArgumentException e) {
      // No details: the owner learns that the receiver did not answer, not why (which would
      // tell open ports from closed ones).
      error = "could not connect";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
    }
    return new Retry(status, error);
  }

  private void retryLater(
      DSLContext tx, WebhookRepository.Due delivery, Integer status, String error) {
    int attempts = delivery.attempts() + 1;
    webhooks.failed(
        tx, delivery.id(), status, error, attempts >= MAX_ATTEMPTS ? null : nextAttempt(attempts));
  }

  /** How long a receiver has to answer, its whole answer included. */
  static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);

  /**
   * The receiver's answer, read to its end within {@link #ANSWER_WITHIN}. The request's own timeout
   * ends once the headers have come (JDK-8208693): a receiver that then promised a body and sent
   * none held the one delivery thread, and its transaction, for good.
   */
  private HttpResponse<Void> answered(HttpRequest request)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<Void>> sending =
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      return sending.get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      sending.cancel(true);
      throw new HttpTimeoutException("no answer in time");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof IllegalArgumentException invalid) {
        throw invalid;
      }
      throw new IOException(e.getCause());
    }
  }

  /** 1, 2, 4, 8… times the first wait, never more than six hours. */
  OffsetDateTime nextAttempt(int attempts) {
    Duration wait = firstRetry.multipliedBy(1L << Math.min(attempts - 1, 20));
    return OffsetDateTime.now().plus(wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
  }

  /**
   * {@code sha256=} and the hex HMAC-SHA256 of "timestamp.body" with the webhook's secret: the
   * receiver recomputes it and checks the timestamp is recent, which also stops replays.
   */
  public static String signature(String secret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    background.close();
  }
}

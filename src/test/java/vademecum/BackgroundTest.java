package vademecum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import vademecum.kernel.Background;

/** A background task that fails — with an exception or an Error — is logged and runs again. */
class BackgroundTest {

  @Test
  void a_failing_run_is_logged_with_its_stack_trace_and_the_task_goes_on() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(Background.class);
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    logger.addAppender(seen);
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch fourth = new CountDownLatch(1);
    try (Background background = new Background("test-task")) {
      background.every(
          Duration.ZERO,
          Duration.ofMillis(10),
          () -> {
            switch (runs.incrementAndGet()) {
              case 1 -> throw new IllegalStateException("database restarting");
              case 2 -> throw new AssertionError("Unknown type flag: 7");
              case 3 -> {}
              default -> fourth.countDown();
            }
          });
      assertTrue(fourth.await(10, TimeUnit.SECONDS), "the task ran again after both failures");
    } finally {
      logger.detachAppender(seen);
    }
    ILoggingEvent first = seen.list.get(0);
    assertNotNull(first.getThrowableProxy(), "the first failure carries its stack trace");
    assertEquals("java.lang.IllegalStateException", first.getThrowableProxy().getClassName());
    ILoggingEvent second = seen.list.get(1);
    assertNotNull(second.getThrowableProxy(), "a different failure carries its own");
    assertEquals("java.lang.AssertionError", second.getThrowableProxy().getClassName());
  }
}

package vademecum.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vademecum.config.Config;

/**
 * The form of the log lines, chosen by {@code VADEMECUM_LOG_FORMAT} when a command starts: the text
 * of {@code logback.xml} for people, or Logback's JSON encoder for log shippers (one object a line:
 * timestamp, level, thread, logger, the message as written, its key-value pairs, and the stack
 * trace of a failure as fields rather than lines).
 */
final class Logs {
  private Logs() {}

  static void use(Config.LogFormat format) {
    if (format != Config.LogFormat.JSON
        || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Appender<ILoggingEvent> appender =
        context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    if (!(appender instanceof OutputStreamAppender<ILoggingEvent> stream)) {
      return; // an operator's own logback configuration: theirs to shape
    }
    stream.stop();
    stream.setEncoder(json(context));
    stream.start();
  }

  static JsonEncoder json(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    // The message once, as people read it; not its pattern and arguments beside it.
    encoder.setWithFormattedMessage(true);
    encoder.setWithMessage(false);
    encoder.setWithArguments(false);
    encoder.setWithContext(false);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.start();
    return encoder;
  }
}

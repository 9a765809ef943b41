package org.elephas.session;

import org.elephas.api.LogLevel;

/**
 * A message for the client that is not an error ({@code NoticeResponse}).
 *
 * @param level NOTICE, WARNING, INFO, LOG or DEBUGn
 * @param sqlState its SQLSTATE
 * @param message the message
 * @param detail detail or null
 * @param hint hint or null
 */
public record Notice(LogLevel level, String sqlState, String message, String detail, String hint) {
}

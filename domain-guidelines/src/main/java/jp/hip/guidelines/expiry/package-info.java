/**
 * The nightly expiry job ({@code ExpiryJob}, one node per night with {@code JobRuns}, ADR 0093): listings whose logo
 * window is over move to 失効, and due reminders ({@link jp.hip.guidelines.expiry.Reminder}, 期限の案内) go out
 * through a pluggable {@link jp.hip.guidelines.expiry.ReminderSender} (mail by default).
 */
@org.springframework.modulith.NamedInterface("expiry")
package jp.hip.guidelines.expiry;

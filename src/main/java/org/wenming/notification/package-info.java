/**
 * Notifications (通知): one {@link org.wenming.notification.Notifier} that the service desk and others call
 * to send a text message (one-time codes, order updates) to a mobile number. {@code send} only writes the
 * notice into an outbox in the caller's transaction; a timed job delivers it through the configured
 * delivery (a log line on one machine, or an HMAC-signed webhook to an SMS or WeChat gateway) with retries
 * and back-off, so nothing is lost while the gateway is down. System administrators see the outbox at
 * {@code /admin/notifications} and retry a notice that gave up.
 *
 * <p>The number is sealed with {@link org.wenming.volunteer.ContactSeal}, the keys of volunteers' numbers.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared", "platform", "volunteer" })
@org.wenming.platform.ModuleTables(owns = { "notification_outbox" })
package org.wenming.notification;

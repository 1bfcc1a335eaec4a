package org.wenming.notification;

/**
 * Sends notices to mobile numbers. {@link #send} joins the caller's transaction: the notice is written to
 * the outbox and delivered after that transaction commits (by a timed job, with retries), or never if it
 * rolls back.
 */
public interface Notifier {

	/**
	 * @throws org.wenming.platform.InvalidInputException naming the field ({@code topic}, {@code mobile},
	 *         {@code templateCode}, {@code parameters}, {@code text}) when the notice is not valid
	 */
	void send(Notification notification);
}

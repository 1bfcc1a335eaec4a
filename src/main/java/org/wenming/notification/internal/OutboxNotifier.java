package org.wenming.notification.internal;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.wenming.notification.Notification;
import org.wenming.notification.Notifier;
import org.wenming.volunteer.ContactSeal;

/** The one {@link Notifier}: checks the notice and writes it, sealed, into the outbox. */
@Service
public class OutboxNotifier implements Notifier {

	private final Outbox outbox;

	private final ContactSeal seal;

	private final Clock clock;

	OutboxNotifier(Outbox outbox, ContactSeal seal, Clock clock) {
		this.outbox = outbox;
		this.seal = seal;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void send(Notification notification) {
		NotificationRules.Checked notice = NotificationRules.check(notification);
		outbox.insert(notice.topic(), seal.seal(Outbox.RECIPIENT_COLUMN, notice.mobile()), notice.templateCode(),
				BodyTemplate.json(notice.parameters()), notice.text(), clock.instant().truncatedTo(ChronoUnit.MICROS));
	}
}

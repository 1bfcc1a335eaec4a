package org.wenming.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether this process runs the modules' timed jobs ({@code wenming.scheduling.*}). The switch itself is
 * read by {@link SchedulingConfiguration}'s condition, before any properties are bound; this record
 * documents it (and gives IDEs its metadata).
 *
 * @param enabled run the timed jobs (forgotten check-outs, escalation, the weekly red/black list, the
 *        retention jobs); commands run with it off
 */
@ConfigurationProperties("wenming.scheduling")
record SchedulingProperties(@DefaultValue("true") boolean enabled) {
}

/**
 * Service certificates (志愿服务证明): issued to a volunteer for a period from the ledger's records,
 * recorded with the figures as printed, and verifiable by anyone by number against the ledger now.
 * {@link org.wenming.ledger.certificate.Certificates} is the entry point.
 */
package org.wenming.ledger.certificate;

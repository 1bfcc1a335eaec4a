package org.wenming.newsroom;

/** Where an article stands: written, waiting for another person's review, public, taken down. */
public enum ArticleStatus {
	DRAFT, IN_REVIEW, PUBLISHED, WITHDRAWN
}

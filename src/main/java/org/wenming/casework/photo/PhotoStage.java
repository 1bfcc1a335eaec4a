package org.wenming.casework.photo;

/** When a case photo was taken: with the report (整改前) or as evidence of the fix (整改后). */
public enum PhotoStage {
	BEFORE, AFTER
}
